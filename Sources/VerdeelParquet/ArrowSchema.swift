import Foundation

/// The Arrow schema of a file's columns, as the key-value metadata `ARROW:schema` carries it
/// (Arrow's Schema.fbs and Message.fbs; the encapsulated IPC message: `FF FF FF FF`, the
/// message's length, the message, padded to 8 bytes; base64): each column a nullable field
/// of its Arrow type (Utf8, Int 64/32/16 signed, FloatingPoint DOUBLE, Bool), the strings
/// dictionary-encoded (int32 indices, unordered), as verdeel writes them; and the file's
/// other key-value metadata as the schema's own (a reader that finds this schema takes its
/// metadata from it). Readers that use it read those columns as dictionaries without
/// expanding them: pandas gives `category`, polars `Categorical`, R a factor.
enum ArrowSchema {
    /// The metadata key readers look for.
    static let key = "ARROW:schema"

    /// The base64 text of the schema message for `columns` and the key-value `pairs`.
    static func metadata(_ columns: [ParquetColumn], pairs: [(key: String, value: String)]) -> String {
        let message = FlatBuffer.buffer(root: [
            .short(4),  // MetadataVersion V5
            .byte(1),  // MessageHeader Schema
            // Little-endian; the fields; the metadata.
            .table([.short(0), .tables(columns.enumerated().map(field)), .tables(pairs.map { [.string($0.key), .string($0.value)] })]),
            .long(0),  // no body
        ])
        var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        let padded = (message.count + 7) / 8 * 8
        for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: padded >> (8 * index))) }
        bytes += message + [UInt8](repeating: 0, count: padded - message.count)
        return Data(bytes).base64EncodedString()
    }

    /// Field `index`: name, nullable, its type (the union's tag and table), and for a string
    /// its dictionary encoding (id `index`, int32 indices).
    private static func field(_ index: Int, _ column: ParquetColumn) -> [FlatBuffer.Field] {
        let (tag, type): (UInt8, [FlatBuffer.Field]) =
            switch column.kind {
            case .string: (5, [])
            case .int64: (2, [.int(64), .byte(1)])
            case .int32: (2, [.int(32), .byte(1)])
            case .int16: (2, [.int(16), .byte(1)])
            case .double: (3, [.short(2)])
            case .boolean: (6, [])
            }
        let dictionary: FlatBuffer.Field = column.kind == .string ? .table([.long(Int64(index)), .table([.int(32), .byte(1)]), .byte(0)]) : .absent
        return [.string(column.name), .byte(1), .byte(tag), .table(type), dictionary, .tables([])]
    }
}
