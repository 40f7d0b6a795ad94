import ArgumentParser
import Foundation
import VerdeelReport
import VerdeelSession

/// `verdeel merge PART... --output DIR`: joins the parts of a sharded run into the files the
/// run would have written whole, byte for byte (``ShardMerge``; a sensitivity analysis's
/// parts: the analysis of their joined design rows, with the scenario compiled again where
/// the parts ran, ``ScenarioSession/mergedSensitivity(_:run:files:threads:)``).
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts of a sharded run (verdeel run --shard I/N) into one output folder.")

    @Argument(help: "The parts' folders, in any order.")
    var parts: [String] = []

    @Option(name: .long, help: "The folder to write the merged run into (replaced as a whole).")
    var output: String

    @Option(name: .long, help: "csv (the parts' tables joined byte for byte) or parquet (a Parquet file per table; parts written as Parquet have their row groups copied).")
    var format: OutputFormat = .csv

    @OptionGroup(title: "Files a sensitivity analysis's scenario may be read from")
    var files: FileAccessOptions

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("name the parts' folders, e.g. verdeel merge part-1 part-2 --output out") }
        guard format == .csv || format == .parquet else { throw ValidationError("--format is csv or parquet for a merged run") }
    }

    func run() throws {
        do {
            let loaded = try ShardMerge.parts(parts)
            if loaded.contains(where: { $0.record.sensitivity != nil }) {
                let merged = try sensitivity(loaded)
                try OutputSet(URL(fileURLWithPath: output).standardizedFileURL.path).publish(format, notes: merged.notes) { try merged.files(format: format, language: .nl) }
                return
            }
            let files = try ShardMerge.files(loaded, format: format)
            try OutputSet(output).publish(format, notes: loaded[0].record.notes) { files }
        } catch let error as MergeError {
            Self.fail(error.description)
        }
    }

    /// A sensitivity analysis of the parts' joined design rows, its scenario compiled again.
    private func sensitivity(_ parts: [PartFolder]) throws -> RunResult {
        let location = try ShardMerge.sensitivityLocation(parts)
        let input = ScenarioInput(file: try ShardMerge.scenarioFile(location, parts[0], access: files.access), access: files.access)
        let compilation = try input.compile()
        let runs = try input.run(try input.select([location.scenario], from: compilation.plans), sources: compilation.sources)
        do {
            return try input.session.mergedSensitivity(parts, run: runs[0], files: compilation.files, threads: ProcessInfo.processInfo.activeProcessorCount)
        } catch let error as MergeError {
            throw error
        } catch {
            Self.fail(compilation.sources.describe(error))
        }
    }

    static func fail(_ message: String) -> Never {
        printError("error: " + message + "; nothing was written")
        Merge.exit(withError: ExitCode(1))
    }
}
