import Foundation
import VerdeelCore
import VerdeelTables

/// A run's output files in the format asked for: each table as standard CSV (`table`,
/// `csv`, `html`: the page itself is the caller's) or in the Dutch style (`csv-nl`), with
/// `schema.json` describing them; all of them in one JSON document with the provenance
/// (`json`, as `NAME.json`), in one workbook (`xlsx`, as `NAME.xlsx`, in `language`), or as
/// a Parquet file per table (`parquet`, with `schema.json`);
/// `provenance.json` is always there. The formats people open (`csv-nl`, `xlsx`) have the
/// names of `names` next to the codes.
public enum RunFiles {
    public static func files(
        _ tables: [ResultTable], format: OutputFormat, name: String, provenance: Provenance, seed: UInt64?, warnings: [Words], language: ReportLanguage,
        names: PeopleNames
    ) throws -> [(name: String, data: Data)] {
        let record = ("provenance.json", Data(try provenance.json(seed: seed, warnings: warnings).utf8))
        switch format {
        case .table, .csv, .html: return try csv(tables) + [record]
        case .csvNL: return try csv(tables.map(names.named), style: .dutch) + [record]
        case .json: return [("\(name).json", Data(try JSONRenderer.document(tables, provenance: provenance, seed: seed, warnings: warnings).utf8)), record]
        case .xlsx: return [("\(name).xlsx", try WorkbookRenderer.workbook(tables, provenance: provenance, seed: seed, warnings: warnings, language: language, names: names)), record]
        case .parquet:
            let document = try provenance.json(seed: seed, warnings: warnings)
            let created = "verdeel version \(AllocationJSON.engineVersion)"
            return try tables.map { ($0.name + ".parquet", try ParquetRenderer.file($0, provenance: document, createdBy: created)) } + (try described(OutputSchema(tables))) + [record]
        }
    }

    /// Each table as a CSV file of the style, then `schema.json` with their columns as
    /// written and `dictionary.md`, the same for people.
    public static func csv(_ tables: [ResultTable], style: CSVRenderer.Style = .standard) throws -> [(name: String, data: Data)] {
        tables.map { ($0.fileName, Data(CSVRenderer.text($0, style: style).utf8)) } + (try described(OutputSchema(tables)))
    }

    /// One table as CSV text of the style, with the names for people in the Dutch style.
    public static func text(_ table: ResultTable, style: CSVRenderer.Style, names: PeopleNames) -> String {
        CSVRenderer.text(style == .dutch ? names.named(table) : table, style: style)
    }

    /// `schema.json` and `dictionary.md` of a folder's schema.
    public static func described(_ schema: OutputSchema) throws -> [(name: String, data: Data)] {
        [(OutputSchema.fileName, try schema.json()), (DataDictionary.fileName, Data(DataDictionary.markdown(schema).utf8))]
    }
}
