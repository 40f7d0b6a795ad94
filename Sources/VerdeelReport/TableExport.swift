import Foundation
import VerdeelData

/// Any of the run's CSV tables in the other formats a user opens: Dutch CSV (a UTF-8
/// byte-order mark, `;` between fields, decimal commas in numbers) and JSON (one document
/// with the provenance and each table as a list of objects keyed by its header, numbers as
/// numbers, empty fields as null). Tables are converted from the standard CSV the run
/// writes, so every table gets every format without a renderer of its own.
public enum TableExport {
    /// The same table in the Dutch style. A field that is a number gets a decimal comma;
    /// text keeps its characters and is quoted where it holds `;`, a quote or a line break.
    public static func dutch(_ csv: String, name: String) throws(DataError) -> String {
        let file = try CSVFile(name: name, bytes: Array(csv.utf8))
        let rows = [file.header.map(\.value)] + file.records.map { $0.map(\.value) }
        let lines = rows.map { row in
            row.map { field in
                Double(field) != nil && field.contains(".") ? field.replacingOccurrences(of: ".", with: ",") : AllocationCSV.quoted(field, separator: ";")
            }.joined(separator: ";")
        }
        return AllocationCSV.byteOrderMark + lines.joined(separator: "\n") + "\n"
    }

    /// A JSON value of a CSV field: a number, null for an empty field, or the text.
    enum Value: Encodable {
        case number(Double)
        case text(String)
        case null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }
    }

    /// The tables (`name.csv` -> `name`) with the provenance in one JSON document.
    public static func json(_ tables: [(name: String, contents: String)], provenance: Provenance, seed: UInt64?, warnings: [String]) throws -> String {
        var converted = [String: [[String: Value]]]()
        for (name, contents) in tables {
            let file = try CSVFile(name: name, bytes: Array(contents.utf8))
            let header = file.header.map(\.value)
            converted[(name as NSString).deletingPathExtension] = file.records.map { record in
                Dictionary(uniqueKeysWithValues: zip(header, record.map { field -> Value in
                    if field.value.isEmpty { return .null }
                    if let number = Double(field.value), number.isFinite { return .number(number) }
                    return .text(field.value)
                }).map { ($0, $1) })
            }
        }
        return try provenance.json("tables", converted, seed: seed, warnings: warnings)
    }
}
