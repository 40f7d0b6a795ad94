import ArgumentParser
import Foundation
import VerdeelReport
import VerdeelSession
import VerdeelTables

/// A run's output files (``RunFiles``); a table that cannot be written ends the command.
enum ExportedFiles {
    static func files(
        _ tables: [ResultTable], format: OutputFormat, name: String, provenance: Provenance, seed: UInt64?, warnings: [String],
        language: ReportLanguage
    ) throws -> [(name: String, data: Data)] {
        try written(format) { try RunFiles.files(tables, format: format, name: name, provenance: provenance, seed: seed, warnings: warnings, language: language) }
    }

    /// A run result's files.
    static func files(_ result: RunResult, format: OutputFormat, name: String, language: ReportLanguage) throws -> [(name: String, data: Data)] {
        try written(format) { try result.files(format: format, name: name, language: language) }
    }

    private static func written(_ format: OutputFormat, _ make: () throws -> [(name: String, data: Data)]) throws -> [(name: String, data: Data)] {
        do {
            return try make()
        } catch {
            printError("error: the results cannot be written as \(format.rawValue): \(error)")
            throw ExitCode(1)
        }
    }
}
