import VerdeelCore
import VerdeelAnalysis
import VerdeelModel
import VerdeelReport
import VerdeelSimulation

/// The runs of every kind as results: tables, provenance, warnings and notes, the same for
/// every client. `files` are the scenario files (path and bytes) the plans were compiled
/// from, for the provenance.
extension ScenarioSession {
    /// The notice every output built on synthetic figures carries.
    public static let syntheticNotice = AllocationJSON.syntheticNotice

    /// A plain run of `runs`: allocations, top-slices, earmarks and, with `fairness`, the
    /// fairness metrics of every run that has a population to measure by.
    public func allocation(_ runs: [ScenarioRun], files: [(path: String, bytes: [UInt8])], fairness: Bool) throws -> RunResult {
        let measured: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words]) = fairness ? try self.fairness(runs) : ([], [])
        return RunResult(
            kind: .allocation, runs: runs, tables: RunTables.allocation(runs, fairness: measured.reports), scenarioFiles: files,
            seed: nil, warnings: runs.flatMap(\.warnings), notes: Self.notes(runs), fairness: measured)
    }

    /// The variants and draws of `run` that `control` selects (a shard's range, or all), with
    /// `statistics` over the draws (``drawStatistics(_:fairness:)``).
    public func simulation(
        _ run: ScenarioRun, files: [(path: String, bytes: [UInt8])], statistics: [any DrawStatistic], control: RunControl
    ) throws(SimulationError) -> RunResult {
        let result = try simulate(run, statistics: statistics, control: control)
        var notes = [String]()
        if result.plan.parameters.contains(where: Self.isAmount) {
            notes.append("Sampled and listed amounts in variants.csv are rounded to each measure's unit of rounding (whole euros or cents).")
        }
        return RunResult(
            kind: .simulation, runs: [run], tables: RunTables.simulation(result, words: ParameterWords(run)), scenarioFiles: files,
            seed: run.plan.simulation?.monteCarlo?.seed, warnings: run.warnings, notes: notes + Self.notes([run]), simulation: result)
    }

    /// The sensitivity analysis of `run` and its elasticities at the baseline.
    public func sensitivity(_ run: ScenarioRun, files: [(path: String, bytes: [UInt8])], threads: Int) throws -> RunResult {
        let (analysis, elasticities) = try analyse(run, threads: threads)
        return sensitivity(run, files: files, analysis: analysis, elasticities: elasticities)
    }

    /// The tables of an analysis already made (e.g. of a sharded analysis's joined rows).
    public func sensitivity(_ run: ScenarioRun, files: [(path: String, bytes: [UInt8])], analysis: ScenarioSensitivity, elasticities: [Elasticity]) -> RunResult {
        RunResult(
            kind: .sensitivity, runs: [run], tables: RunTables.sensitivity(analysis, elasticities, secondOrder: run.plan.sensitivity?.secondOrder == true, regionNames: run.table.regionNames),
            scenarioFiles: files, seed: run.plan.sensitivity?.seed, warnings: run.warnings + analysis.warnings,
            notes: Self.notes([run]) + analysis.warnings.map(\.english), sensitivity: analysis)
    }

    /// Each measure's title by its id, over `runs` (the first run naming a measure wins).
    public static func measureTitles(_ runs: [ScenarioRun]) -> [String: String] {
        Dictionary(runs.flatMap { run in run.plan.measures.map { ($0.measure.name, $0.title) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Each titled scenario's title by its id.
    public static func scenarioTitles(_ runs: [ScenarioRun]) -> [String: String] {
        Dictionary(runs.compactMap { run in run.plan.title.map { (run.plan.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The manifest's notes of any run: the synthetic notice when the data has synthetic figures.
    static func notes(_ runs: [ScenarioRun]) -> [String] {
        runs.contains { $0.plan.data.hasSyntheticData } ? [syntheticNotice] : []
    }

    private static func isAmount(_ parameter: VariantParameter) -> Bool {
        switch parameter {
        case .base, .budget: true
        default: false
        }
    }
}
