import Foundation
import VerdeelCore
import VerdeelSimulation
import VerdeelTables

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
    /// The run's populations per draw, made once for all accumulators.
    let populations = DrawPopulationsCache()
    /// The baseline's metric values by measure and year, in ``FairnessSettings/metrics`` order.
    let baseline: [String: [Double?]]

    public init(_ basis: FairnessBasis, baseline: FairnessReport) {
        self.basis = basis
        var values = [String: [Double?]]()
        for row in baseline.rows { values["\(row.measure)\u{0}\(row.year)", default: []].append(row.value) }
        self.baseline = values
    }

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "fairness_summary", title: .init(dutch: "Eerlijkheid Monte Carlo", english: "Fairness Monte Carlo"), columns: [
            .measure, .year,
            Column("metric", .text, dutch: "maat", english: "metric", "the fairness metric (gini, theil, atkinson_EPSILON, suits, ...)"),
            Column("baseline", .decimal, dutch: "basis", english: "baseline", "the metric in the baseline (the scenario without variants and draws)"),
            Column("mean", .decimal, dutch: "gemiddelde", english: "mean", "its mean over the draws"),
            Column("sd", .decimal, dutch: "standaardafwijking", english: "sd", "its standard deviation over the draws"),
            Column("p05", .decimal, dutch: "P5", english: "p05", "its 5th percentile over the draws"),
            Column("p50", .decimal, dutch: "P50", english: "p50", "its median over the draws"),
            Column("p95", .decimal, dutch: "P95", english: "p95", "its 95th percentile over the draws"),
        ])
    }

    /// The name of the population criterion the engine computes per draw (a name no
    /// scenario identifier can take).
    static let populationCriterion = "fairness population"
    static let referenceCriterion = "fairness reference"

    public var criteria: [Criterion] {
        [Criterion(name: Self.populationCriterion, expression: .indicator(basis.plan.population))]
            + (basis.plan.reference.map { [Criterion(name: Self.referenceCriterion, expression: $0.expression)] } ?? [])
    }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(self, context)
    }

    public var acrossMeasures: Bool { true }

    /// The per-draw populations (four tables of regions x draws doubles) and each worker's
    /// sort orders (regions x draws 32-bit indices, many regions only).
    public func runBytes(regions: Int, draws: Int, threads: Int) -> Int {
        4 * regions * draws * 8 + (regions > FairnessLanes.pairwiseRegions ? threads * regions * draws * 4 : 0)
    }

    /// The second table, of losses per region (`nil` when the scenario names none).
    public var lossTable: LossesOverDraws? {
        basis.plan.losses.isEmpty ? nil : LossesOverDraws(basis: basis)
    }

    final class Accumulator: TableAccumulator {
        /// A metric's value as a cell; empty where it is undefined.
        static func cell(_ value: Double?) -> Cell {
            guard let value, value.isFinite else { return .empty }
            return .number(value, FairnessReport.cell(value))
        }

        let statistic: FairnessOverDraws
        let context: StatisticContext
        /// `values[metric * draws + draw]`; NaN where a metric is undefined in a draw.
        private let values: MutableBufferHandle<Double>
        private let lanes: FairnessLanes
        /// The run's populations per draw (the same share rows feed every block).
        private var populations: DrawPopulations?
        /// Where the per-capita sorts start (many regions): the worker's.
        private var orders: DrawOrders?
        private(set) var failure: String?

        init(_ statistic: FairnessOverDraws, _ context: StatisticContext) {
            self.statistic = statistic
            self.context = context
            lanes = FairnessLanes(statistic.basis)
            values = .allocate(Swift.max(1, statistic.basis.settings.metrics.count * context.draws), repeating: .nan)
        }

        deinit { values.deallocate() }

        func add(_ block: DrawBlock) {
            guard failure == nil else { return }
            let populations = self.populations ?? statistic.populations.populations(block)
            self.populations = populations
            if let empty = populations.empty {
                failure = "draw \(empty.draw + 1): the population of region \(context.regions[empty.region]) is 0; per-capita amounts need a population above 0"
                return
            }
            if orders == nil, block.regions > FairnessLanes.pairwiseRegions {
                orders = statistic.populations.orders.orders(worker: context.worker, regions: block.regions, draws: block.draws)
            }
            lanes.add(block, populations: populations, orders: orders, referenced: statistic.basis.reference != nil, to: values)
        }

        /// Mean, sd (n - 1) and type 7 quantiles over the draws where the metric is defined.
        func rows() -> [[Cell]] {
            let baseline = statistic.baseline["\(context.measure)\u{0}\(context.year)"] ?? []
            var quantiles = ExactQuantiles()
            let draws = context.draws
            return statistic.basis.settings.metrics.enumerated().map { index, metric in
                let column = values.reading.slice(from: index * draws, count: draws)
                let cells: [Cell] = [.text(context.measure), .whole(context.year), .text(metric.description), Self.cell(index < baseline.count ? baseline[index] : nil)]
                let summary = ColumnSummary(column)
                guard let summary else { return cells + Array(repeating: .empty, count: 5) }
                let defined = summary.count == draws ? column : nil
                let q = defined.map { quantiles.quantiles($0, low: summary.low, high: summary.high) }
                    ?? column.buffer.filter { !$0.isNaN }.withUnsafeBufferPointer { quantiles.quantiles(BufferHandle($0), low: summary.low, high: summary.high) }
                return cells + ([summary.mean, summary.standardDeviation] + q).map { Self.cell($0) }
            }
        }
    }
}

/// Count, mean, sample standard deviation (n - 1) and range of a column's defined (not
/// NaN) values, eight lanes at a time in a fixed order (the same for any split of the work).
struct ColumnSummary {
    typealias Lanes = SIMD8<Double>
    let count: Int
    let mean: Double
    let standardDeviation: Double
    let low: Double
    let high: Double

    /// `nil` when no value is defined.
    init?(_ column: BufferHandle<Double>) {
        let zero = Lanes(), one = Lanes(repeating: 1)
        var (counts, sums) = (zero, zero)
        var low = Lanes(repeating: .infinity), high = Lanes(repeating: -.infinity)
        let octets = (column.count + Lanes.scalarCount - 1) / Lanes.scalarCount
        for k in 0..<octets {
            let x = Self.octet(column, k)
            let defined = x .== x
            counts += zero.replacing(with: one, where: defined)
            sums += zero.replacing(with: x, where: defined)
            low = low.replacing(with: x, where: x .< low)
            high = high.replacing(with: x, where: x .> high)
        }
        let n = Self.total(counts)
        guard n > 0 else { return nil }
        let mean = Self.total(sums) / n
        var squares = zero
        let center = Lanes(repeating: mean)
        for k in 0..<octets {
            let x = Self.octet(column, k)
            let deviation = zero.replacing(with: x - center, where: x .== x)
            squares += deviation * deviation
        }
        count = Int(n)
        self.mean = mean
        standardDeviation = n > 1 ? (Self.total(squares) / (n - 1)).squareRoot() : 0
        (self.low, self.high) = (low.min(), high.max())
    }

    /// Values `8k` to `8k + 7` of the column, past its end NaN (not defined).
    @inline(__always)
    private static func octet(_ column: BufferHandle<Double>, _ k: Int) -> Lanes {
        let start = k * Lanes.scalarCount
        if start + Lanes.scalarCount <= column.count { return column.lanes(at: start) }
        var rest = Lanes(repeating: .nan)
        for lane in 0..<(column.count - start) { rest[lane] = column[start + lane] }
        return rest
    }

    private static func total(_ x: Lanes) -> Double {
        ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]))
    }
}

/// Each region's probability of losing more than each named amount per inhabitant against
/// the baseline, over the draws (`losses.csv`).
public struct LossesOverDraws: DrawStatistic {
    public let basis: FairnessBasis

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "losses", title: .init(dutch: "Verliezen", english: "Losses"), columns: [
            .measure, .year, .region, .regionName,
            Column("loss_per_inhabitant", .euroCents, dutch: "verlies per inwoner", english: "loss per inhabitant", "a loss threshold of the fairness block, euros per inhabitant"),
            Column("p_loss", .fraction, dutch: "kans op verlies", english: "p loss", "the share of draws in which the region gets more than that much less per inhabitant than in the baseline"),
        ])
    }

    public var criteria: [Criterion] { [] }

    public var acrossMeasures: Bool { true }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(basis, context)
    }

    final class Accumulator: TableAccumulator {
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

        func rows() -> [[Cell]] {
            let thresholds = basis.plan.losses
            return context.regions.indices.flatMap { r in
                thresholds.enumerated().map { t, threshold in
                    let share = Double(counts[r * thresholds.count + t]) / Double(Swift.max(draws, 1))
                    return [.text(context.measure), .whole(context.year), .text(context.regions[r]), .text(context.regionNames[r]), .number(threshold, "\(threshold)"), .number(share, "\(share)")]
                }
            }
        }
    }
}
