import ArgumentParser
import VerdeelReport

/// A run's output files in the format asked for: the standard CSV tables as they are
/// (`table`, `csv`), each in the Dutch style (`csv-nl`), or all of them in one JSON
/// document with the provenance (`json`, as `NAME.json`); `provenance.json` is always there.
enum ExportedFiles {
    static func files(
        _ tables: [(name: String, contents: String)], format: OutputFormat, json name: String, provenance: Provenance, seed: UInt64?, warnings: [String]
    ) throws -> [(name: String, contents: String)] {
        let record = ("provenance.json", try provenance.json(seed: seed, warnings: warnings))
        do {
            switch format {
            case .table, .csv: return tables + [record]
            case .csvNL: return try tables.map { ($0.name, try TableExport.dutch($0.contents, name: $0.name)) } + [record]
            case .json: return [("\(name).json", try TableExport.json(tables, provenance: provenance, seed: seed, warnings: warnings)), record]
            }
        } catch {
            printError("error: the results cannot be written as \(format.rawValue): \(error)")
            throw ExitCode(1)
        }
    }
}
