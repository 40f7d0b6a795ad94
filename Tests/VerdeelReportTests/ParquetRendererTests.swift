import Foundation
import Testing
import VerdeelParquet
import VerdeelTables
@testable import VerdeelReport

/// The Parquet types a table's declared columns get, and the cells they take.
struct ParquetRendererTests {
    static func table(amounts: [Cell]) -> ResultTable {
        ResultTable(
            name: "t", title: .init(dutch: "t", english: "t"),
            columns: [.region, .year, Column("amount", .euro, dutch: "bedrag", english: "amount", "euros"), Column("share", .fraction, dutch: "aandeel", english: "share", "a fraction"),
                      Column("people", .count, dutch: "inwoners", english: "people", "a count"), Column("flag", .boolean, dutch: "vlag", english: "flag", "yes or no")],
            rows: amounts.map { [.text("GM0014"), .whole(2026), $0, .number(0.25), .whole(3), .boolean(true)] })
    }

    /// Codes are strings, years INT32, counts INT64, fractions DOUBLE, yes-or-no BOOLEAN; an
    /// amount column is INT64 when every value is whole (an empty cell does not count) and
    /// DOUBLE as soon as one is not (a measure that rounds to cents).
    @Test func columnsAreTypedByTheirKinds() throws {
        let kinds = { (table: ResultTable) in try ParquetFooter(file: [UInt8](try ParquetRenderer.file(table, provenance: "{}", createdBy: "test"))).columns.map(\.kind) }
        #expect(try kinds(Self.table(amounts: [.number(250_000), .empty, .number(-3)])) == [.string, .int32, .int64, .double, .int64, .boolean])
        #expect(try kinds(Self.table(amounts: [.number(250_000), .number(1234.56)]))[2] == .double)
    }

    /// An amount column whole for its first row group (131,072 rows) and then 0.5: the file
    /// is written again with the column DOUBLE from the start, all 131,073 rows in it; a
    /// fraction in the first row group widens the column in place.
    @Test func aFractionAfterTheFirstRowGroupRestartsTheFile() throws {
        let rows = (0..<131_072).map { [Cell.whole($0)] } + [[Cell.number(0.5)]]
        let table = ResultTable(
            name: "t", title: .init(dutch: "t", english: "t"), columns: [Column("amount", .euro, dutch: "bedrag", english: "amount", "euros")], rows: rows)
        let footer = try ParquetFooter(file: [UInt8](try ParquetRenderer.file(table, provenance: "{}", createdBy: "test")))
        #expect(footer.columns.map(\.kind) == [.double] && footer.rows == 131_073)
        let early = try ParquetFooter(file: [UInt8](try ParquetRenderer.file(
            ResultTable(name: "t", title: .init(dutch: "t", english: "t"), columns: table.columns, rows: [[Cell.whole(3)], [Cell.number(0.5)]]),
            provenance: "{}", createdBy: "test")))
        #expect(early.columns.map(\.kind) == [.double] && early.rows == 2)
    }

    /// A number column's cell is the number its text says, bit for bit; an empty cell is null;
    /// a text in a number column is refused.
    @Test func cellsAreTheirTextsNumbers() throws {
        let double = ParquetColumn(name: "x", kind: .double), integer = ParquetColumn(name: "n", kind: .int64)
        #expect(try ParquetRenderer.cell(.number(0.1 + 0.2, "0.30000000000000004"), double) == .double(0.30000000000000004))
        #expect(try ParquetRenderer.cell(.number(3, "3"), integer) == .integer(3))
        #expect(try ParquetRenderer.cell(.empty, integer) == .null)
        #expect(throws: ParquetRendererError.self) { try ParquetRenderer.cell(.text("GM0014"), integer) }
        #expect(throws: ParquetRendererError.self) { try ParquetRenderer.cell(.number(2.5, "2.5"), integer) }
    }
}

/// A Parquet file leaves the writer as its row groups are done, not at the end.
struct ParquetStreamingTests {
    /// Rows in groups of 10: after 10 rows the sink holds `PAR1` and the first group's
    /// column chunk; the last 5 rows and the footer come at `finish`.
    @Test func rowGroupsLeaveAsTheyAreDone() throws {
        var received = [UInt8]()
        var writer = try ParquetFileWriter(columns: [ParquetColumn(name: "n", kind: .int64)], metadata: [], createdBy: "test", rowGroupRows: 10) { received += $0 }
        #expect(received == Array("PAR1".utf8))
        for value in 0..<9 { try writer.append([.integer(Int64(value))]) }
        #expect(received.count == 4)
        try writer.append([.integer(9)])
        let afterFirstGroup = received.count
        #expect(afterFirstGroup > 4 + 10)
        for value in 10..<15 { try writer.append([.integer(Int64(value))]) }
        #expect(received.count == afterFirstGroup)
        try writer.finish()
        #expect(Array(received.suffix(4)) == Array("PAR1".utf8))
    }
}
