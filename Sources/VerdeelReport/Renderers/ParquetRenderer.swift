import Foundation
import VerdeelCore
import VerdeelParquet
import VerdeelTables

/// Each table as a Parquet file (`NAME.parquet`, ``ParquetFileWriter``), its column types
/// from the table's declared columns: codes and names as dictionary-encoded UTF-8 strings,
/// years, variants and ranks (ordinals) as INT32, counts as INT64, whole euros as INT64 (an
/// amount column whose every value is whole; a measure that rounds to cents, or a mean,
/// makes it DOUBLE), other numbers as DOUBLE (the value the CSV's text reads as, so every
/// double is bit-equal to the CSV's), yes-or-no as BOOLEAN; an empty cell is null. The
/// provenance document (engine version, scenario files' SHA-256, seed, synthetic notice) is
/// the file's key-value metadata `verdeel.provenance`.
public enum ParquetRenderer {
    /// The table's Parquet file in memory.
    public static func file(_ table: ResultTable, provenance: String, createdBy: String) throws -> Data {
        var data = Data()
        try write(table, provenance: provenance, createdBy: createdBy) { data.append($0) }
        return data
    }

    /// The table's Parquet file passed to `sink` row group by row group as its rows are made
    /// (``ParquetFileWriter``): memory holds one row group's columns, not the table.
    public static func write(_ table: ResultTable, provenance: String, createdBy: String, to sink: (Data) throws -> Void) throws {
        let columns = try parquetColumns(table)
        try withoutActuallyEscaping(sink) { sink in
            var writer = try ParquetFileWriter(
                columns: columns, metadata: [("verdeel.provenance", provenance), ("verdeel.table", table.name)], createdBy: createdBy) { try sink(Data($0)) }
            var failure: (any Error)?
            for chunk in 0..<table.chunkCount where failure == nil {
                table.forEachRow(ofChunk: chunk) { row in
                    guard failure == nil else { return }
                    do { try writer.append(try zip(row, columns).map(cell)) } catch { failure = error }
                }
            }
            if let failure { throw failure }
            try writer.finish()
        }
    }

    /// The Parquet column of each declared column; an amount column is INT64 when every value
    /// in it is whole (one pass over the rows first).
    static func parquetColumns(_ table: ResultTable) throws -> [ParquetColumn] {
        let amounts = table.columns.indices.filter { table.columns[$0].kind == .euro }
        var whole = Set(amounts)
        if !whole.isEmpty {
            for chunk in 0..<table.chunkCount {
                table.forEachRow(ofChunk: chunk) { row in
                    for index in whole where index < row.count {
                        if case .number(_, let text) = row[index], Int64(text) == nil { whole.remove(index) }
                    }
                }
            }
        }
        return table.columns.enumerated().map { index, column in
            ParquetColumn(name: column.id, kind: kind(column.kind, whole: whole.contains(index)))
        }
    }

    /// The Parquet kinds a column of `kind` is written as (an amount column: two).
    public static func kinds(of kind: ColumnKind) -> Set<ParquetColumn.Kind> {
        [self.kind(kind, whole: true), self.kind(kind, whole: false)]
    }

    static func kind(_ kind: ColumnKind, whole: Bool) -> ParquetColumn.Kind {
        switch kind {
        case .text, .regionCode: .string
        case .ordinal: .int32
        case .count: .int64
        case .boolean: .boolean
        case .euro: whole ? .int64 : .double
        case .euroCents, .fraction, .percentage, .decimal: .double
        }
    }

    /// A table's cell as its column's value; a number column's text that is not a number of
    /// the column's kind is refused.
    static func cell(_ cell: Cell, _ column: ParquetColumn) throws -> ParquetCell {
        switch (cell, column.kind) {
        case (.empty, _): return .null
        case (.text(let text), .string): return .string(text)
        case (.words(let words), .string): return .string(words.english)
        case (.boolean(let value), .boolean): return .boolean(value)
        case (.number(_, let text), .int64), (.number(_, let text), .int32), (.number(_, let text), .int16):
            guard let value = Int64(text) else { throw ParquetRendererError("'\(text)' in column '\(column.name)' is not a whole number") }
            return .integer(value)
        case (.number(let value, let text), .double): return .double(Double(text) ?? value)
        default: throw ParquetRendererError("a cell \(cell) in column '\(column.name)' is not a \(column.kind) value")
        }
    }
}

/// A table whose cells do not fit its declared columns' Parquet types.
public struct ParquetRendererError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
