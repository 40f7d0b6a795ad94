import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel run` of a scenario with a `sensitivity` block: the analysis, its summary on
/// the terminal and, with --output, sobol.csv (and s2.csv) or morris.csv with `measure,year`
/// in front of SALib's columns, elasticities.csv (local elasticities at the baseline) and,
/// with a dummy, not_above_dummy.csv; and provenance.json.
struct SensitivityRun {
    let run: ScenarioRun
    /// Where the plan's sites are, for messages.
    let sources: SourceMap
    let threads: Int
    /// The scenario files (path and bytes), for the provenance.
    let files: [(path: String, bytes: [UInt8])]
    /// The files' format (with --output).
    let format: OutputFormat
    /// The language of a workbook's words.
    let language: ReportLanguage

    func execute(output: String?) throws {
        let started = Date()
        let analysed = try analyse()
        guard let result = analysed.sensitivity else { return }
        let seconds = Date().timeIntervalSince(started)
        if run.plan.simulation?.dimensions.isEmpty == false {
            printError("warning: scenario \(run.plan.name)'s variants block is not part of the sensitivity analysis; name the parameters as factors, or run the variants from a scenario without a sensitivity block")
        }
        let names = Dictionary(run.table.regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        print(SensitivitySummary(result, regionNames: names).render(), terminator: "")
        if let width = run.plan.sensitivity?.stopRule?.width {
            print("the stop rule reached N = \(result.basePoints) base points\(result.converged == true ? ": every half-width is below \(width)" : "")")
        }
        print("\(result.rows) design rows x \(result.outputs.count) outputs in \(String(format: "%.2f", seconds)) s")
        for warning in result.warnings { printError("warning: \(warning)") }
        if let output { try write(analysed, to: output) }
        if run.plan.data.hasSyntheticData { print(AllocationJSON.syntheticNotice) }
    }

    /// The analysis's files, written into `output` as one set.
    func write(_ analysed: RunResult, to output: String) throws {
        let written = try ExportedFiles.files(analysed, format: format, name: "sensitivity", language: language)
        try OutputSet(output).write(files: written, notes: analysed.notes)
        for file in written { print("wrote \((output as NSString).appendingPathComponent(file.name))") }
    }

    /// The manifest's notes: the synthetic notice when the data has synthetic figures.
    var notes: [String] { run.plan.data.hasSyntheticData ? [ScenarioSession.syntheticNotice] : [] }
}

extension SensitivityRun {
    /// The analysis and the elasticities at the baseline; an error ends the command.
    func analyse() throws -> RunResult {
        printError("running the sensitivity analysis of scenario \(run.plan.name) on \(threads) thread\(threads == 1 ? "" : "s")")
        do {
            return try ScenarioSession().sensitivity(run, files: files, threads: threads)
        } catch {
            printError("error: \(sources.describe(error))")
            throw ExitCode(1)
        }
    }
}
