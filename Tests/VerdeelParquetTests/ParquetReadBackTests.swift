import Foundation
import Testing
@testable import VerdeelParquet

/// Reading back what the writer wrote, for a merge: Thrift values by hand, a file's footer,
/// row groups of two files joined, an INT64 chunk widened to doubles, a page written by hand
/// from the specification decoded, every type's cells read back, and files that are not
/// whole or whose statistics are not their values' refused.
struct ParquetReadBackTests {
    /// `i32` field 1 = 150 is `15 AC 02` (delta 1, type 5; zigzag 300 as a varint), a struct
    /// field 3 (delta 2, type 12) holding binary field 2 "ab" is `2C 28 02 61 62 00`, then the stop byte.
    @Test func thriftValuesReadAsTheSpecificationWritesThem() throws {
        let bytes: [UInt8] = [0x15, 0xAC, 0x02, 0x2C, 0x28, 0x02, 0x61, 0x62, 0x00, 0x00]
        var reader = ThriftCompactReader(bytes)
        var number: Int32?, text: String?
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .i32): number = try reader.i32()
            case (3, .structure):
                try reader.structure { reader, id, kind throws(ParquetReadError) in
                    if id == 2, kind == .binary { text = try reader.string() } else { try reader.skip(kind) }
                }
            default: try reader.skip(kind)
            }
        }
        #expect(number == 150 && text == "ab" && reader.position == bytes.count)
        var short = ThriftCompactReader([0x15, 0xAC])
        #expect(throws: ParquetReadError.self) { try short.structure { reader, _, kind throws(ParquetReadError) in try reader.skip(kind) } }
        var long = ThriftCompactReader([0x18, 0x7F, 0x61])
        #expect(throws: ParquetReadError.self) { try long.structure { reader, _, kind throws(ParquetReadError) in try reader.skip(kind) } }
    }

    static func file(_ values: [Int64?], kind: ParquetColumn.Kind = .int64, rowGroupRows: Int = 3) throws -> [UInt8] {
        var bytes = [UInt8]()
        var writer = try ParquetFileWriter(
            columns: [ParquetColumn(name: "variant", kind: kind), ParquetColumn(name: "region", kind: .string)], metadata: [("k", "v")], createdBy: "test",
            rowGroupRows: rowGroupRows) { bytes += $0 }
        for value in values { try writer.append([value.map { kind == .double ? .double(Double($0)) : .integer($0) } ?? .null, .string("GM0014")]) }
        try writer.finish()
        return bytes
    }

    /// Five rows in groups of three: two row groups, 5 rows, the variant bounds 1...5 from
    /// the statistics, the key-value pair; one byte short, or a footer length beyond the
    /// file, is refused.
    @Test func aFootersRowGroupsAndStatisticsReadBack() throws {
        let bytes = try Self.file([1, 2, 3, 4, 5])
        let footer = try ParquetFooter(file: bytes)
        #expect(footer.columns == [ParquetColumn(name: "variant", kind: .int64), ParquetColumn(name: "region", kind: .string)])
        #expect(footer.rows == 5 && footer.rowGroups.map(\.rows) == [3, 2])
        #expect(footer.integerBounds(of: 0) == 1...5 && footer.integerBounds(of: 1) == nil)
        #expect(footer.value(of: "k") == "v")
        #expect(throws: ParquetReadError.self) { try ParquetFooter(file: Array(bytes.dropLast())) }
        var long = bytes
        long[long.count - 8] = 0xFF
        long[long.count - 7] = 0xFF
        #expect(throws: ParquetReadError.self) { try ParquetFooter(file: long) }
    }

    /// Two files joined: 1-3 then 4-5 (groups of two: 2 + 1 + 2 + ... groups), their rows 5,
    /// bounds 1...5, every chunk's pages copied (the joined file's pages are the two files'
    /// bytes between PAR1 and their footers).
    @Test func rowGroupsOfTwoFilesAreJoinedAsTheyAre() throws {
        let first = try Self.file([1, 2, 3], rowGroupRows: 2), second = try Self.file([4, 5], rowGroupRows: 2)
        var joined = [UInt8]()
        var writer = try ParquetFileWriter(
            columns: [ParquetColumn(name: "variant", kind: .int64), ParquetColumn(name: "region", kind: .string)], metadata: [], createdBy: "test") { joined += $0 }
        for file in [first, second] { try writer.append(rowGroupsOf: try ParquetFooter(file: file), in: file) }
        try writer.finish()
        let footer = try ParquetFooter(file: joined)
        #expect(footer.rows == 5 && footer.rowGroups.map(\.rows) == [2, 1, 2] && footer.integerBounds(of: 0) == 1...5)
        let pages = { (file: [UInt8]) -> [UInt8] in
            let footer = try ParquetFooter(file: file)
            let end = footer.rowGroups.last.map { Int($0.start + $0.compressedSize) } ?? 4
            return Array(file[4..<end])
        }
        #expect(try pages(joined) == (try pages(first)) + (try pages(second)))
    }

    /// An INT64 chunk [7, null, -2] reads back as those cells, and joined into a DOUBLE column
    /// it becomes doubles: the statistics' least -2.0 and greatest 7.0 as IEEE bits.
    @Test func integersAreWidenedToDoubles() throws {
        let file = try Self.file([7, nil, -2])
        let footer = try ParquetFooter(file: file)
        let chunk = footer.rowGroups[0].chunks[0]
        #expect(try ChunkDecoding.cells(Array(file[Int(chunk.start)..<Int(chunk.start + chunk.compressedSize)]), chunk, kind: .int64).cells == [.integer(7), .null, .integer(-2)])
        var joined = [UInt8]()
        var writer = try ParquetFileWriter(
            columns: [ParquetColumn(name: "variant", kind: .double), ParquetColumn(name: "region", kind: .string)], metadata: [], createdBy: "test") { joined += $0 }
        try writer.append(rowGroupsOf: footer, in: file)
        try writer.finish()
        let widened = try ParquetFooter(file: joined)
        #expect(widened.columns[0].kind == .double)
        let statistics = widened.rowGroups[0].chunks[0].statistics
        #expect(statistics.min == ColumnChunk.plain((-2.0).bitPattern, 8) && statistics.max == ColumnChunk.plain(7.0.bitPattern, 8) && statistics.nullCount == 1)
    }

    /// A data page of INT32 [5, null, -1] by hand (parquet.thrift, Encodings.md): the header
    /// `15 00` type 0, `15 1C` and `15 1C` 14 bytes before and after compression, `2C` the
    /// data page header (3 values `15 06`, PLAIN `15 00`, RLE levels `15 06 15 06`), stops;
    /// the body: levels' length 2, `03 05` (one bit-packed group: 1, 0, 1), then 5 and -1.
    @Test func aPageWrittenByHandDecodes() throws {
        let page: [UInt8] = [0x15, 0x00, 0x15, 0x1C, 0x15, 0x1C, 0x2C, 0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
                             0x02, 0x00, 0x00, 0x00, 0x03, 0x05, 0x05, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]
        let metadata = ChunkMetadata(
            physicalType: 1, encodings: [3, 0], path: ["x"], codec: 0, values: 3, uncompressedSize: Int64(page.count), compressedSize: Int64(page.count),
            dataPageOffset: 4, dictionaryPageOffset: nil, statistics: ChunkStatistics())
        #expect(try ChunkDecoding.cells(page, metadata, kind: .int32).cells == [.integer(5), .null, .integer(-1)])
        #expect(throws: ParquetReadError.self) { try ChunkDecoding.cells(Array(page.dropLast()), metadata, kind: .int32) }
        #expect(throws: ParquetReadError.self) { try ChunkDecoding.cells(page, metadata, kind: .int64) }
    }

    /// Every type, empty cells and a repeated string, in row groups of two, compressed or
    /// not: each column's cells read back group by group as written.
    @Test func everyTypesCellsReadBack() throws {
        let columns: [ParquetColumn] = [.init(name: "region", kind: .string), .init(name: "amount", kind: .int64), .init(name: "year", kind: .int16),
                                        .init(name: "rank", kind: .int32), .init(name: "share", kind: .double), .init(name: "met", kind: .boolean)]
        let rows: [[ParquetCell]] = [
            [.string("GM0014"), .integer(3_169_712), .integer(2028), .integer(1), .double(0.25), .boolean(true)],
            [.string("Pekela"), .null, .integer(2029), .integer(-3), .double(-0.0), .boolean(false)],
            [.string("GM0014"), .integer(-7), .null, .null, .null, .null],
        ]
        for compressed in [true, false] {
            var bytes = [UInt8]()
            var writer = try ParquetFileWriter(columns: columns, metadata: [], createdBy: "test", rowGroupRows: 2, compressed: compressed) { bytes += $0 }
            for row in rows { try writer.append(row) }
            try writer.finish()
            let footer = try ParquetFooter(file: bytes)
            for index in columns.indices {
                #expect(try footer.checkedCells(ofColumn: index, in: bytes) == [[rows[0][index], rows[1][index]], [rows[2][index]]])
            }
        }
    }

    /// An uncompressed variant column 1, 2, 3 whose last value is made 9 in its page: the
    /// file is whole, but its statistics (greatest 3) are not its values'.
    @Test func valuesThatAreNotTheirStatisticsAreRefused() throws {
        var bytes = [UInt8]()
        var writer = try ParquetFileWriter(columns: [ParquetColumn(name: "variant", kind: .int64)], metadata: [], createdBy: "test", compressed: false) { bytes += $0 }
        for value in [1, 2, 3] as [Int64] { try writer.append([.integer(value)]) }
        try writer.finish()
        let three: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0]
        let footerStart = bytes.count - 8 - (0..<4).reduce(0) { $0 | Int(bytes[bytes.count - 8 + $1]) << (8 * $1) }
        let at = try #require((4...(footerStart - 8)).first { Array(bytes[$0..<($0 + 8)]) == three })
        bytes[at] = 9
        let footer = try ParquetFooter(file: bytes)
        #expect {
            try footer.checkedCells(ofColumn: 0, in: bytes)
        } throws: { error in
            "\(error)".contains("statistics that are not its values'")
        }
    }
}
