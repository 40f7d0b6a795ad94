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

    /// Two runs compared (`verdeel compare`): the change per measure, year and region, of
    /// every fairness metric and, with `explain`, its attribution to the provisions that
    /// differ. Throws the fairness metrics' error, or an ``AttributionError``.
    public func comparison(_ from: ScenarioRun, _ to: ScenarioRun, files: [(path: String, bytes: [UInt8])], explain: Bool) throws -> ComparisonResult {
        let fairness = try self.fairness([from, to])
        let attribution = explain ? ExplainOutput(try self.explain(from, to), regionNames: from.table.regionNames) : nil
        return ComparisonResult(
            runs: [from, to], comparison: Comparison(from, to), fairness: fairness.reports, fairnessWarnings: fairness.warnings, attribution: attribution,
            provenance: Provenance([from, to], scenarioFiles: files), notes: Self.notes([from, to]))
    }

    /// What a new vintage of a table changes (`verdeel update-impact`): `sides` are the runs
    /// of ``updateSides(_:table:from:to:)``; regions losing more than `lossThreshold` euros
    /// per inhabitant are marked; the fairness of both sides is measured.
    public func updateImpact(
        _ sides: [ScenarioRun], table: String, from: String, to: String, lossThreshold: Double, files: [(path: String, bytes: [UInt8])]
    ) throws -> UpdateImpactResult {
        let fairness = try self.fairness(sides)
        let impact = UpdateImpactRows(Comparison(sides[0], sides[1]), table: table, from: from, to: to, lossThreshold: lossThreshold)
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
