/// Finds an object in JSON text that has a key twice (`{"Value": 1, "Value": 2}`), which
/// Foundation's parser accepts silently, keeping one of the two: a figure could change
/// without a trace. One pass over the bytes after the document has parsed (so it is valid
/// JSON), with a set of keys per open object; keys are compared as written (escapes are
/// not decoded, which CBS's keys never use).
enum JSONDuplicateKeys {
    /// The first key given twice in one object and its line (from 1), or nil.
    static func first(in bytes: [UInt8]) -> (key: String, line: Int)? {
        var stack = [Set<[UInt8]>?]()
        var expectingKey = false
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
            case UInt8(ascii: ":"):
                expectingKey = false
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey, stack.last != nil {
                    let key = Array(bytes[(index + 1)..<min(end, bytes.count)])
                    if stack[stack.count - 1]?.insert(key).inserted == false {
                        return (String(decoding: key, as: UTF8.self), line)
                    }
                    expectingKey = false
                }
                index = end
            default: break
            }
            index += 1
        }
        return nil
    }
}
