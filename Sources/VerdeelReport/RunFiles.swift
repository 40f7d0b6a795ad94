import Foundation

/// A run's output files in the format asked for: the standard CSV tables as they are
/// (`table`, `csv`, `html`: the page itself is the caller's), each in the Dutch style
/// (`csv-nl`), all of them in one JSON document with the provenance (`json`, as
/// `NAME.json`), or in one workbook (`xlsx`, as `NAME.xlsx`, in `language`);
/// `provenance.json` is always there.
public enum RunFiles {
    public static func files(
        _ tables: [(name: String, contents: String)], format: OutputFormat, name: String, provenance: Provenance, seed: UInt64?, warnings: [String],
        language: ReportLanguage
    ) throws -> [(name: String, data: Data)] {
        let record = ("provenance.json", Data(try provenance.json(seed: seed, warnings: warnings).utf8))
        switch format {
        case .table, .csv, .html: return tables.map { ($0.name, Data($0.contents.utf8)) } + [record]
        case .csvNL: return try tables.map { ($0.name, Data(try TableExport.dutch($0.contents, name: $0.name).utf8)) } + [record]
        case .json: return [("\(name).json", Data(try TableExport.json(tables, provenance: provenance, seed: seed, warnings: warnings).utf8)), record]
        case .xlsx:
            let workbook = try WorkbookExport.workbook(tables, provenance: provenance, seed: seed, warnings: warnings, language: language)
            return [("\(name).xlsx", workbook), record]
        }
    }
}
