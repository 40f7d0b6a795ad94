import VerdeelAnalysis
import VerdeelCore
import VerdeelData
import VerdeelModel
import VerdeelSimulation

/// Runs plans of every kind for any client (the command line, a server, a test): loads their
/// data through `read` (each data set once per call), allocates, computes the fairness
/// metrics, chooses the statistics a simulation computes over its draws, runs variants and
/// draws on the allocation it already made, and runs sensitivity analyses, whole or a part.
/// It prints nothing and never exits: errors are thrown, warnings returned.
public struct ScenarioSession: Sendable {
    /// A file's bytes, or nil when it cannot (or may not) be read.
    public let read: @Sendable (String) -> [UInt8]?

    public init(read: @escaping @Sendable (String) -> [UInt8]? = { ScenarioRun.readFromDisk($0) }) {
        self.read = read
    }

    /// Every plan allocated, in order; scenarios that read the same data load it once.
    public func allocate(_ plans: [ScenarioPlan]) throws(RunError) -> [ScenarioRun] {
        let tables = TableCache()
        var runs = [ScenarioRun]()
        for plan in plans { runs.append(try ScenarioRun.run(plan, read: read, tables: tables)) }
        return runs
    }

    /// `plan` allocated on the data `run` loaded when the two plans read the same data (a
    /// plan changed by settings, a client's changes), so nothing is read again; else read.
    public func reallocate(_ plan: ScenarioPlan, on run: ScenarioRun) throws(RunError) -> ScenarioRun {
        plan.data == run.plan.data ? try ScenarioRun.run(plan, on: run.table) : try ScenarioRun.run(plan, read: read)
    }

    /// The fairness metrics of every run whose plan has a population to measure by; a
    /// warning for each run without one.
    public func fairness(_ runs: [ScenarioRun]) throws -> (reports: [(scenario: String, report: FairnessReport)], warnings: [Words]) {
        try ScenarioFairness.reports(runs)
    }

    /// The statistics a simulation of `run` computes over its draws besides the amounts'
    /// summaries: with `fairness`, the fairness metrics over the draws and, when the plan
    /// names loss thresholds, the probabilities of losses and the largest loss per draw; with
    /// `givenData`, the sensitivity of the amounts to the perturbed inputs estimated from the
    /// draws (``RankSobolOverDraws``, for up to 48 regions). The engine adds the rank
    /// statistics a plan asks for itself.
    public func drawStatistics(_ run: ScenarioRun, fairness: Bool, givenData: Bool = false) throws -> (statistics: [any DrawStatistic], warnings: [Words]) {
        var statistics = [any DrawStatistic](), warnings = [Words]()
        if fairness {
            let found = try ScenarioFairness.reports([run])
            warnings = found.warnings
            if let report = found.reports.first?.report {
                let statistic = FairnessOverDraws(report.basis, baseline: report)
                statistics = [statistic] + (statistic.lossTable.map { [$0] } ?? []) + (LargestLossOverDraws(report.basis).map { [$0] } ?? [])
            }
        }
        if givenData, let monteCarlo = run.plan.simulation?.monteCarlo {
            let indicators = monteCarlo.perturbations.map(\.indicator)
            if let statistic = RankSobolOverDraws(indicators: indicators, seed: monteCarlo.seed, regions: run.table.count) {
                statistics.append(statistic)
            } else if !indicators.isEmpty {
                warnings.append(Words(
                    dutch: "scenario '\(run.plan.name)': geen gevoeligheid uit de trekkingen (rank_sobol) voor meer dan \(RankSobolOverDraws.largestRegions) gemeenten",
                    english: "scenario '\(run.plan.name)': no sensitivity from the draws (rank_sobol) for more than \(RankSobolOverDraws.largestRegions) regions"))
            }
        }
        return (statistics, warnings)
    }

    /// The variants and draws of `run` (those `control` selects), summarised, with
    /// `statistics` over the draws; the run's own allocation is the baseline.
    public func simulate(_ run: ScenarioRun, statistics: [any DrawStatistic], control: RunControl) throws(SimulationError) -> SimulationResult {
        try MonteCarloEngine.run(run.plan, table: run.table, baseline: run.allocations, control: control, statistics: statistics, read: read)
    }

    /// The variants part `index` of `count` (1-based) runs: contiguous ranges that cover
    /// the plan's variants once.
    public static func variants(of plan: ScenarioPlan, part: (index: Int, count: Int)?) -> Range<Int> {
        let count = plan.simulation?.variantCount ?? 1
        guard let part else { return 0..<count }
        return ShardRecord.range(shard: part.index, of: part.count, variants: count)
    }

    /// The sensitivity analysis of `run`'s plan and its elasticities at the baseline.
    public func analyse(_ run: ScenarioRun, threads: Int) throws -> (analysis: ScenarioSensitivity, elasticities: [Elasticity]) {
        (try ScenarioSensitivity.run(run.plan, table: run.table, threads: threads), try Elasticities.compute(run.plan, table: run.table))
    }
}

extension ScenarioSession {
    /// The plans named, in the order named (all when none is; a name given twice counts
    /// once); `file` names where they come from in the message for an unknown name.
    public static func select(_ names: [String], from plans: [ScenarioPlan], file: String) throws(ScenarioChoiceError) -> [ScenarioPlan] {
        guard !names.isEmpty else { return plans }
        var selected = [ScenarioPlan]()
        for name in names where !selected.contains(where: { $0.name == name }) {
            guard let plan = plans.first(where: { $0.name == name }) else {
                let hint = NearestName.find(name, among: plans.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
                throw ScenarioChoiceError(description: "\(file) has no scenario '\(name)'.\(hint) It has: \(plans.map(\.name).joined(separator: ", "))")
            }
            selected.append(plan)
        }
        return selected
    }
}

/// A scenario asked for by a name the file does not have; the message names the nearest.
public struct ScenarioChoiceError: Error, Equatable, CustomStringConvertible {
    public let description: String
}
