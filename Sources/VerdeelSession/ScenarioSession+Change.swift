import VerdeelAnalysis
import VerdeelModel
import VerdeelSimulation

/// What changes between two scenarios, or between two vintages of a table's figures.
extension ScenarioSession {
    /// The change from `from` to `to` attributed to the provisions that differ between the
    /// two runs (Shapley values: each region's change is the sum of its contributions).
    public func explain(_ from: ScenarioRun, _ to: ScenarioRun) throws(AttributionError) -> ShapleyAttribution {
        try ShapleyAttribution.explain(from, to, read: read)
    }

    /// The two sides of an update of `table`'s figures: the plan reading the table's rows of
    /// vintage `from` and of `to`, each named after its vintage, e.g.
    /// `baseline (ses_woa year 2022)`. Nil when the table has no vintage column.
    public static func updateSides(_ plan: ScenarioPlan, table: String, from: String, to: String) -> [ScenarioPlan]? {
        guard let vintage = plan.data.tables.first(where: { $0.name == table })?.vintage else { return nil }
        return [from, to].map { plan.with(vintages: [table: $0], name: "\(plan.name) (\(table) \(vintage.column) \($0))") }
    }

    /// The loss per inhabitant beyond which an update lists a region: the one asked for,
    /// else the plan's smallest `losses` threshold, else 0 (any loss).
    public static func lossThreshold(_ plan: ScenarioPlan, asked: Double?) -> Double {
        asked ?? plan.fairness?.losses.min() ?? 0
    }
}
