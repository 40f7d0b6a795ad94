import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import VerdeelReport
import VerdeelSimulation

/// Runs one scenario's variants and Monte Carlo draws for `verdeel run`: progress bar with
/// time left (on a terminal only), Ctrl-C stops the run without writing anything, the
/// files are written atomically at the end.
struct Simulate {
    let run: ScenarioRun
    /// Reads the scenario's files (for other data vintages).
    let read: (String) -> [UInt8]?
    let threads: Int
    let chunk: Int

    func execute(output: String?) throws {
        if let problem = ProcessorCheck.problem() {
            printError("error: \(problem)")
            throw ExitCode(1)
        }
        let started = Date()
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let control = RunControl(threads: threads, chunk: chunk) { done, total in bar.show(done, total) }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "verdeel.interrupt"))
        interrupt.setEventHandler { control.cancel() }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        printError("running scenario \(run.plan.name): \(run.plan.simulation?.variantCount ?? 1) variants x \(run.plan.simulation?.monteCarlo?.draws ?? 1) draws on \(threads) thread\(threads == 1 ? "" : "s") (Ctrl-C stops without writing anything)")
        let result: SimulationResult
        do {
            result = try MonteCarloEngine.run(run.plan, table: run.table, control: control, read: read)
        } catch .interrupted {
            bar.clear()
            printError("interrupted: no output was written")
            throw ExitCode(130)
        } catch {
            bar.clear()
            printError("error: scenario '\(run.plan.name)': \(error)")
            throw ExitCode(1)
        }
        bar.clear()
        let seconds = Date().timeIntervalSince(started)
        let csv = SimulationCSV(result)
        for (variant, reason) in result.infeasible.sorted(by: { $0.key < $1.key }).prefix(10) {
            printError("warning: variant \(variant + 1) is infeasible and left out: \(reason)")
        }
        if result.infeasible.count > 10 { printError("warning: \(result.infeasible.count) variants are infeasible in all (see infeasible.csv)") }
        let cellsPerSecond = Double(result.cells) / max(seconds, 1e-9)
        print("scenario \(run.plan.name): \(result.variantCount) variants x \(result.draws) draws x \(result.slots.count) measure-year-regions = \(result.cells) cells in \(String(format: "%.3f", seconds)) s (\(String(format: "%.3g", cellsPerSecond)) cells/s, \(threads) thread\(threads == 1 ? "" : "s"))")
        if let output {
            var files = [("variants.csv", csv.variants()), ("summary.csv", csv.summary())]
            if let ranks = csv.ranks() { files.append(("ranks.csv", ranks)) }
            if let infeasible = csv.infeasible() { files.append(("infeasible.csv", infeasible)) }
            try OutputDirectory(output).write(files)
            for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        } else {
            print(SimulationTable(result, variant: 0).render(), terminator: "")
            print("Write every variant with --output DIR (variants.csv, summary.csv).")
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
