/// Apache Thrift's compact protocol, the encoding of Parquet's page headers and file
/// metadata (parquet.thrift), written from the protocol's specification: a field is a header
/// byte (the field id's delta from the previous field of the struct in the high four bits
/// when it is 1 to 15, else 0 and the id as a zigzag varint after the byte; the type in the
/// low four bits), then its value. Integers are zigzag varints (`(n << 1) ^ (n >> 63)`, seven
/// bits a byte, low first); binary and strings a varint length and the bytes; a list a header
/// byte (`size << 4 | type` for fewer than 15 elements, else `0xF0 | type` and the size as a
/// varint); a struct its fields and a stop byte (0). A boolean field is its type alone
/// (1 true, 2 false).
struct ThriftCompactWriter {
    enum FieldType: UInt8 {
        case booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private(set) var bytes: [UInt8] = []
    /// The last field id of each open struct, innermost last.
    private var lastField: [Int16] = [0]

    mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastField[lastField.count - 1])
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            varint(zigzag(Int64(id)))
        }
        lastField[lastField.count - 1] = id
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        varint(zigzag(Int64(value)))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        varint(zigzag(value))
    }

    mutating func i16(_ id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        varint(zigzag(Int64(value)))
    }

    /// Bytes already encoded (a struct with its stop byte, written by another writer).
    mutating func raw(_ encoded: [UInt8]) {
        bytes += encoded
    }

    mutating func i8(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func bool(_ id: Int16, _ value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ id: Int16, _ value: String) {
        binary(id, Array(value.utf8))
    }

    /// A struct field: its fields (written by `body`) and the stop byte.
    mutating func structure(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .structure)
        structBody(body)
    }

    /// A struct's fields and its stop byte (a top-level struct, or an element of a list).
    mutating func structBody(_ body: (inout ThriftCompactWriter) -> Void) {
        lastField.append(0)
        body(&self)
        bytes.append(0)
        lastField.removeLast()
    }

    mutating func listHeader(_ id: Int16, count: Int, of type: FieldType) {
        fieldHeader(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            varint(UInt64(count))
        }
    }

    /// A list of structs, each written by `element`.
    mutating func structList<Element>(_ id: Int16, _ elements: [Element], _ element: (inout ThriftCompactWriter, Element) -> Void) {
        listHeader(id, count: elements.count, of: .structure)
        for value in elements { structBody { element(&$0, value) } }
    }

    mutating func i32List(_ id: Int16, _ values: [Int32]) {
        listHeader(id, count: values.count, of: .i32)
        for value in values { varint(zigzag(Int64(value))) }
    }

    mutating func stringList(_ id: Int16, _ values: [String]) {
        listHeader(id, count: values.count, of: .binary)
        for value in values {
            varint(UInt64(value.utf8.count))
            bytes += Array(value.utf8)
        }
    }
}
