import Foundation
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel run` of a scenario with variants or Monte Carlo draws: the run's size and speed,
/// the first variant on the terminal, or every table (or a shard's part) into --output.
extension Run {
    func simulation(_ run: ScenarioRun, long: LongRun, part: ShardChoice?) throws {
        let started = Date()
        let simulated = try long.simulation(run, fairness: !noFairness, givenData: rankSobol, chunk: chunk, part: part, keep: keep, output: out.output, format: out.format)
        guard let result = simulated.simulation else { return }
        let seconds = Date().timeIntervalSince(started)
        for (variant, reason) in result.infeasible.sorted(by: { $0.key < $1.key }).prefix(10) {
            printError("warning: variant \(variant + 1) is infeasible and left out: \(reason)")
        }
        if result.infeasible.count > 10 { printError("warning: \(result.infeasible.count) variants are infeasible in all (see infeasible.csv)") }
        let rate = String(format: "%.3g", Double(result.cells) / max(seconds, 1e-9))
        print("scenario \(run.plan.name): \(result.variantCount) variants x \(result.draws) draws x \(result.slots.count) measure-year-regions = \(result.cells) cells in \(String(format: "%.3f", seconds)) s (\(rate) cells/s, \(threads) thread\(threads == 1 ? "" : "s"); memory estimate \(SimulationError.gigabytes(result.estimatedBytes)))")
        if let output = out.output, let part, let written = try simulated.shardPart(part, format: out.format) {
            try OutputSet(output).write(files: written.files, notes: written.notes)
            print("wrote part \(part.index) of \(part.count) (variants \(written.range.lowerBound + 1)-\(written.range.upperBound) of \(written.total)) into \(output); join the parts with: verdeel merge PART... --output DIR")
        } else if let output = out.output {
            try OutputSet(output).publish(out.format, notes: simulated.notes) { try simulated.files(format: out.format, language: out.pages) }
        } else if result.infeasible.count < result.variantCount {
            print(SimulationTable(result, variant: 0, inhabitants: Inhabitants(run)).render(out.terminal), terminator: "")
            print("Write every variant with --output DIR (variants.csv, summary.csv\(result.tables.map { ", \($0.header.name).csv" }.joined())).")
        }
        if part == nil, result.infeasible.count == result.variantCount {
            try fail("no variant of scenario '\(run.plan.name)' can be allocated\(out.output == nil ? "" : " (the reasons are in infeasible.csv)")")
        }
        if run.plan.data.hasSyntheticData { printSyntheticNotice(out.terminal) }
    }
}
