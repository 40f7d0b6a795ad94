import ArgumentParser
import Foundation
import VerdeelLanguage
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// The engine's long runs from the command line: a progress bar with time left (on a
/// terminal only); Ctrl-C or SIGTERM stops a simulation without writing anything; an error
/// ends the command with its message.
struct LongRun {
    let session: ScenarioSession
    /// Where the plans' sites are, for messages.
    let sources: SourceMap
    /// The scenario files (path and bytes), for the provenance.
    let files: [(path: String, bytes: [UInt8])]
    let threads: Int

    /// The variants and draws of `run` (a part's, or all), with the fairness statistics over
    /// the draws unless `fairness` is false, the sensitivity from the draws when `givenData`,
    /// and the draws kept as `keep` asks.
    func simulation(
        _ run: ScenarioRun, fairness: Bool, givenData: Bool = false, chunk: Int, part: ShardChoice?, keep: KeepDrawsOptions?, output: String?, format: OutputFormat = .csv
    ) throws -> RunResult {
        let chosen = try sources.orExit { try session.drawStatistics(run, fairness: fairness, givenData: givenData) }
        for warning in chosen.warnings { printError("warning: \(warning.english)") }
        if let problem = ProcessorCheck.problem() {
            printError("error: \(problem)")
            throw ExitCode(1)
        }
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let variants = ScenarioSession.variants(of: run.plan, part: part.map { ($0.index, $0.count) })
        let kept: KeptDraws?
        do { kept = try keep?.statistic(for: run, variants: variants.count, output: output, format: format) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let statistics = chosen.statistics + (kept.map { [$0] } ?? [])
        let control = RunControl(threads: threads, chunk: chunk, variants: variants) { done, total in bar.show(done, total) }
        Interruption.shared.whenSignalled { control.cancel() }
        defer { Interruption.shared.whenSignalled(nil) }
        if Interruption.shared.signalNumber != nil { control.cancel() }
        printError("running scenario \(run.plan.name): \(run.plan.simulation?.variantCount ?? 1) variants x \(run.plan.simulation?.monteCarlo?.draws ?? 1) draws on \(threads) thread\(threads == 1 ? "" : "s") (Ctrl-C stops without writing anything)")
        do {
            let result = try session.simulation(run, files: files, statistics: statistics, control: control)
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

    /// The sensitivity analysis of `run` and its elasticities at the baseline.
    func sensitivity(_ run: ScenarioRun) throws -> RunResult {
        printError("running the sensitivity analysis of scenario \(run.plan.name) on \(threads) thread\(threads == 1 ? "" : "s")")
        return try sources.orExit("error: ") { try session.sensitivity(run, files: files, threads: threads) }
    }
}
