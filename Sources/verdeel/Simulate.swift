import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelData
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// Runs one scenario's variants and Monte Carlo draws for `verdeel run`: progress bar with
/// time left (on a terminal only), Ctrl-C or SIGTERM stops the run without writing
/// anything, the files are written as one set at the end.
struct Simulate {
    let run: ScenarioRun
    /// Where the plan's sites are, for messages.
    let sources: SourceMap
    /// Reads the scenario's files (for other data vintages).
    let read: @Sendable (String) -> [UInt8]?
    let threads: Int
    let chunk: Int
    /// The statistics computed over the draws besides the amounts (fairness, losses).
    let statistics: [any DrawStatistic]
    /// The scenario files (path and bytes), for the provenance.
    let files: [(path: String, bytes: [UInt8])]
    /// The files' format (with --output).
    let format: OutputFormat
    /// The language of a workbook's words.
    let language: ReportLanguage
    /// The part of the run to compute (`--shard I/N`); nil for all of it.
    var shard: ShardChoice? = nil

    /// The variants this process runs: a shard's range, or all.
    var variants: Range<Int> {
        ScenarioSession.variants(of: run.plan, part: shard.map { ($0.index, $0.count) })
    }

    func execute(output: String?) throws {
        let started = Date()
        let simulated = try simulate()
        guard let result = simulated.simulation else { return }
        let seconds = Date().timeIntervalSince(started)
        for (variant, reason) in result.infeasible.sorted(by: { $0.key < $1.key }).prefix(10) {
            printError("warning: variant \(variant + 1) is infeasible and left out: \(reason)")
        }
        if result.infeasible.count > 10 { printError("warning: \(result.infeasible.count) variants are infeasible in all (see infeasible.csv)") }
        let cellsPerSecond = Double(result.cells) / max(seconds, 1e-9)
        print("scenario \(run.plan.name): \(result.variantCount) variants x \(result.draws) draws x \(result.slots.count) measure-year-regions = \(result.cells) cells in \(String(format: "%.3f", seconds)) s (\(String(format: "%.3g", cellsPerSecond)) cells/s, \(threads) thread\(threads == 1 ? "" : "s"); memory estimate \(SimulationError.gigabytes(result.estimatedBytes)))")
        if let output, let shard {
            try writeShard(simulated, shard: shard, to: output)
        } else if let output {
            let written = try ExportedFiles.files(simulated, format: format, name: "simulation", language: language)
            try OutputSet(output).write(files: written, notes: simulated.notes)
            for (name, _) in written { print("wrote \((output as NSString).appendingPathComponent(name))") }
        } else if result.infeasible.count < result.variantCount {
            print(SimulationTable(result, variant: 0, inhabitants: Inhabitants(run)).render(), terminator: "")
            print("Write every variant with --output DIR (variants.csv, summary.csv\(result.tables.map { ", \($0.header.name).csv" }.joined())).")
        }
        if shard == nil, result.infeasible.count == result.variantCount {
            printError("error: no variant of scenario '\(run.plan.name)' can be allocated\(output == nil ? "" : " (the reasons are in infeasible.csv)")")
            throw ExitCode(1)
        }
    }
}

extension Simulate {
    /// Runs the variants and draws, with the progress bar; a signal or an error ends the command.
    func simulate() throws -> RunResult {
        if let problem = ProcessorCheck.problem() {
            printError("error: \(problem)")
            throw ExitCode(1)
        }
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let control = RunControl(threads: threads, chunk: chunk, variants: variants) { done, total in bar.show(done, total) }
        Interruption.shared.whenSignalled { control.cancel() }
        defer { Interruption.shared.whenSignalled(nil) }
        if Interruption.shared.signalNumber != nil { control.cancel() }
        printError("running scenario \(run.plan.name): \(run.plan.simulation?.variantCount ?? 1) variants x \(run.plan.simulation?.monteCarlo?.draws ?? 1) draws on \(threads) thread\(threads == 1 ? "" : "s") (Ctrl-C stops without writing anything)")
        do {
            let result = try ScenarioSession(read: read).simulation(run, files: files, statistics: statistics, control: control)
            bar.clear()
            return result
        } catch .interrupted {
            bar.clear()
            printError("\(Interruption.shared.signalName): no output was written")
            throw ExitCode(Interruption.shared.exitCode)
        } catch {
            bar.clear()
            printError("error: scenario '\(run.plan.name)': \(sources.describe(error))")
            throw ExitCode(1)
        }
    }

    /// A shard's folder: its tables, the run's provenance and `shard.json`.
    private func writeShard(_ simulated: RunResult, shard: ShardChoice, to output: String) throws {
        guard let result = simulated.simulation else { return }
        let provenance = try simulated.provenance.json(seed: simulated.seed, warnings: simulated.warnings)
        let files = try RunFiles.csv(simulated.tables) + [("provenance.json", Data(provenance.utf8))]
        let record = ShardRecord(
            shard: shard.index, shards: shard.count, variants: result.variants, variantCount: result.variantCount, seed: simulated.seed,
            provenance: provenance, notes: simulated.notes, files: files)
        let written = files + [(ShardRecord.fileName, Data(try record.json().utf8))]
        try OutputSet(output).write(files: written, notes: simulated.notes)
        print("wrote part \(shard.index) of \(shard.count) (variants \(result.variants.lowerBound + 1)-\(result.variants.upperBound) of \(result.variantCount)) into \(output); join the parts with: verdeel merge PART... --output DIR")
    }

    /// The fairness statistics over the draws whenever the scenario has a population to
    /// measure by (its fairness block's, or `inhabitants`); none when `fairness` is false
    /// (per draw they can cost more than the allocation; docs/performance.md).
    static func drawStatistics(_ run: ScenarioRun, session: ScenarioSession, fairness: Bool, sources: SourceMap) throws -> [any DrawStatistic] {
        do {
            let chosen = try session.drawStatistics(run, fairness: fairness)
            for warning in chosen.warnings { printError("warning: \(warning)") }
            return chosen.statistics
        } catch {
            printError(sources.describe(error))
            throw ExitCode(1)
        }
    }
}

/// A one-line progress bar with an estimate of the time left, redrawn at most ten times a second.
final class ProgressBar: Sendable {
    private let enabled: Bool
    private let state = Mutex<(started: Date, last: Date?)>((Date(), nil))

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        state.withLock { state in
            let now = Date()
            if let last = state.last, now.timeIntervalSince(last) < 0.1, done < total { return }
            state.last = now
            let fraction = Double(done) / Double(total)
            let elapsed = now.timeIntervalSince(state.started)
            let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            let width = 30
            let filled = Int(fraction * Double(width))
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
                + String(format: "%3.0f%%  %d/%d variants  about %.0f s left ", fraction * 100, done, total, left)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 80) + "\r").utf8))
    }
}
