import VerdeelCore
import VerdeelTables

/// Rank stability as a statistic over the draws (`ranks.csv`, when the montecarlo block says
/// `ranks`): per variant, measure, year and region its baseline rank, mean, best and worst
/// rank over the draws and the share of draws in which it keeps its baseline rank
/// (1 = the largest amount; equal amounts rank by region code).
public struct RankStatistic: DrawStatistic {
    public init() {}

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "ranks", title: .init(dutch: "Rangen", english: "Ranks"), columns: [
            .measure, .year, .region, .regionName,
            Column("baseline_rank", .ordinal, dutch: "rang basis", english: "baseline rank", "the region's rank in the baseline (1 = the largest amount)"),
            Column("mean_rank", .decimal, dutch: "gemiddelde rang", english: "mean rank", "its mean rank over the draws"),
            Column("best_rank", .ordinal, dutch: "beste rang", english: "best rank", "its best (smallest) rank in any draw"),
            Column("worst_rank", .ordinal, dutch: "slechtste rang", english: "worst rank", "its worst (largest) rank in any draw"),
            Column("p_same_rank", .fraction, dutch: "kans zelfde rang", english: "p same rank", "the share of draws in which it keeps its baseline rank"),
        ])
    }

    public var criteria: [Criterion] { [] }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(context)
    }

    final class Accumulator: TableAccumulator {
        let context: StatisticContext
        private var tally: RankTally
        private var counter: RankCounter?
        let failure: String? = nil

        init(_ context: StatisticContext) {
            self.context = context
            tally = RankTally(baselineRanks: RankCounter.ranks(of: context.baselineEuros))
        }

        func add(_ block: DrawBlock) {
            if counter.map({ $0.width < block.width }) ?? true { counter = RankCounter(regions: block.regions, width: block.width) }
            counter?.add(block.amounts, width: block.width, to: &tally)
        }

        func rows() -> [[Cell]] {
            tally.summaries.enumerated().map { r, rank in
                [.text(context.measure), .whole(context.year), .text(context.regions[r]), .text(context.regionNames[r]), .whole(rank.baselineRank), .number(rank.meanRank),
                 .whole(rank.bestRank), .whole(rank.worstRank), .number(rank.probabilitySameRank)]
            }
        }
    }
}
