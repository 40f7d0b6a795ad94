import Foundation
import Testing
@testable import VerdeelParquet

/// The pieces of the format worked out by hand from their specifications (Thrift's compact
/// protocol, parquet-format's rle-bitpacked.md and the file layout); that the files read back
/// in pyarrow, DuckDB and fastparquet is scripts/check-parquet.py's part.
struct ParquetEncodingTests {
    /// Zigzag maps 0, -1, 1, -2 to 0, 1, 2, 3; 300 is the varint AC 02 (300 = 0b10_0101100).
    @Test func thriftIntegersAreZigzagVarints() {
        var writer = ThriftCompactWriter()
        #expect(writer.zigzag(0) == 0 && writer.zigzag(-1) == 1 && writer.zigzag(1) == 2 && writer.zigzag(-2) == 3)
        writer.varint(300)
        #expect(writer.bytes == [0xAC, 0x02])
    }

    /// Field 1 (i32 = 5) holding 1: the header 0x15 and zigzag 2; field 20 next is a long
    /// form (delta 19 > 15): the type byte 0x06 (i64), zigzag(20) = 40, then zigzag(-3) = 5;
    /// a true boolean field 21 is the byte 0x11; the struct ends in 0.
    @Test func thriftFieldsCarryTheirIdDelta() {
        var writer = ThriftCompactWriter()
        writer.structBody { body in
            body.i32(1, 1)
            body.i64(20, -3)
            body.bool(21, true)
        }
        #expect(writer.bytes == [0x15, 0x02, 0x06, 40, 0x05, 0x11, 0x00])
    }

    /// A list of three i32 is the header 0x35; of twenty strings 0xF8 and the size 20.
    @Test func thriftListsHaveTheirSizeInTheHeader() {
        var writer = ThriftCompactWriter()
        writer.structBody { body in
            body.i32List(2, [0, 3, 8])
            body.stringList(3, Array(repeating: "", count: 20))
        }
        #expect(writer.bytes == [0x29, 0x35, 0x00, 0x06, 0x10, 0x19, 0xF8, 20] + Array(repeating: 0, count: 20) + [0x00])
    }

    /// rle-bitpacked.md's example: 0 to 7 in 3 bits packed are 10001000 11000110 11111010,
    /// after the header 1 group << 1 | 1 = 3.
    @Test func eightValuesArePacked() {
        #expect(RLEHybrid.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    /// Ten fives in 3 bits are one run: 10 << 1 = 20, then the value in a byte. Three 1s then
    /// thirteen 0s (bit width 1): the 1s and five 0s fill a packed group (1,1,1,0,0,0,0,0 is
    /// 0x07), then eight 0s are a run (8 << 1 = 16); with twelve 0s only seven would be left,
    /// too few for a run, so two packed groups (header 2 << 1 | 1 = 5).
    @Test func repeatsAreRuns() {
        #expect(RLEHybrid.encode(Array(repeating: 5, count: 10), bitWidth: 3) == [20, 0x05])
        #expect(RLEHybrid.encode([1, 1, 1] + Array(repeating: 0, count: 13), bitWidth: 1) == [0x03, 0x07, 16, 0x00])
        #expect(RLEHybrid.encode([1, 1, 1] + Array(repeating: 0, count: 12), bitWidth: 1) == [0x05, 0x07, 0x00])
    }

    /// A file is PAR1, its pages, its footer, the footer's length (4 bytes little-endian) and PAR1.
    @Test func aFileIsFramedByMagicAndFooterLength() throws {
        var bytes = [UInt8]()
        var writer = try ParquetFileWriter(
            columns: [ParquetColumn(name: "region", kind: .string), ParquetColumn(name: "amount", kind: .int64)],
            metadata: [("verdeel", "test")], createdBy: "verdeel test") { bytes += $0 }
        try writer.append([.string("GM0014"), .integer(250_000)])
        try writer.append([.string("GM0037"), .null])
        try writer.finish()
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8) && Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let length = bytes[bytes.count - 8..<bytes.count - 4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(length > 0 && length < bytes.count - 12)
        // A cell of the wrong kind is refused, never written as something else.
        #expect(throws: ParquetWriteError.self) { try writer.append([.integer(1), .integer(2)]) }
    }
}
