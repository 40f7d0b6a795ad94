/// One column of a Parquet file as verdeel writes it: optional (a cell may be empty), of one
/// physical type with the logical type that makes readers give the right dtype.
///
/// - `string`: BYTE_ARRAY, logical STRING (UTF-8), dictionary-encoded.
/// - `int64`, `int32`, `int16`: INT64 or INT32, logical INTEGER(64, 32 or 16, signed).
/// - `double`: DOUBLE. - `boolean`: BOOLEAN.
public struct ParquetColumn: Sendable, Equatable {
    public enum Kind: Sendable, Hashable {
        case string, int64, int32, int16, double, boolean
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        (self.name, self.kind) = (name, kind)
    }

    /// The physical type's number in parquet.thrift's `Type`.
    var physicalType: Int32 {
        switch kind {
        case .boolean: 0
        case .int32, .int16: 1
        case .int64: 2
        case .double: 5
        case .string: 6
        }
    }
}

/// One cell of a row written: empty (null) or a value of its column's kind.
public enum ParquetCell: Sendable, Equatable {
    case null
    case string(String)
    case integer(Int64)
    case double(Double)
    case boolean(Bool)
}

/// A value that does not fit its column (a text in a number column, an integer beyond the
/// column's width): the writer refuses it rather than write something else.
public struct ParquetWriteError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
