import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelData
import VerdeelDesign
import VerdeelReport
import VerdeelSession
import VerdeelTables

/// `verdeel sensitivity analyze sobol|morris`: indices of every output column.
struct SensitivityAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Sobol indices (S1, ST, optionally S2) or Morris effects of every output column, with bootstrap intervals.",
        discussion: "Samples and outputs: whitespace-separated rows as SALib and numpy.savetxt write them, or CSV with a header row (the header names the outputs; otherwise they are y1, y2, ...).")

    @Argument(help: "sobol or morris.")
    var method: SensitivityMethod

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
        let problem = try loadProblem(self.problem)
        let outputTable = try loadTable(outputs, threads: max(1, threads))
        let names = outputTable.header ?? (1...outputTable.columns).map { "y\($0)" }
        var seen = Set<String>()
        if let twice = names.first(where: { !seen.insert($0).inserted }) {
            printError("error: \(outputs): the header names the output '\(Printable.shown(twice))' twice; give each output column its own name")
            throw ExitCode(1)
        }
        if let shown = names.first(where: { !Printable.isPrintable($0) }) {
            printError("error: \(outputs): the output name '\(Printable.shown(shown))' holds a control character; retype it without")
            throw ExitCode(1)
        }
        let sampleTable = try samples.map { try loadTable($0, threads: max(1, threads)) }
        if let sampleTable {
            try checkSamples(sampleTable, problem: problem, outputs: outputTable)
        }
        var files: [ResultTable]
        var warnings = [String]()
        do {
            switch method {
            case .sobol:
                let analysis = try SobolAnalysis(groups: problem.groups.count, secondOrder: secondOrder, resamples: bootstrap, confidenceLevel: confidence, seed: seed)
                let indices = try analysis.analyze(values: outputTable.values, rows: outputTable.rows, outputs: outputTable.columns, threads: max(1, threads))
                files = [SensitivityTables.sobol(indices, outputs: .init(names: names), factors: problem.groups)]
                if secondOrder { files.append(SensitivityTables.secondOrder(indices, outputs: .init(names: names), factors: problem.groups)) }
                warnings = zip(names, indices).filter { $0.1.isConstant }.map { "output \($0.0) has the same value in every row: its indices are 0" }
            case .morris:
                guard let sampleTable else {
                    printError("error: Morris needs the design's rows: give --samples FILE (the file 'verdeel sensitivity sample morris' wrote)")
                    throw ExitCode(1)
                }
                let design = DesignMatrix(rows: sampleTable.rows, columns: sampleTable.columns, values: sampleTable.values)
                let analysis = try MorrisAnalysis(problem: problem, levels: levels, resamples: bootstrap, confidenceLevel: confidence, seed: seed)
                let indices = try analysis.analyze(inputs: design, outputs: outputTable.values, count: outputTable.columns)
                files = [SensitivityTables.morris(indices, outputs: .init(names: names), factors: problem.groups)]
            }
        } catch let error as DesignError {
            printError("error: \(outputs): \(error.message)")
            throw ExitCode(1)
        }
        for warning in warnings { printError("warning: \(warning)") }
        try OutputSet(output).write(files: try RunFiles.csv(files), notes: warnings)
    }

    private func checkSamples(_ samples: NumberTable, problem: SensitivityProblem, outputs: NumberTable) throws {
        if samples.columns != problem.factors.count {
            printError("error: \(samples.name): has \(samples.columns) columns but the problem has \(problem.factors.count) factors; one column per factor")
            throw ExitCode(1)
        }
        if samples.rows != outputs.rows {
            printError("error: \(outputs.name): has \(outputs.rows) rows but \(samples.name) has \(samples.rows); one output row per sample row")
            throw ExitCode(1)
        }
    }
}
