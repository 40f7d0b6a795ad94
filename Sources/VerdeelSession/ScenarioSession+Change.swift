import VerdeelCore
import VerdeelAnalysis
import VerdeelModel
import VerdeelReport
import VerdeelSimulation

/// What changes between two scenarios, or between two vintages of a table's figures.
extension ScenarioSession {
    /// The change from `from` to `to` attributed to the provisions that differ between the
    /// two runs (Shapley values: each region's change is the sum of its contributions).
    public func explain(_ from: ScenarioRun, _ to: ScenarioRun) throws(AttributionError) -> ShapleyAttribution {
        try ShapleyAttribution.explain(from, to, read: read)
    }

    /// Runs compared (`verdeel compare`): the change of each against the first per measure,
    /// year and region, of every fairness metric and, with `explain` (two runs only), its
    /// attribution to the provisions that differ. `measured` is the runs' fairness when the
    /// caller has measured it (``fairness(_:)``), so it is not measured twice. Throws the
    /// fairness metrics' error, or an ``AttributionError``.
    public func comparison(
        _ runs: [ScenarioRun], files: [(path: String, bytes: [UInt8])], explain: Bool,
        measured: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words])? = nil
    ) throws -> ComparisonResult {
        guard runs.count >= 2 else { throw ComparisonError.tooFew(runs.count) }
        if explain && runs.count != 2 { throw ComparisonError.explainsTwo(runs.count) }
        let fairness = try measured ?? self.fairness(runs)
        let attribution = explain ? ExplainOutput(try self.explain(runs[0], runs[1]), regionNames: runs[0].table.regionNames) : nil
        return ComparisonResult(
            runs: runs, comparison: Comparison(runs), fairness: fairness.reports, fairnessWarnings: fairness.warnings, attribution: attribution,
            provenance: Provenance(runs, scenarioFiles: files), notes: Self.notes(runs))
    }

    /// What a new vintage of a table changes (`verdeel update-impact`): `sides` are the runs
    /// of ``updateSides(_:table:from:to:)``; regions losing more than `lossThreshold` euros
    /// per inhabitant are marked; the fairness of both sides is measured.
    public func updateImpact(
        _ sides: [ScenarioRun], table: String, from: String, to: String, lossThreshold: Double, files: [(path: String, bytes: [UInt8])]
    ) throws -> UpdateImpactResult {
        let fairness = try self.fairness(sides)
        let impact = UpdateImpactRows(Comparison(sides), table: table, from: from, to: to, lossThreshold: lossThreshold)
        return UpdateImpactResult(
            runs: sides, impact: impact, fairness: fairness.reports, fairnessWarnings: fairness.warnings,
            provenance: Provenance(sides, scenarioFiles: files), notes: Self.notes(sides))
    }

    /// The two sides of an update of `table`'s figures: the plan reading the table's rows of
    /// vintage `from` and of `to`, each named after its vintage, e.g.
    /// `baseline (ses_woa year 2022)`. Throws when the plan reads no such table or the table
    /// has no vintage column.
    public static func updateSides(_ plan: ScenarioPlan, table: String, from: String, to: String) throws(UpdateSidesError) -> [ScenarioPlan] {
        guard let declared = plan.data.tables.first(where: { $0.name == table }) else {
            throw .noTable(scenario: plan.name, table: table, read: plan.data.tables.map(\.name))
        }
        guard let vintage = declared.vintage else { throw .noVintage(table: table, at: declared.declaredAt) }
        return [from, to].map { plan.with(vintages: [table: $0], name: "\(plan.name) (\(table) \(vintage.column) \($0))") }
    }

    /// The loss per inhabitant beyond which an update lists a region: the one asked for,
    /// else the plan's smallest `losses` threshold, else 0 (any loss).
    public static func lossThreshold(_ plan: ScenarioPlan, asked: Double?) -> Double {
        asked ?? plan.fairness?.losses.min() ?? 0
    }
}

/// Why a plan has no two sides for an update of a table's figures.
public enum UpdateSidesError: SiteError, Equatable {
    case noTable(scenario: String, table: String, read: [String])
    case noVintage(table: String, at: Site)

    public func described(by locator: any SiteLocator) -> String {
        switch self {
        case .noTable(let scenario, let table, let read):
            "scenario '\(scenario)' reads no table '\(table)'; it reads \(read.joined(separator: ", "))"
        case .noVintage(let table, let site):
            "\(locator.location(of: site)): table '\(table)' has no vintage column, so it has no vintages to compare; add to the table: vintage COLUMN = \"VALUE\""
        }
    }
}

/// Why scenarios cannot be compared as asked.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    case tooFew(Int)
    case explainsTwo(Int)

    public var description: String {
        switch self {
        case .tooFew(let count): "a comparison needs two scenarios or more, not \(count)"
        case .explainsTwo(let count): "--explain attributes the change between two scenarios, not \(count); compare two at a time to explain"
        }
    }
}
