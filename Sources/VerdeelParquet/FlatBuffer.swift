/// The little of FlatBuffers' binary format (flatbuffers.dev, "Internals") the Arrow schema
/// needs, written front to back: the root offset, then each table (a signed offset to its
/// vtable, then its fields, each aligned to its size), its vtable after it (the field
/// offsets within the table), then the strings, vectors and tables it refers to, each
/// reference an unsigned offset forward from where it is stored. No FlatBuffers library is
/// available to the project, and a schema is a few hundred bytes.
enum FlatBuffer {
    /// A table's field, in slot order; `absent` for a field left at its default.
    indirect enum Field {
        case absent
        case byte(UInt8)
        case short(Int16)
        case int(Int32)
        case long(Int64)
        case table([Field])
        case string(String)
        case tables([[Field]])

        /// The bytes the field takes inside its table, and their alignment.
        var inlineSize: Int {
            switch self {
            case .absent: 0
            case .byte: 1
            case .short: 2
            case .int, .table, .string, .tables: 4
            case .long: 8
            }
        }
    }

    /// The buffer of a root table of `fields`.
    static func buffer(root fields: [Field]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4)
        let root = table(fields, into: &bytes)
        patch(&bytes, at: 0, to: root)
        return bytes
    }

    /// Writes a table and what it refers to at the end of `bytes`; returns the table's position.
    private static func table(_ fields: [Field], into bytes: inout [UInt8]) -> Int {
        pad(&bytes, to: 8)
        let start = bytes.count
        bytes += [0, 0, 0, 0]
        var offsets = [Int](repeating: 0, count: fields.count)
        for (slot, field) in fields.enumerated() where field.inlineSize > 0 {
            pad(&bytes, to: field.inlineSize)
            offsets[slot] = bytes.count - start
            switch field {
            case .byte(let value): bytes.append(value)
            case .short(let value): append(UInt64(UInt16(bitPattern: value)), 2, to: &bytes)
            case .int(let value): append(UInt64(UInt32(bitPattern: value)), 4, to: &bytes)
            case .long(let value): append(UInt64(bitPattern: value), 8, to: &bytes)
            case .absent, .table, .string, .tables: bytes += [0, 0, 0, 0]
            }
        }
        let size = bytes.count - start
        pad(&bytes, to: 2)
        let vtable = bytes.count
        for value in [4 + 2 * fields.count, size] + offsets { append(UInt64(value), 2, to: &bytes) }
        // The vtable is at `start - soffset`, here after the table: a negative offset.
        append(UInt64(UInt32(bitPattern: Int32(start - vtable))), 4, at: start, in: &bytes)
        for (slot, field) in fields.enumerated() {
            let at = start + offsets[slot]
            switch field {
            case .table(let child): patch(&bytes, at: at, to: table(child, into: &bytes))
            case .string(let text): patch(&bytes, at: at, to: string(text, into: &bytes))
            case .tables(let children):
                pad(&bytes, to: 4)
                let vector = bytes.count
                append(UInt64(children.count), 4, to: &bytes)
                bytes += [UInt8](repeating: 0, count: 4 * children.count)
                for (index, child) in children.enumerated() { patch(&bytes, at: vector + 4 + 4 * index, to: table(child, into: &bytes)) }
                patch(&bytes, at: at, to: vector)
            default: break
            }
        }
        return start
    }

    /// A string: its length, its UTF-8 bytes and a terminating zero; returns its position.
    private static func string(_ text: String, into bytes: inout [UInt8]) -> Int {
        pad(&bytes, to: 4)
        let position = bytes.count
        let utf8 = Array(text.utf8)
        append(UInt64(utf8.count), 4, to: &bytes)
        bytes += utf8 + [0]
        return position
    }

    /// The unsigned offset at `at` to `target` (which lies after it).
    private static func patch(_ bytes: inout [UInt8], at: Int, to target: Int) {
        append(UInt64(target - at), 4, at: at, in: &bytes)
    }

    private static func pad(_ bytes: inout [UInt8], to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    private static func append(_ value: UInt64, _ width: Int, to bytes: inout [UInt8]) {
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
    }

    private static func append(_ value: UInt64, _ width: Int, at position: Int, in bytes: inout [UInt8]) {
        for index in 0..<width { bytes[position + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
    }
}
