/// Reads Apache Thrift's compact protocol (the encoding ``ThriftCompactWriter`` writes) from
/// bytes that are input: every length and count is checked against the bytes left, varints
/// are at most ten bytes, structs nest at most ``maximumDepth`` deep, and unknown fields
/// are skipped by their type; nothing traps, every mistake is a ``ParquetReadError``.
struct ThriftCompactReader {
    typealias FieldType = ThriftCompactWriter.FieldType
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int
    private var lastField: [Int16] = [0]

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        (self.bytes, self.position, self.end) = (bytes, start, min(end ?? bytes.count, bytes.count))
    }

    mutating func byte() throws(ParquetReadError) -> UInt8 {
        guard position < end else { throw ParquetReadError("the metadata ends in the middle of a value") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(ParquetReadError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            let next = try byte()
            guard shift < 63 || next <= 1 else { throw ParquetReadError("a varint of the metadata is too long") }
            value |= UInt64(next & 0x7F) << UInt64(shift)
            if next & 0x80 == 0 { return value }
        }
        throw ParquetReadError("a varint of the metadata is too long")
    }

    mutating func integer() throws(ParquetReadError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func i32() throws(ParquetReadError) -> Int32 {
        let value = try integer()
        guard let narrow = Int32(exactly: value) else { throw ParquetReadError("\(value) is not a 32-bit value") }
        return narrow
    }

    /// A length or count, at most the bytes left (each element takes at least one byte).
    mutating func size() throws(ParquetReadError) -> Int {
        let value = try varint()
        guard value <= UInt64(end - position) else { throw ParquetReadError("a length of \(value) runs past the metadata's end") }
        return Int(value)
    }

    mutating func binary() throws(ParquetReadError) -> [UInt8] {
        let count = try size()
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func string() throws(ParquetReadError) -> String {
        let raw = try binary()
        guard let text = String(validating: raw, as: UTF8.self) else { throw ParquetReadError("a text of the metadata is not UTF-8") }
        return text
    }

    /// The next field's id and type, or nil at the struct's stop byte.
    mutating func field() throws(ParquetReadError) -> (id: Int16, type: FieldType)? {
        let header = try byte()
        if header == 0 { return nil }
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ParquetReadError("a field of unknown type \(header & 0x0F)") }
        let delta = header >> 4
        let id: Int16
        if delta == 0 {
            guard let wide = Int16(exactly: try integer()) else { throw ParquetReadError("a field id out of range") }
            id = wide
        } else {
            id = lastField[lastField.count - 1] &+ Int16(delta)
        }
        lastField[lastField.count - 1] = id
        return (id, type)
    }

    /// A struct: `body` is given each field and reads its value (or skips it).
    mutating func structure(_ body: (inout ThriftCompactReader, Int16, FieldType) throws(ParquetReadError) -> Void) throws(ParquetReadError) {
        guard lastField.count <= Self.maximumDepth else { throw ParquetReadError("the metadata nests too deep") }
        lastField.append(0)
        while let (id, type) = try field() { try body(&self, id, type) }
        lastField.removeLast()
    }

    /// A list's element type and count.
    mutating func listHeader() throws(ParquetReadError) -> (type: FieldType, count: Int) {
        let header = try byte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ParquetReadError("a list of unknown type \(header & 0x0F)") }
        let short = Int(header >> 4)
        return (type, short == 15 ? try size() : short)
    }

    /// A list of `expected` elements, each read by `element`.
    mutating func list<Element>(of expected: FieldType, _ element: (inout ThriftCompactReader) throws(ParquetReadError) -> Element) throws(ParquetReadError) -> [Element] {
        let (type, count) = try listHeader()
        guard type == expected else { throw ParquetReadError("a list holds \(type), not \(expected)") }
        var elements = [Element]()
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    /// Skips a value of `type`.
    mutating func skip(_ type: FieldType) throws(ParquetReadError) {
        switch type {
        case .booleanTrue, .booleanFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double: for _ in 0..<8 { _ = try byte() }
        case .binary: _ = try binary()
        case .list, .set:
            let (element, count) = try listHeader()
            for _ in 0..<count {
                if element == .booleanTrue || element == .booleanFalse { _ = try byte() } else { try skip(element) }
            }
        case .map:
            let count = try size()
            guard count > 0 else { return }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else { throw ParquetReadError("a map of unknown types") }
            for _ in 0..<count {
                try skip(key)
                try skip(value)
            }
        case .structure: try structure { reader, _, type throws(ParquetReadError) in try reader.skip(type) }
        }
    }
}

/// A Parquet file that cannot be read as verdeel writes them: what is wrong.
public struct ParquetReadError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
