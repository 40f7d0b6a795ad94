import ArgumentParser
import Foundation
import VerdeelData
import VerdeelReport
import VerdeelSession

/// `verdeel sensitivity analyze sobol|morris`: indices of every output column (``SALibAnalysis``).
struct SensitivityAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Sobol indices (S1, ST, optionally S2) or Morris effects of every output column, with bootstrap intervals.",
        discussion: "Samples and outputs: whitespace-separated rows as SALib and numpy.savetxt write them, or CSV with a header row (the header names the outputs; otherwise they are y1, y2, ...).")

    @Argument(help: "sobol or morris.")
    var method: SALibMethod

    @Option(name: .long, help: "The problem: 'name lower upper [group]' per line, or SALib's JSON.")
    var problem: String

    @Option(name: .long, help: "The design's rows (needed for Morris; for Sobol checked against the outputs).")
    var samples: String?

    @Option(name: .long, help: "The model's outputs: one row per sample row, one column per output.")
    var outputs: String

    @Flag(name: .customLong("second-order"), help: "Sobol: the design has BA rows; also write s2.csv.")
    var secondOrder = false

    @Option(name: .long, help: "Bootstrap resamples for the intervals.")
    var bootstrap = 100

    @Option(name: .long, help: "Confidence level of the intervals.")
    var confidence = 0.95

    @Option(name: .long, help: "Morris: grid levels p, as sampled.")
    var levels = 4

    @Option(name: .long, help: "The seed of the bootstrap resamples.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Threads (the result does not depend on it).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "The output folder (sobol.csv and s2.csv, or morris.csv), written as one set.")
    var output: String

    func run() throws {
        let analysis = SALibAnalysis(
            method: method, secondOrder: secondOrder, resamples: bootstrap, confidenceLevel: confidence, levels: levels, seed: seed, threads: threads)
        let result = try SALibFiles.orExit { () throws(SALibFileError) in
            let problem = try SALibFiles.problem(self.problem)
            let outputTable = try SALibFiles.table(outputs, threads: analysis.threads)
            var sampleTable: NumberTable?
            if let samples { sampleTable = try SALibFiles.table(samples, threads: analysis.threads) }
            return try analysis.tables(problem: problem, outputs: outputTable, samples: sampleTable)
        }
        for warning in result.warnings { printError("warning: \(warning)") }
        try OutputSet(output).write(files: try RunFiles.csv(result.tables), notes: result.warnings)
    }
}

extension SALibMethod: ExpressibleByArgument {}

extension SALibFiles {
    /// Runs `body`; a file that cannot be read ends the command with its message.
    static func orExit<T>(_ body: () throws(SALibFileError) -> T) throws -> T {
        do { return try body() } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
