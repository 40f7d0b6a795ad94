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
        try OutputFile(table.name + ".parquet") { stream in try write(table, provenance: provenance, createdBy: createdBy, to: stream) }.data()
    }

    /// The table's Parquet file passed to `stream` row group by row group as its rows are
    /// made (``ParquetFileWriter``): memory holds one row group's columns, not the table. An
    /// amount column is written INT64 until a value in it is not whole: then DOUBLE, the
    /// values so far widened when no row group has been written yet, else the file
    /// restarted with that column DOUBLE from the start (rare: a column whole for its first
    /// 131,072 rows). So every table is read once, and the types are as if it had been
    /// read twice.
    public static func write(_ table: ResultTable, provenance: String, createdBy: String, to stream: OutputFile.Stream) throws {
        var fractional = Set<Int>()
        while true {
            do {
                try attempt(table, fractional: fractional, metadata: [("verdeel.provenance", provenance), ("verdeel.table", table.name)], createdBy: createdBy, to: stream)
                return
            } catch let restart as Restart {
                fractional.insert(restart.column)
                try stream.restart()
            }
        }
    }

    /// An amount column found not whole after the first row group: write the file again.
    private struct Restart: Error {
        let column: Int
    }

    private static func attempt(
        _ table: ResultTable, fractional: Set<Int>, metadata: [(key: String, value: String)], createdBy: String, to stream: OutputFile.Stream
    ) throws {
        let declared = table.columns.enumerated().map { index, column in
            ParquetColumn(name: column.id, kind: kind(column.kind, whole: !fractional.contains(index)))
        }
        let amounts = Set(table.columns.indices.filter { table.columns[$0].kind == .euro })
        var speculative = amounts.subtracting(fractional)
        var writer = try ParquetFileWriter(columns: declared, metadata: metadata, createdBy: createdBy) { try stream(Data($0)) }
        try forEachConverted(table, declared, amounts: amounts) { row in
            for index in speculative {
                guard case .double = row[index] else { continue }
                guard !writer.hasWrittenRowGroups else { throw Restart(column: index) }
                try writer.widen(column: index)
                speculative.remove(index)
            }
            for index in amounts where !speculative.contains(index) {
                if case .integer(let value) = row[index] { row[index] = .double(Double(value)) }
            }
            try writer.append(row)
        }
        try writer.finish()
    }

    /// Every row of the table as Parquet cells, in order, made a batch of chunks at a time
    /// on every core (``ResultTable/forEachMadeChunk(_:_:)``): an amount column's cell is an
    /// integer when its text is a whole number, else a double; the others as their column is.
    private static func forEachConverted(_ table: ResultTable, _ columns: [ParquetColumn], amounts: Set<Int>, _ body: (inout [ParquetCell]) throws -> Void) throws {
        try table.forEachMadeChunk({ chunk in
            var rows = [[ParquetCell]](), failure: (any Error)?
            table.forEachRow(ofChunk: chunk) { row in
                guard failure == nil else { return }
                do { rows.append(try converted(row, columns, amounts: amounts)) } catch { failure = error }
            }
            if let failure { throw failure }
            return rows
        }) { rows in
            for var row in rows { try body(&row) }
        }
    }

    private static func converted(_ row: [Cell], _ columns: [ParquetColumn], amounts: Set<Int>) throws -> [ParquetCell] {
        guard row.count == columns.count else { throw ParquetRendererError("a row of \(row.count) cells for \(columns.count) columns") }
        return try row.indices.map { column in
            guard amounts.contains(column) else { return try cell(row[column], columns[column]) }
            if case .number(_, let text) = row[column], let whole = Int64(text) { return .integer(whole) }
            return try cell(row[column], ParquetColumn(name: columns[column].name, kind: .double))
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
        case (.number(let value, let text), .double):
            // A cell's value is the number its text reads as (Cell), except a negative zero or a
            // NaN written as "0" or "nan": those are read from the text, so the bits are the CSV's.
            guard value.isNaN || (value == 0 && value.sign == .minus) else { return .double(value) }
            return .double(Double(text) ?? value)
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
