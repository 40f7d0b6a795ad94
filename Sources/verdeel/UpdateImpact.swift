import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel update-impact FILE --table T --from V --to W`: what replacing one vintage of
/// a table by another does to a scenario's allocation, everything else equal. The two
/// sides are the scenario reading vintage V and reading vintage W; the changes are those
/// `verdeel compare` gives for two such scenarios (per measure, year and municipality, in
/// euros and per inhabitant), with the fairness metrics of both sides and which
/// municipalities lose more than the loss threshold per inhabitant.
struct UpdateImpact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-impact",
        abstract: "What a data update (a new vintage of a table, e.g. new SES-WOA scores) changes: per measure, year and municipality, fairness before and after, who loses.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Option(name: .long, help: "The scenario (default: the file's first).")
    var scenario: String?

    @Option(name: .long, help: "The table whose vintage changes (it must have a vintage column), e.g. ses_woa.")
    var table: String

    @Option(name: .long, help: "The vintage compared from (e.g. 2022).")
    var from: String

    @Option(name: .long, help: "The vintage compared to (e.g. 2023).")
    var to: String

    @Option(name: .long, help: "A loss (euros per inhabitant) beyond which a municipality is listed (default: the scenario's smallest 'losses' threshold, else 0: any loss).")
    var lossThreshold: Double?

    @OptionGroup(title: "Output: update_impact.csv, fairness.csv and provenance.json (or the workbook, or the HTML report)")
    var out: OutputOptions

    func validate() throws {
        if let lossThreshold, !(lossThreshold >= 0 && lossThreshold.isFinite) { throw ValidationError("--loss-threshold is euros per inhabitant, 0 or more") }
        if from == to { throw ValidationError("--from and --to name the same vintage; name two") }
    }

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        guard let plan = try input.select(scenario.map { [$0] } ?? [], from: compilation.plans).first else {
            printError("error: \(file) has no scenario")
            throw ExitCode(1)
        }
        guard let declared = plan.data.tables.first(where: { $0.name == table }) else {
            printError("error: scenario '\(plan.name)' reads no table '\(table)'; it reads \(plan.data.tables.map(\.name).joined(separator: ", "))")
            throw ExitCode(1)
        }
        guard let sides = ScenarioSession.updateSides(plan, table: table, from: from, to: to) else {
            printError("error: \(compilation.sources.location(of: declared.declaredAt)): table '\(table)' has no vintage column, so it has no vintages to compare; add to the table: vintage COLUMN = \"VALUE\"")
            throw ExitCode(1)
        }
        let runs = try input.run(sides, sources: compilation.sources)
        let threshold = ScenarioSession.lossThreshold(plan, asked: lossThreshold)
        let fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [String])
        do { fairness = try input.session.fairness(runs) } catch {
            printError(compilation.sources.describe(error))
            throw ExitCode(1)
        }
        for warning in fairness.warnings { printError("warning: \(warning)") }
        let provenance = Provenance(runs, scenarioFiles: compilation.files)
        let synthetic = runs.contains { $0.plan.data.hasSyntheticData }
        let impact = UpdateImpactRows(Comparison(runs[0], runs[1]), table: table, from: from, to: to, lossThreshold: threshold)
        switch out.format {
        case .table:
            print(ComparisonTable(runs[0], runs[1]).render(), terminator: "")
            if fairness.reports.count == 2 { print("\n" + FairnessComparisonTable(fairness.reports[0], fairness.reports[1]).render(), terminator: "") }
            print("\n" + impact.crossingSummary(), terminator: "")
            if out.output != nil { try write(impact, fairness: fairness.reports, runs: runs, provenance: provenance, synthetic: synthetic) }
        default:
            try write(impact, fairness: fairness.reports, runs: runs, provenance: provenance, synthetic: synthetic)
        }
        if synthetic { print(AllocationJSON.syntheticNotice) }
    }

    /// The files of the chosen format into --output, or the CSV on standard output.
    private func write(
        _ impact: UpdateImpactRows, fairness: [(scenario: String, report: FairnessReport)], runs: [ScenarioRun], provenance: Provenance, synthetic: Bool
    ) throws {
        let warnings = runs.flatMap(\.warnings)
        let fairnessTable = fairness.isEmpty ? nil : FairnessTables(fairness).metrics()
        let style: CSVRenderer.Style = out.format == .csvNL ? .dutch : .standard
        let notes = synthetic ? [AllocationJSON.syntheticNotice] : []
        guard let output = out.output else {
            print(out.format == .json ? try provenance.json("changes", impact.rows, warnings: warnings) : CSVRenderer.text(impact.table(), style: style), terminator: "")
            return
        }
        var files: [(name: String, data: Data)]
        switch out.format {
        case .xlsx:
            let tables = [impact.table()] + (fairnessTable.map { [$0] } ?? [])
            files = try ExportedFiles.files(tables, format: .xlsx, name: "update_impact", provenance: provenance, seed: nil, warnings: warnings, language: out.lang)
        case .html:
            files = [("update_impact.html", Data(try report(runs, fairness: fairness, provenance: provenance, threshold: impact.lossThreshold).utf8)),
                     ("provenance.json", Data(try provenance.json(warnings: warnings).utf8))]
        case .json:
            files = [("update_impact.json", Data(try provenance.json("changes", impact.rows, warnings: warnings).utf8)), ("provenance.json", Data(try provenance.json(warnings: warnings).utf8))]
        default:
            files = try RunFiles.csv([impact.table()] + (fairnessTable.map { [$0] } ?? []), style: style)
            files.append(("provenance.json", Data(try provenance.json(warnings: warnings).utf8)))
        }
        try OutputSet(output).write(files: files, notes: notes)
        for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
    }

    /// The HTML report of the newer side against the older, losses at the threshold.
    private func report(_ runs: [ScenarioRun], fairness: [(scenario: String, report: FairnessReport)], provenance: Provenance, threshold: Double) throws -> String {
        let tables = RunTables.allocation(runs, fairness: fairness)
        let titles = Dictionary(runs.flatMap { run in run.plan.measures.map { ($0.measure.name, $0.title) } }, uniquingKeysWith: { first, _ in first })
        do {
            let input = try ReportInput(
                tables: tables, provenance: provenance.document(seed: nil, warnings: runs.flatMap(\.warnings)),
                scenario: runs[1].plan.name, baseline: runs[0].plan.name, measureTitles: titles, lossThresholds: [threshold])
            return try HTMLReport(input, language: out.lang).render()
        } catch {
            printError("error: the report cannot be made: \(error)")
            throw ExitCode(1)
        }
    }
}
