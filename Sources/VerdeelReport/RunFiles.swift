import Foundation
import VerdeelTables

/// A run's output files in the format asked for: each table as standard CSV (`table`,
/// `csv`, `html`: the page itself is the caller's) or in the Dutch style (`csv-nl`), all of
/// them in one JSON document with the provenance (`json`, as `NAME.json`), or in one
/// workbook (`xlsx`, as `NAME.xlsx`, in `language`); `provenance.json` is always there.
public enum RunFiles {
    public static func files(
        _ tables: [ResultTable], format: OutputFormat, name: String, provenance: Provenance, seed: UInt64?, warnings: [String], language: ReportLanguage
    ) throws -> [(name: String, data: Data)] {
        let record = ("provenance.json", Data(try provenance.json(seed: seed, warnings: warnings).utf8))
        switch format {
        case .table, .csv, .html: return tables.map { ($0.fileName, Data(CSVRenderer.text($0).utf8)) } + [record]
        case .csvNL: return tables.map { ($0.fileName, Data(CSVRenderer.text($0, style: .dutch).utf8)) } + [record]
        case .json: return [("\(name).json", Data(try JSONRenderer.document(tables, provenance: provenance, seed: seed, warnings: warnings).utf8)), record]
        case .xlsx: return [("\(name).xlsx", try WorkbookRenderer.workbook(tables, provenance: provenance, seed: seed, warnings: warnings, language: language)), record]
        }
    }
}
