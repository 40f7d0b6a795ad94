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
    ) throws -> [OutputFile] {
        let record = OutputFile("provenance.json", data: Data(try provenance.json(seed: seed, warnings: warnings).utf8))
        switch format {
        case .table, .csv, .html: return try csv(tables) + [record]
        case .csvNL: return try csv(tables.map(names.named), style: .dutch) + [record]
        case .json: return [OutputFile("\(name).json", data: Data(try JSONRenderer.document(tables, provenance: provenance, seed: seed, warnings: warnings).utf8)), record]
        case .xlsx:
            return [OutputFile("\(name).xlsx", data: try WorkbookRenderer.workbook(tables, provenance: provenance, seed: seed, warnings: warnings, language: language, names: names)), record]
        case .parquet: return try parquet(tables, provenance: try provenance.json(seed: seed, warnings: warnings)) + [record]
        }
    }

    /// Each table as a Parquet file, written as it is made, then `schema.json` and
    /// `dictionary.md`; `provenance` (the document) is each file's key-value metadata.
    public static func parquet(_ tables: [ResultTable], provenance: String) throws -> [OutputFile] {
        let created = "verdeel version \(AllocationJSON.engineVersion)"
        return tables.map { table in
            OutputFile(table.name + ".parquet") { stream in try ParquetRenderer.write(table, provenance: provenance, createdBy: created, to: stream) }
        } + (try described(OutputSchema(tables)))
    }

    /// Each table as a CSV file of the style, then `schema.json` with their columns as
    /// written and `dictionary.md`, the same for people.
    public static func csv(_ tables: [ResultTable], style: CSVRenderer.Style = .standard) throws -> [OutputFile] {
        tables.map { table in OutputFile(table.fileName) { stream in try CSVRenderer.write(table, style: style, to: stream.callAsFunction) } } + (try described(OutputSchema(tables)))
    }

    /// One table as CSV text of the style, with the names for people in the Dutch style.
    public static func text(_ table: ResultTable, style: CSVRenderer.Style, names: PeopleNames) throws -> String {
        try CSVRenderer.text(style == .dutch ? names.named(table) : table, style: style)
    }

    /// `schema.json` and `dictionary.md` of a folder's schema.
    public static func described(_ schema: OutputSchema) throws -> [OutputFile] {
        [OutputFile(OutputSchema.fileName, data: try schema.json()), OutputFile(DataDictionary.fileName, data: Data(DataDictionary.markdown(schema).utf8))]
    }
}
