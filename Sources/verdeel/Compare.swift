import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel compare FILE A B`: winners and losers between two scenarios.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two scenarios: the change per region, measure and year, in euros and per inhabitant, and of every fairness metric.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Argument(help: "The scenario compared from (e.g. baseline).")
    var first: String

    @Argument(help: "The scenario compared to.")
    var second: String

    @Flag(name: .long, help: "Attribute each region's change to the provisions that differ (Shapley values; explain.csv with --output).")
    var explain = false

    @OptionGroup(title: "Output: compare.csv (or compare.json), provenance.json and, with --explain, explain.csv")
    var out: OutputOptions

    func validate() throws {
        try out.refuse([.html])
    }

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        // A scenario compared with itself is run once and shown on both sides (no change).
        let distinct = try input.run(try input.select([first, second], from: compilation.plans), sources: compilation.sources)
        guard let from = distinct.first, let to = distinct.last else { return }
        let runs = [from, to]
        let provenance = Provenance(runs, scenarioFiles: compilation.files)
        if out.format != .table || out.output != nil {
            try export(runs, provenance: provenance, session: input.session, sources: compilation.sources)
            return
        }
        print(ComparisonTable(runs[0], runs[1]).render(), terminator: "")
        let fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [String])
        do { fairness = try input.session.fairness(runs) } catch {
            printError(compilation.sources.describe(error))
            throw ExitCode(1)
        }
        if fairness.reports.count == 2 {
            print("\n" + FairnessComparisonTable(fairness.reports[0], fairness.reports[1]).render(), terminator: "")
        }
        for warning in fairness.warnings { printError("warning: \(warning)") }
        if explain { try explainChange(runs, session: input.session, sources: compilation.sources) }
        if runs.contains(where: { $0.plan.data.hasSyntheticData }) { print(AllocationJSON.syntheticNotice) }
    }

    /// The changes as data: on standard output, or with --output as a folder of files.
    private func export(_ runs: [ScenarioRun], provenance: Provenance, session: ScenarioSession, sources: SourceMap) throws {
        let warnings = runs.flatMap(\.warnings)
        if out.format == .xlsx, let output = out.output {
            try exportWorkbook(runs, provenance: provenance, warnings: warnings, session: session, sources: sources, to: output)
            return
        }
        let comparison = Comparison(runs[0], runs[1])
        let style: CSVRenderer.Style = out.format == .csvNL ? .dutch : .standard
        let json = out.format == .json ? try provenance.json("changes", comparison.rows, warnings: warnings) : nil
        guard let output = out.output else {
            print(json ?? CSVRenderer.text(comparison.table(), style: style), terminator: "")
            if explain { printError(try attributionOutput(runs, session: session, sources: sources).summary()) }
            return
        }
        let explained = explain ? try attributionOutput(runs, session: session, sources: sources) : nil
        if let explained { print(explained.summary(), terminator: "") }
        let explainTables = explained.map { [$0.table()] } ?? []
        var files = try json.map { [("compare.json", Data($0.utf8))] + (explainTables.isEmpty ? [] : try RunFiles.csv(explainTables)) }
            ?? RunFiles.csv([comparison.table()] + explainTables, style: style)
        files.append(("provenance.json", Data(try provenance.json(warnings: warnings).utf8)))
        let notes = runs.contains(where: { $0.plan.data.hasSyntheticData }) ? [AllocationJSON.syntheticNotice] : []
        try OutputSet(output).write(files: files, notes: notes)
        for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        if !notes.isEmpty { print(AllocationJSON.syntheticNotice) }
    }

    /// The changes (and the attribution, with --explain) as one workbook.
    private func exportWorkbook(_ runs: [ScenarioRun], provenance: Provenance, warnings: [String], session: ScenarioSession, sources: SourceMap, to output: String) throws {
        var tables = [Comparison(runs[0], runs[1]).table()]
        if explain {
            let rendered = try attributionOutput(runs, session: session, sources: sources)
            print(rendered.summary(), terminator: "")
            tables.append(rendered.table())
        }
        let files = try ExportedFiles.files(tables, format: .xlsx, name: "compare", provenance: provenance, seed: nil, warnings: warnings, language: out.lang)
        let synthetic = runs.contains(where: { $0.plan.data.hasSyntheticData })
        try OutputSet(output).write(files: files, notes: synthetic ? [AllocationJSON.syntheticNotice] : [])
        for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        if synthetic { print(AllocationJSON.syntheticNotice) }
    }

    /// The attribution of the change on the terminal (the table view).
    private func explainChange(_ runs: [ScenarioRun], session: ScenarioSession, sources: SourceMap) throws {
        print("\n" + (try attributionOutput(runs, session: session, sources: sources)).summary(), terminator: "")
    }

    private func attributionOutput(_ runs: [ScenarioRun], session: ScenarioSession, sources: SourceMap) throws -> ExplainOutput {
        let attribution: ShapleyAttribution
        do { attribution = try session.explain(runs[0], runs[1]) } catch {
            printError("error: \(sources.describe(error))")
            throw ExitCode(1)
        }
        let names = Dictionary(runs[0].table.regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        return ExplainOutput(attribution, regionNames: names)
    }
}
