import VerdeelCore
import VerdeelTables

/// A run's tables as one JSON document (`--format json`): the provenance, then under
/// `tables` each table by name as a list of objects keyed by column id. A cell is typed by
/// what it holds: a number as a JSON number, text as a string (a code such as `0014` stays
/// text), an empty cell (or empty text) as null. Keys are sorted, so the document is the same on every run.
public enum JSONRenderer {
    public static func document(_ tables: [ResultTable], provenance: Provenance, seed: UInt64?, warnings: [Words]) throws -> String {
        var converted = [String: [[String: Value]]]()
        for table in tables {
            let ids = table.columns.map(\.id)
            converted[table.name] = table.rows.map { row in
                Dictionary(zip(ids, row.map(Value.init)).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
            }
            try table.checkRows()
        }
        return try provenance.json("tables", converted, seed: seed, warnings: warnings)
    }

    /// A cell as a JSON value.
    enum Value: Encodable {
        case number(Double)
        case text(String)
        case boolean(Bool)
        case null

        init(_ cell: Cell) {
            switch cell {
            case .empty: self = .null
            case .number(let value, _): self = value.isFinite ? .number(value) : .null
            case .text(let text): self = text.isEmpty ? .null : .text(text)
            case .boolean(let value): self = .boolean(value)
            case .words(let words): self = .text(words.english)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .text(let text): try container.encode(text)
            case .boolean(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }
    }
}
