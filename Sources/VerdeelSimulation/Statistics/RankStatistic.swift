import VerdeelCore

/// Rank stability as a statistic over the draws (`ranks.csv`, when the montecarlo block says
/// `ranks`): per variant, measure, year and region its baseline rank, mean, best and worst
/// rank over the draws and the share of draws in which it keeps its baseline rank
/// (1 = the largest amount; equal amounts rank by region code).
public struct RankStatistic: DrawStatistic {
    public init() {}

    public var table: StatisticTable.Header {
        StatisticTable.Header(
            name: "ranks", columns: ["measure", "year", "region", "baseline_rank", "mean_rank", "best_rank", "worst_rank", "p_same_rank"])
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

        func rows() -> [[String]] {
            tally.summaries.enumerated().map { r, rank in
                [context.measure, String(context.year), context.regions[r], String(rank.baselineRank), StatisticTable.number(rank.meanRank),
                 String(rank.bestRank), String(rank.worstRank), StatisticTable.number(rank.probabilitySameRank)]
            }
        }
    }
}
