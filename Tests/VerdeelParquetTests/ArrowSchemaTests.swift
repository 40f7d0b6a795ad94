import Foundation
import Testing
@testable import VerdeelParquet

/// `ARROW:schema` read back by the rules of FlatBuffers' format (a table's first four bytes
/// are the signed offset back to its vtable; the vtable's first short its size, then one
/// short per field: the field's offset in the table, 0 when absent; references are unsigned
/// offsets from where they are stored) and Arrow's Schema.fbs and Message.fbs (field slots
/// in declaration order, a union taking two: its tag, then its table).
struct ArrowSchemaTests {
    /// A reader of the buffer, independent of the writer.
    struct Reader {
        let bytes: [UInt8]

        func unsigned(_ at: Int, _ width: Int) -> Int { (0..<width).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }

        func root() -> Table { Table(reader: self, position: unsigned(0, 4)) }

        struct Table {
            let reader: Reader
            let position: Int

            var vtable: Int { position - Int(Int32(truncatingIfNeeded: reader.unsigned(position, 4))) }

            func field(_ slot: Int) -> Int? {
                let size = reader.unsigned(vtable, 2)
                guard 4 + 2 * slot < size else { return nil }
                let offset = reader.unsigned(vtable + 4 + 2 * slot, 2)
                return offset == 0 ? nil : position + offset
            }

            func scalar(_ slot: Int, _ width: Int) -> Int? { field(slot).map { reader.unsigned($0, width) } }

            func reference(_ slot: Int) -> Int? { field(slot).map { $0 + reader.unsigned($0, 4) } }

            func table(_ slot: Int) -> Table? { reference(slot).map { Table(reader: reader, position: $0) } }

            func string(_ slot: Int) -> String? {
                reference(slot).map { at in String(decoding: reader.bytes[(at + 4)..<(at + 4 + reader.unsigned(at, 4))], as: UTF8.self) }
            }

            func tables(_ slot: Int) -> [Table] {
                guard let vector = reference(slot) else { return [] }
                return (0..<reader.unsigned(vector, 4)).map { index in
                    let element = vector + 4 + 4 * index
                    return Table(reader: reader, position: element + reader.unsigned(element, 4))
                }
            }
        }
    }

    @Test func theSchemaMessageReadsBackByTheFormatsRules() throws {
        let columns = [ParquetColumn(name: "region", kind: .string), ParquetColumn(name: "amount", kind: .int64), ParquetColumn(name: "year", kind: .int16),
                       ParquetColumn(name: "share", kind: .double), ParquetColumn(name: "met", kind: .boolean)]
        let encoded = try #require(Data(base64Encoded: ArrowSchema.metadata(columns, pairs: [("verdeel.table", "summary")])))
        let bytes = [UInt8](encoded)
        // The encapsulated message: continuation marker, the padded length, the message.
        #expect(Array(bytes.prefix(4)) == [0xFF, 0xFF, 0xFF, 0xFF])
        let reader = Reader(bytes: Array(bytes.dropFirst(8)))
        #expect(Reader(bytes: bytes).unsigned(4, 4) == bytes.count - 8 && (bytes.count - 8) % 8 == 0)
        let message = reader.root()
        #expect(message.scalar(0, 2) == 4 && message.scalar(1, 1) == 1)  // V5, a Schema
        let schema = try #require(message.table(2))
        #expect(schema.scalar(0, 2) ?? 0 == 0)  // little-endian
        let fields = schema.tables(1)
        #expect(fields.map { $0.string(0) } == ["region", "amount", "year", "share", "met"])
        #expect(fields.allSatisfy { $0.scalar(1, 1) == 1 && $0.tables(5).isEmpty })  // nullable, no children
        #expect(fields.map { $0.scalar(2, 1) } == [5, 2, 2, 3, 6])  // Utf8, Int, Int, FloatingPoint, Bool
        #expect(fields[1].table(3).map { [$0.scalar(0, 4), $0.scalar(1, 1)] } == [64, 1])
        #expect(fields[2].table(3).map { [$0.scalar(0, 4), $0.scalar(1, 1)] } == [16, 1])
        #expect(fields[3].table(3)?.scalar(0, 2) == 2)  // DOUBLE
        let dictionary = try #require(fields[0].table(4))
        #expect(dictionary.scalar(0, 8) == 0 && dictionary.table(1).map { [$0.scalar(0, 4), $0.scalar(1, 1)] } == [32, 1] && dictionary.scalar(2, 1) ?? 0 == 0)
        #expect(fields.dropFirst().allSatisfy { $0.field(4) == nil })
        #expect(schema.tables(2).map { [$0.string(0), $0.string(1)] } == [["verdeel.table", "summary"]])
    }
}
