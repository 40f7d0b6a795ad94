import VerdeelCore
import VerdeelSimulation
import VerdeelTables

/// The largest loss per inhabitant against the baseline in each draw (`largest_loss.csv`),
/// made when the fairness block names loss thresholds. In draw d region r loses
/// `loss(r, d) = (baseline(r) - amount(r, d)) / inhabitants(r)` euros per inhabitant (the
/// inhabitants of the nominal data, as `losses.csv` counts them); the draw's largest loss is
/// `max_r loss(r, d)` (negative when every region gains) and its worst region the region
/// that has it (on a tie, the first in the region table: the losses are compared exactly).
///
/// Per variant, measure and year, one row per threshold t: the mean, P50 and P95 (type 7)
/// of the largest loss over the draws, the region that is worst in the most draws (a tie
/// goes to the first in the region table) and the share of draws it is worst in; and the
/// distribution over the draws of `count_r(loss(r, d) > t)`, the number of regions that
/// lose more than t: its mean, P50, P95 and maximum, and the share of draws in which at
/// least one region does.
public struct LargestLossOverDraws: DrawStatistic {
    /// Inhabitants per region, table order.
    public let populations: [Double]
    /// The loss thresholds, euros per inhabitant.
    public let thresholds: [Double]

    public init(populations: [Double], thresholds: [Double]) {
        self.populations = populations
        self.thresholds = thresholds
    }

    /// The statistic of a fairness block; nil when it names no loss thresholds.
    public init?(_ basis: FairnessBasis) {
        guard !basis.plan.losses.isEmpty else { return nil }
        self.init(populations: basis.populations, thresholds: basis.plan.losses)
    }

    public var table: StatisticTable.Header {
        func column(_ id: String, _ kind: ColumnKind, _ dutch: String, _ description: String) -> Column {
            Column(id, kind, dutch: dutch, english: id.replacingOccurrences(of: "_", with: " "), description)
        }
        return StatisticTable.Header(name: "largest_loss", title: .init(dutch: "Grootste verlies", english: "Largest loss"), columns: [
            .measure, .year,
            column("largest_loss_mean", .euroCents, "grootste verlies gemiddeld", "the mean over the draws of the largest loss per inhabitant of any region against the baseline, euros (negative: every region gains)"),
            column("largest_loss_p50", .euroCents, "grootste verlies P50", "its median over the draws"),
            column("largest_loss_p95", .euroCents, "grootste verlies P95", "its 95th percentile over the draws"),
            column("worst_region", .regionCode, "code meest getroffen", "the region with the largest loss in the most draws (a tie: the first in the region table)"),
            column("worst_region_name", .text, "meest getroffen gemeente", "that region's name"),
            column("p_worst_region", .fraction, "kans meest getroffen", "the share of draws in which that region has the largest loss"),
            column("loss_per_inhabitant", .euroCents, "verliesdrempel per inwoner", "a loss threshold of the fairness block, euros per inhabitant"),
            column("regions_losing_mean", .decimal, "gemeenten boven drempel gemiddeld", "the mean over the draws of the number of regions that lose more than the threshold"),
            column("regions_losing_p50", .decimal, "gemeenten boven drempel P50", "its median over the draws"),
            column("regions_losing_p95", .decimal, "gemeenten boven drempel P95", "its 95th percentile over the draws"),
            column("regions_losing_max", .count, "gemeenten boven drempel hoogstens", "its largest value in any draw"),
            column("p_any_region_losing", .fraction, "kans op een gemeente boven drempel", "the share of draws in which at least one region loses more than the threshold"),
        ])
    }

    public var criteria: [Criterion] { [] }

    public var acrossMeasures: Bool { true }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(self, context)
    }

    final class Accumulator: TableAccumulator {
        let statistic: LargestLossOverDraws
        let context: StatisticContext
        /// Per draw (in draw order): the largest loss per inhabitant.
        private var largest = [Double]()
        /// Per region: the draws in which it has the largest loss.
        private var worstCounts: [Int]
        /// `losing[t]`: per draw, the regions that lose more than threshold t.
        private var losing: [[Double]]
        let failure: String? = nil

        init(_ statistic: LargestLossOverDraws, _ context: StatisticContext) {
            self.statistic = statistic
            self.context = context
            worstCounts = Array(repeating: 0, count: context.regions.count)
            losing = statistic.thresholds.map { _ in [] }
            largest.reserveCapacity(context.draws)
        }

        func add(_ block: DrawBlock) {
            let thresholds = statistic.thresholds
            var counts = [Int](repeating: 0, count: thresholds.count)
            for j in 0..<block.width {
                var worst = 0, most = -Double.infinity
                for t in counts.indices { counts[t] = 0 }
                for r in 0..<block.regions {
                    let loss = (context.baselineEuros[r] - block.euros(region: r, draw: j)) / statistic.populations[r]
                    if loss > most { (worst, most) = (r, loss) }
                    for (t, threshold) in thresholds.enumerated() where loss > threshold { counts[t] += 1 }
                }
                largest.append(most)
                worstCounts[worst] += 1
                for t in counts.indices { losing[t].append(Double(counts[t])) }
            }
        }

        func rows() -> [[Cell]] {
            var quantiles = ExactQuantiles()
            let draws = Double(largest.count)
            let worst = worstCounts.indices.max { worstCounts[$0] < worstCounts[$1] || (worstCounts[$0] == worstCounts[$1] && $0 > $1) } ?? 0
            let front: [Cell] = [.text(context.measure), .whole(context.year)] + Self.summary(largest, &quantiles).prefix(3)
                + [.text(context.regions[worst]), .text(context.regionNames[worst]), largest.isEmpty ? .empty : .number(Double(worstCounts[worst]) / draws)]
            return statistic.thresholds.enumerated().map { t, threshold in
                let any: Cell = largest.isEmpty ? .empty : .number(Double(losing[t].count(where: { $0 > 0 })) / draws)
                return front + [.number(threshold, "\(threshold)")] + Self.summary(losing[t], &quantiles) + [any]
            }
        }

        /// Mean, P50, P95 (type 7) and maximum of the values of the draws (empty without draws).
        private static func summary(_ values: [Double], _ quantiles: inout ExactQuantiles) -> [Cell] {
            guard let maximum = values.max() else { return Array(repeating: .empty, count: 4) }
            let q = quantiles.quantiles(values)
            return [values.reduce(0, +) / Double(values.count), q[1], q[2], maximum].map { .number($0) }
        }
    }
}
