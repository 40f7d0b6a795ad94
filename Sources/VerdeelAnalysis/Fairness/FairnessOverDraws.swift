import Foundation
import VerdeelCore
import VerdeelSimulation

/// Fairness as a statistic of a variant and Monte Carlo run: every metric computed on each
/// draw's amounts and that draw's own (perturbed) population and reference, summarised per
/// variant, measure and year into `fairness_summary.csv`
/// (`variant,measure,year,metric,baseline,mean,sd,p05,p50,p95`; quantiles exact, type 7;
/// baseline the metric of the scenario without variants and draws). With losses named,
/// `losses.csv` (`variant,measure,year,region,loss_per_inhabitant,p_loss`) gives each region's
/// share of draws in which it gets more than that many euros per inhabitant less than in the
/// baseline (per inhabitant of the nominal data, as transition rules count).
///
/// The metrics depend on populations and references only through their shares, which the
/// engine hands over per draw (`criteria`: the population, then the reference).
public struct FairnessOverDraws: DrawStatistic {
    public let basis: FairnessBasis
    /// The baseline's metric values by measure and year, in ``FairnessSettings/metrics`` order.
    let baseline: [String: [Double?]]

    public init(_ basis: FairnessBasis, baseline: FairnessReport) {
        self.basis = basis
        var values = [String: [Double?]]()
        for row in baseline.rows { values["\(row.measure)\u{0}\(row.year)", default: []].append(row.value) }
        self.baseline = values
    }

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "fairness_summary", columns: ["measure", "year", "metric", "baseline", "mean", "sd", "p05", "p50", "p95"])
    }

    /// The name of the population criterion the engine computes per draw (a name no
    /// scenario identifier can take).
    static let populationCriterion = "fairness population"
    static let referenceCriterion = "fairness reference"

    public var criteria: [Criterion] {
        [Criterion(name: Self.populationCriterion, expression: .indicator(basis.plan.population))]
            + (basis.plan.reference.map { [Criterion(name: Self.referenceCriterion, expression: $0.expression)] } ?? [])
    }

    public func accumulator(_ context: StatisticContext) -> any DrawAccumulator {
        Accumulator(self, context)
    }

    public var acrossMeasures: Bool { true }

    /// The second table, of losses per region (`nil` when the scenario names none).
    public var lossTable: LossesOverDraws? {
        basis.plan.losses.isEmpty ? nil : LossesOverDraws(basis: basis)
    }

    final class Accumulator: DrawAccumulator {
        let statistic: FairnessOverDraws
        let context: StatisticContext
        /// `values[metric * draws + draw]`; NaN where a metric is undefined in a draw.
        private let values: UnsafeMutableBufferPointer<Double>
        private let lanes: FairnessLanes
        private(set) var failure: String?

        init(_ statistic: FairnessOverDraws, _ context: StatisticContext) {
            self.statistic = statistic
            self.context = context
            lanes = FairnessLanes(statistic.basis)
            values = .allocate(capacity: Swift.max(1, statistic.basis.settings.metrics.count * context.draws))
            values.initialize(repeating: .nan)
        }

        deinit { values.deallocate() }

        func add(_ block: DrawBlock) {
            guard failure == nil else { return }
            failure = lanes.add(block, referenced: statistic.basis.reference != nil, to: values.baseAddress!)
        }

        /// Mean, sd (n - 1) and type 7 quantiles over the draws where the metric is defined.
        func rows() -> [[String]] {
            let baseline = statistic.baseline["\(context.measure)\u{0}\(context.year)"] ?? []
            var quantiles = ExactQuantiles()
            let draws = context.draws
            return statistic.basis.settings.metrics.enumerated().map { index, metric in
                let column = UnsafeBufferPointer(rebasing: values[(index * draws)..<((index + 1) * draws)])
                let defined = column.contains { $0.isNaN } ? column.filter { !$0.isNaN } : Array(column)
                var cells = [context.measure, String(context.year), metric.description, FairnessReport.cell(index < baseline.count ? baseline[index] : nil)]
                guard !defined.isEmpty else { return cells + ["", "", "", "", ""] }
                let mean = defined.reduce(0, +) / Double(defined.count)
                let variance = defined.count > 1 ? defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(defined.count - 1) : 0
                cells += [mean, variance.squareRoot()].map { FairnessReport.cell($0) } + defined.withUnsafeBufferPointer { quantiles.quantiles($0) }.map { FairnessReport.cell($0) }
                return cells
            }
        }
    }
}

/// Each region's probability of losing more than each named amount per inhabitant against
/// the baseline, over the draws (`losses.csv`).
public struct LossesOverDraws: DrawStatistic {
    public let basis: FairnessBasis

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "losses", columns: ["measure", "year", "region", "loss_per_inhabitant", "p_loss"])
    }

    public var criteria: [Criterion] { [] }

    public var acrossMeasures: Bool { true }

    public func accumulator(_ context: StatisticContext) -> any DrawAccumulator {
        Accumulator(basis, context)
    }

    final class Accumulator: DrawAccumulator {
        let basis: FairnessBasis
        let context: StatisticContext
        /// `counts[region * thresholds + t]`: draws with a loss above threshold t.
        private var counts: [Int]
        private var draws = 0
        let failure: String? = nil

        init(_ basis: FairnessBasis, _ context: StatisticContext) {
            self.basis = basis
            self.context = context
            counts = Array(repeating: 0, count: context.regions.count * basis.plan.losses.count)
        }

        func add(_ block: DrawBlock) {
            let thresholds = basis.plan.losses
            for r in 0..<block.regions {
                let baseline = context.baselineEuros[r], population = basis.populations[r]
                for j in 0..<block.width {
                    let loss = (baseline - block.euros(region: r, draw: j)) / population
                    for (t, threshold) in thresholds.enumerated() where loss > threshold { counts[r * thresholds.count + t] += 1 }
                }
            }
            draws += block.width
        }

        func rows() -> [[String]] {
            let thresholds = basis.plan.losses
            return context.regions.indices.flatMap { r in
                thresholds.enumerated().map { t, threshold in
                    [context.measure, String(context.year), context.regions[r], "\(threshold)", "\(Double(counts[r * thresholds.count + t]) / Double(Swift.max(draws, 1)))"]
                }
            }
        }
    }
}
