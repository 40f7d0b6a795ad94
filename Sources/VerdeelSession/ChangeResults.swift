import VerdeelCore
import Foundation
import VerdeelAnalysis
import VerdeelReport
import VerdeelSimulation
import VerdeelTables

/// Scenarios compared (``ScenarioSession/comparison(_:files:explain:)``): the change of each
/// against the first per measure, year and region (`compare`), of every fairness metric
/// (`compare_fairness`) and, when asked for two, its attribution to the provisions that
/// differ (`explain`).
public struct ComparisonResult {
    /// The scenario compared with, then the others.
    public let runs: [ScenarioRun]
    public let comparison: Comparison
    /// The fairness metrics of every scenario (none when one has no population to measure
    /// by), and why not.
    public let fairness: [(scenario: String, report: FairnessReport)]
    public let fairnessWarnings: [Words]
    public let attribution: ExplainOutput?
    public let provenance: Provenance
    public let notes: [String]

    public var warnings: [Words] { runs.flatMap(\.warnings) }
    /// Whether every scenario's fairness is measured, so that their changes are.
    public var fairnessCompared: Bool { fairness.count == runs.count && runs.count >= 2 }
    /// Each metric's change in each scenario against the first, when all are measured.
    public var fairnessChanges: [FairnessTables.Change] {
        fairnessCompared ? fairness.dropFirst().flatMap { FairnessTables.changes(from: fairness[0], to: $0) } : []
    }
    /// `compare`, `compare_fairness` (when all are measured) and `explain` (when asked).
    public var tables: [ResultTable] {
        [comparison.table()] + (fairnessCompared ? [FairnessTables.changesTable(fairnessChanges)] : []) + (attribution.map { [$0.table()] } ?? [])
    }

    /// The files of `format`: the tables as CSV (or one workbook `compare.xlsx`, or
    /// `compare.json` with the attribution as CSV) and `provenance.json`.
    public func files(format: OutputFormat, language: ReportLanguage) throws -> [OutputFile] {
        let record = OutputFile("provenance.json", data: Data(try provenance.json(warnings: warnings).utf8))
        switch format {
        case .json:
            let explained = try attribution.map { try RunFiles.csv([$0.table()]) } ?? []
            return [OutputFile("compare.json", data: Data(try document().utf8))] + explained + [record]
        case .table, .csv, .csvNL, .html, .xlsx, .parquet:
            return try RunFiles.files(
                tables, format: format == .html ? .csv : format, name: "compare", provenance: provenance, seed: nil, warnings: warnings, language: language,
                names: PeopleNames(runs))
        }
    }

    /// The changes as one text on standard output: JSON, or the CSV in `format`'s style.
    public func text(format: OutputFormat) throws -> String {
        format == .json ? try document() : try RunFiles.text(comparison.table(), style: format == .csvNL ? .dutch : .standard, names: PeopleNames(runs))
    }

    /// The changes as the terminal shows them: the change tables (years left out past 120
    /// columns unless `wide`), the fairness block when every scenario is measured (the four
    /// compact metrics unless `allMetrics`), and who loses beyond `lossThreshold` (default:
    /// the first scenario's smallest `losses` threshold; not shown without one), in
    /// `language`'s words and numbers.
    public func terminalText(wide: Bool, allMetrics: Bool, lossThreshold: Double?, language: ReportLanguage = .en) -> String {
        var text = ChangeText.tables(runs, fairness: fairness, wide: wide, allMetrics: allMetrics, language: language)
        if let threshold = lossThreshold ?? runs.first?.plan.fairness?.losses.min() {
            text += "\n" + LossCrossings(comparison, threshold: threshold).render(language)
        }
        return text
    }

    private func document() throws -> String {
        try provenance.json([("changes", comparison.rows)] + (fairnessCompared ? [("fairness", fairnessChanges)] : []), warnings: warnings)
    }
}

/// What a new vintage of a table changes (``ScenarioSession/updateImpact(_:table:from:to:lossThreshold:files:)``):
/// the change per measure, year and municipality, the fairness of both sides and who loses
/// more than the threshold.
public struct UpdateImpactResult {
    /// The scenario reading the old vintage, and reading the new one.
    public let runs: [ScenarioRun]
    public let impact: UpdateImpactRows
    public let fairness: [(scenario: String, report: FairnessReport)]
    /// Why a side's fairness cannot be measured.
    public let fairnessWarnings: [Words]
    public let provenance: Provenance
    public let notes: [String]

    public var warnings: [Words] { runs.flatMap(\.warnings) }
    /// `update_impact` and, when both sides are measured, `fairness`.
    public var tables: [ResultTable] { [impact.table()] + (fairness.isEmpty ? [] : [FairnessTables(fairness).metrics()]) }

    /// The files of `format` (CSV, one workbook, `update_impact.json`, or the HTML report of
    /// the newer side against the older) and `provenance.json`.
    public func files(format: OutputFormat, language: ReportLanguage) throws -> [OutputFile] {
        let record = OutputFile("provenance.json", data: Data(try provenance.json(warnings: warnings).utf8))
        switch format {
        case .html: return [OutputFile("update_impact.html", data: Data(try report(language: language).utf8)), record]
        case .json: return [OutputFile("update_impact.json", data: Data(try document().utf8)), record]
        case .table, .csv, .csvNL, .xlsx, .parquet:
            return try RunFiles.files(
                tables, format: format, name: "update_impact", provenance: provenance, seed: nil, warnings: warnings, language: language, names: PeopleNames(runs))
        }
    }

    /// The changes as one text on standard output: JSON, or the CSV in `format`'s style.
    public func text(format: OutputFormat) throws -> String {
        format == .json ? try document() : try RunFiles.text(impact.table(), style: format == .csvNL ? .dutch : .standard, names: PeopleNames(runs))
    }

    private func document() throws -> String { try provenance.json("changes", impact.rows, warnings: warnings) }

    /// The changes as the terminal shows them (as ``ComparisonResult/terminalText(wide:allMetrics:lossThreshold:language:)``),
    /// then who loses beyond the threshold.
    public func terminalText(wide: Bool, allMetrics: Bool, language: ReportLanguage = .en) -> String {
        ChangeText.tables(runs, fairness: fairness, wide: wide, allMetrics: allMetrics, language: language) + "\n" + impact.crossingSummary(language)
    }

    /// The HTML report of the newer side against the older, losses at the threshold.
    private func report(language: ReportLanguage) throws -> String {
        let input = try ReportInput(
            tables: RunTables.allocation(runs, fairness: fairness), provenance: provenance.document(seed: nil, warnings: warnings),
            scenario: runs[1].plan.name, baseline: runs[0].plan.name, measureTitles: ScenarioSession.measureTitles(runs), lossThresholds: [impact.lossThreshold])
        return try HTMLReport(input, language: language).render()
    }
}

/// The change tables and the fairness block of runs compared, for the terminal.
enum ChangeText {
    static func tables(_ runs: [ScenarioRun], fairness: [(scenario: String, report: FairnessReport)], wide: Bool, allMetrics: Bool, language: ReportLanguage) -> String {
        ComparisonTable(runs).render(wide: wide, language: language)
            + (fairness.count == runs.count ? "\n" + FairnessComparisonTable(fairness, allMetrics: allMetrics).render(language) : "")
    }
}
