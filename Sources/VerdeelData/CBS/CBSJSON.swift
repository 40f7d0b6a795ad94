import Foundation

/// The JSON files of a CBS download, read with Foundation's parser: a whole document
/// (cbsodata's version 3 files: an array of objects), or one object per line (its version
/// 4 files). A file cut off by an interrupted download, or one that is not JSON, is an error
/// naming the file (and the line, for one object per line) and saying to download again.
enum CBSJSON {
    typealias Object = [String: Any]

    /// The objects of a file that is one array, or one object per line.
    static func objects(_ bytes: [UInt8], file: String) throws(DataError) -> [Object] {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "[") {
            guard let array = try document(bytes, file: file, line: 0) as? [Any] else { throw shape(file, "an array of objects") }
            return try array.map { element throws(DataError) in
                guard let object = element as? Object else { throw shape(file, "an array of objects") }
                return object
            }
        }
        var objects = [Object]()
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where line.contains(where: { $0 > 0x20 }) {
            guard let object = try document(Array(line), file: file, line: number + 1) as? Object else { throw shape(file, "one object per line", line: number + 1) }
            objects.append(object)
        }
        return objects
    }

    /// A file that is one object (version 4's `Properties.json`).
    static func object(_ bytes: [UInt8], file: String) throws(DataError) -> Object {
        guard let object = try document(bytes, file: file, line: 0) as? Object else { throw shape(file, "one object") }
        return object
    }

    private static func document(_ bytes: [UInt8], file: String, line: Int) throws(DataError) -> Any {
        do {
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
            if let twice = JSONDuplicateKeys.first(in: bytes) {
                throw DataError(
                    file: file, line: line == 0 ? twice.line : line, column: 0,
                    message: "an object has the key '\(twice.key)' twice, so one of its figures would be lost; download the table again")
            }
            return parsed
        } catch let error as DataError {
            throw error
        } catch {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let cutOff = !(text.hasSuffix("]") || text.hasSuffix("}"))
            throw DataError(
                file: file, line: line, column: 0,
                message: cutOff
                    ? "the JSON ends before it is complete (the download was cut off?); download the table again"
                    : "this is not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")); download the table again")
        }
    }

    private static func shape(_ file: String, _ expected: String, line: Int = 0) -> DataError {
        DataError(file: file, line: line, column: 0, message: "expected \(expected) as CBS's download writes it; is this the right file?")
    }

    /// The titles from the outermost group down to `object`, joined by `/` (the path
    /// StatLine's CSV header writes); `parent` finds an object's group. At most 64 levels,
    /// so a cycle in a broken file cannot hang.
    static func titlePath(_ object: Object, parent: (Object) -> Object?) -> String {
        var titles = [text(object, "Title") ?? ""]
        var group = parent(object)
        for _ in 0..<64 {
            guard let found = group else { break }
            titles.insert(text(found, "Title") ?? "", at: 0)
            group = parent(found)
        }
        return titles.joined(separator: "/")
    }

    /// A figure as OData gives it: a number or null (v3's typed set, v4), or padded text
    /// (v3's untyped set).
    static func figure(_ raw: Any?, key: String, object: Int, file: String) throws(DataError) -> (Double?, String) {
        switch raw {
        case nil, is NSNull: return (nil, "null in the OData table (unknown or secret)")
        // `true` and `false` are numbers of type "c" to Foundation's parser; figures are not.
        case let number as NSNumber where String(cString: number.objCType) != "c": return (number.doubleValue, "")
        case let text as String:
            guard let read = CBSNumber.read(text) else {
                throw DataError(file: file, line: 0, column: 0, columnName: key, message: "object \(object): '\(text)' is not a number")
            }
            return read
        default:
            throw DataError(file: file, line: 0, column: 0, columnName: key, message: "object \(object): the figure is not a number")
        }
    }

    /// A field as text (CBS keys and titles), trimmed; nil when absent or not text.
    static func text(_ object: Object, _ key: String) -> String? { (object[key] as? String)?.trimmingSpaces }
}

/// The files of a downloaded folder by name, and how to get one or say it is missing.
/// Files are read when asked for (a scenario reads them through its root-folder check).
public struct CBSFolder {
    public let name: String
    private let read: (String) -> [UInt8]?

    public init(name: String, read: @escaping (String) -> [UInt8]?) {
        self.name = name
        self.read = read
    }

    public init(name: String, files: [String: [UInt8]]) {
        self.init(name: name, read: { files[$0] })
    }

    /// A file of the folder, or nil when it has none of that name.
    public func file(_ name: String) -> [UInt8]? { read(name) }

    func path(_ file: String) -> String { name.hasSuffix("/") ? name + file : name + "/" + file }

    func bytes(_ file: String, needed what: String) throws(DataError) -> [UInt8] {
        guard let bytes = read(file) else {
            throw DataError(file: path(file), line: 0, column: 0, message: "the folder has no \(file) (\(what)); download the whole table again")
        }
        return bytes
    }

    func objects(_ file: String, needed what: String) throws(DataError) -> [CBSJSON.Object] {
        try CBSJSON.objects(try bytes(file, needed: what), file: path(file))
    }
}
