import VerdeelAnalysis
import VerdeelSimulation
import VerdeelTables

/// The tables each kind of run writes: what every format (CSV, csv-nl, JSON, the workbook,
/// the report) is rendered from. One place says which tables a run of each kind has.
public enum RunTables {
    /// A plain run: allocations, top-slices, earmarks (if any), and the fairness metrics,
    /// Lorenz curves and the Gini by source and by region (when measured); with `named`, only the tables of those names, each made
    /// only when named.
    public static func allocation(_ runs: [ScenarioRun], fairness: [(scenario: String, report: FairnessReport)], named: Set<String>? = nil) -> [ResultTable] {
        let wanted = { (name: String) in named?.contains(name) ?? true }
        let allocation = AllocationTables(runs)
        var tables = [ResultTable]()
        if wanted("allocations") { tables.append(allocation.allocations()) }
        if wanted("topslices") { tables.append(allocation.topslices()) }
        if wanted("earmarks"), let earmarks = allocation.earmarks() { tables.append(earmarks) }
        if !fairness.isEmpty, ["fairness", "lorenz", "gini_sources", "gini_regions"].contains(where: wanted) {
            let names = runs.reduce(into: [String: String]()) { names, run in names.merge(run.table.regionNames) { first, _ in first } }
            let fairnessTables = FairnessTables(fairness, regionNames: names)
            if wanted("fairness") { tables.append(fairnessTables.metrics()) }
            if wanted("lorenz") { tables.append(fairnessTables.lorenz()) }
            if wanted("gini_sources") { tables.append(fairnessTables.sources()) }
            if wanted("gini_regions") { tables.append(fairnessTables.regions()) }
        }
        return tables
    }

    /// A variant or Monte Carlo run: variants, summary, infeasible (if any) and each
    /// statistic's table; `words` name the varied parameters.
    public static func simulation(_ result: SimulationResult, words: ParameterWords = ParameterWords(measureTitles: [:])) -> [ResultTable] {
        SimulationTables(result, words: words).all()
    }

    /// A sensitivity analysis: sobol (and s2 with second-order indices) or morris with
    /// `measure,year` in front of SALib's columns, elasticities, and not_above_dummy with a
    /// dummy factor.
    public static func sensitivity(_ result: ScenarioSensitivity, _ elasticities: [Elasticity], secondOrder: Bool, regionNames: [String: String]) -> [ResultTable] {
        SensitivityTables.all(result, elasticities, secondOrder: secondOrder, regionNames: regionNames)
    }
}
