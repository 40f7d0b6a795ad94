import Foundation
import VerdeelCore
import VerdeelReport
import VerdeelData
import VerdeelSession
import VerdeelSimulation

/// `verdeel run` of a scenario with a `sensitivity` block: the analysis's summary on the
/// terminal and, with --output, its tables (sobol or morris, elasticities, ...); or, with
/// --shard, a part's design rows for `verdeel merge`.
extension Run {
    func sensitivity(_ run: ScenarioRun, long: LongRun, part: ShardChoice?) throws {
        if let part {
            guard let output = out.output, let file else { try fail("the bundled scenarios have no sensitivity analysis to shard; name a scenario file") }
            let location = ShardRecord.SensitivityPart(
                file: file, scenario: run.plan.name, directory: FileManager.default.currentDirectoryPath, root: files.root, allowRead: files.allowRead)
            let started = Date()
            let written = try long.sources.orExit("error: ") { try long.session.sensitivityPart(run, files: long.files, part: part, location: location, threads: threads) }
            try OutputSet(output).write(files: written.files, notes: written.notes)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            print("wrote part \(part.index) of \(part.count) (design rows \(written.range.lowerBound + 1)-\(written.range.upperBound) of \(written.total), \(seconds) s) into \(output); join the parts with: verdeel merge PART... --output DIR")
        } else {
            let started = Date()
            let analysed = try long.sensitivity(run)
            guard let result = analysed.sensitivity else { return }
            let seconds = Date().timeIntervalSince(started)
            if run.plan.simulation?.dimensions.isEmpty == false {
                printError("warning: scenario \(run.plan.name)'s variants block is not part of the sensitivity analysis; name the parameters as factors, or run the variants from a scenario without a sensitivity block")
            }
            print(SensitivitySummary(result, regionNames: run.table.regionNames).render(out.terminal), terminator: "")
            if let width = run.plan.sensitivity?.stopRule?.width {
                print("the stop rule reached N = \(result.basePoints) base points\(result.converged == true ? ": every half-width is below \(width)" : "")")
            }
            print("\(result.rows) design rows x \(result.outputs.count) outputs in \(String(format: "%.2f", seconds)) s")
            for warning in result.warnings { printError(warningLine(warning, out.terminal)) }
            if let output = out.output {
                try OutputSet(output).publish(out.format, notes: analysed.notes) { try analysed.files(format: out.format, language: out.pages) }
            }
        }
        if run.plan.data.hasSyntheticData { printSyntheticNotice(out.terminal) }
    }
}
