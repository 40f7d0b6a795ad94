import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelData
import VerdeelDesign
import VerdeelReport

/// `verdeel sensitivity`: designs and analyses compatible with SALib's files, for
/// researchers who run their own model.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sensitivity designs and analyses on SALib's file layouts (Sobol, Morris).",
        subcommands: [SensitivitySample.self, SensitivityAnalyze.self])
}

/// The two methods.
enum SensitivityMethod: String, ExpressibleByArgument, CaseIterable {
    case sobol, morris
}

/// `verdeel sensitivity sample sobol|morris --problem P -N n`: the rows to evaluate.
struct SensitivitySample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a design: Saltelli rows for Sobol (N (G + 2), or N (2G + 2) with --second-order) or Morris trajectories (N (G + 1)).")

    @Argument(help: "sobol or morris.")
    var method: SensitivityMethod

    @Option(name: .long, help: "The problem: 'name lower upper [group]' per line, or SALib's JSON.")
    var problem: String

    @Option(name: .customShort("N"), help: "Sobol: base points (a power of two, e.g. 1024). Morris: trajectories.")
    var count: Int

    @Flag(name: .customLong("second-order"), help: "Sobol: add the BA rows for second-order indices.")
    var secondOrder = false

    @Option(name: .long, help: "Morris: grid levels p (even).")
    var levels = 4

    @Option(name: .long, help: "The seed of the scrambling (Sobol) or of the trajectories (Morris).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Write the rows to this file (default: standard output).")
    var output: String?

    func run() throws {
        let problem = try loadProblem(self.problem)
        let design: DesignMatrix
        do {
            switch method {
            case .sobol: design = try SaltelliDesign(problem: problem, baseCount: count, secondOrder: secondOrder).matrix(seed: seed)
            case .morris: design = try MorrisDesign(problem: problem, trajectories: count, levels: levels).matrix(seed: seed)
            }
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(1)
        }
        let text = SensitivityCSV.matrix(design.values, columns: design.columns)
        guard let output else { return print(text, terminator: "") }
        try writeAtomically(text, to: output)
    }
}

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
        let sampleTable = try samples.map { try loadTable($0, threads: max(1, threads)) }
        if let sampleTable {
            try checkSamples(sampleTable, problem: problem, outputs: outputTable)
        }
        var files: [(name: String, contents: String)]
        var warnings = [String]()
        do {
            switch method {
            case .sobol:
                let analysis = try SobolAnalysis(groups: problem.groups.count, secondOrder: secondOrder, resamples: bootstrap, confidenceLevel: confidence, seed: seed)
                let indices = try analysis.analyze(values: outputTable.values, rows: outputTable.rows, outputs: outputTable.columns, threads: max(1, threads))
                files = [("sobol.csv", SensitivityCSV.sobol(indices, outputs: names, factors: problem.groups))]
                if secondOrder { files.append(("s2.csv", SensitivityCSV.secondOrder(indices, outputs: names, factors: problem.groups))) }
                warnings = zip(names, indices).filter { $0.1.isConstant }.map { "output \($0.0) has the same value in every row: its indices are 0" }
            case .morris:
                guard let sampleTable else {
                    printError("error: Morris needs the design's rows: give --samples FILE (the file 'verdeel sensitivity sample morris' wrote)")
                    throw ExitCode(1)
                }
                let design = DesignMatrix(rows: sampleTable.rows, columns: sampleTable.columns, values: sampleTable.values)
                let analysis = try MorrisAnalysis(problem: problem, levels: levels, resamples: bootstrap, confidenceLevel: confidence, seed: seed)
                let indices = try analysis.analyze(inputs: design, outputs: outputTable.values, count: outputTable.columns)
                files = [("morris.csv", SensitivityCSV.morris(indices, outputs: names, factors: problem.groups))]
            }
        } catch let error as DesignError {
            printError("error: \(outputs): \(error.message)")
            throw ExitCode(1)
        }
        for warning in warnings { printError("warning: \(warning)") }
        try OutputSet(output).write(files, notes: warnings)
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

func loadProblem(_ path: String) throws -> SensitivityProblem {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("error: cannot read the problem file \(path); check the path")
        throw ExitCode(1)
    }
    do {
        return try ProblemFile.parse(name: path, text: String(decoding: data, as: UTF8.self))
    } catch {
        printError("error: \(error.message)")
        throw ExitCode(1)
    }
}

/// A table of numbers, read in parallel parts from the file mapped into memory.
func loadTable(_ path: String, threads: Int) throws -> NumberTable {
    let descriptor = open(path, O_RDONLY)
    var status = stat()
    guard descriptor >= 0, fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        if descriptor >= 0 { close(descriptor) }
        printError("error: cannot read \(path); check the path (it must be a file)")
        throw ExitCode(1)
    }
    defer { close(descriptor) }
    let size = Int(status.st_size)
    guard size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
        printError("error: \(path): has no rows of numbers; write one row per sample, values separated by spaces or commas")
        throw ExitCode(1)
    }
    defer { munmap(mapped, size) }
    do {
        return try NumberTable(name: path, buffer: UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), threads: threads)
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// Writes one file through a temporary sibling and a rename, so a reader never sees half of it.
func writeAtomically(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("error: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
}
