/// How stable a region's place is over the draws of one variant, measure and year: its
/// rank among the regions (1 = the largest amount; equal amounts rank by region code), in
/// the baseline and over the draws.
public struct RankSummary: Equatable, Sendable {
    public var baselineRank: Int
    public var meanRank: Double
    public var bestRank: Int
    public var worstRank: Int
    /// The fraction of draws in which the region keeps its baseline rank.
    public var probabilitySameRank: Double

    public init(baselineRank: Int, meanRank: Double, bestRank: Int, worstRank: Int, probabilitySameRank: Double) {
        self.baselineRank = baselineRank
        self.meanRank = meanRank
        self.bestRank = bestRank
        self.worstRank = worstRank
        self.probabilitySameRank = probabilitySameRank
    }
}

/// Ranks the regions in every draw of a region-major column block (`amounts[r * draws + d]`)
/// and summarises each region's ranks.
final class RankCounter {
    let regions: Int
    let draws: Int
    private var ranks: [Int32]
    private var order: [Int]

    init(regions: Int, draws: Int) {
        self.regions = regions
        self.draws = draws
        ranks = Array(repeating: 0, count: regions * draws)
        order = Array(0..<regions)
    }

    /// The ranks of `values` (1 = largest; ties to the lower index).
    static func ranks(of values: [Double]) -> [Int] {
        var result = [Int](repeating: 0, count: values.count)
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        for (position, index) in order.enumerated() { result[index] = position + 1 }
        return result
    }

    func summarise(_ amounts: UnsafeBufferPointer<Double>, baselineRanks: [Int]) -> [RankSummary] {
        let (regions, draws) = (self.regions, self.draws)
        let y = amounts.baseAddress!
        ranks.withUnsafeMutableBufferPointer { ranks in
            if regions <= 64 {
                // Pairwise over contiguous draws: rank = 1 + regions that beat this one.
                for index in 0..<(regions * draws) { ranks[index] = 1 }
                for r in 0..<regions {
                    let mine = y + r * draws
                    let rank = ranks.baseAddress! + r * draws
                    for q in 0..<regions where q != r {
                        let other = y + q * draws
                        if q < r {
                            for d in 0..<draws { rank[d] &+= other[d] >= mine[d] ? 1 : 0 }
                        } else {
                            for d in 0..<draws { rank[d] &+= other[d] > mine[d] ? 1 : 0 }
                        }
                    }
                }
            } else {
                for d in 0..<draws {
                    for index in order.indices { order[index] = index }
                    order.sort { a, b in
                        let x = y[a * draws + d], z = y[b * draws + d]
                        return x != z ? x > z : a < b
                    }
                    for (position, region) in order.enumerated() { ranks[region * draws + d] = Int32(position + 1) }
                }
            }
        }
        return (0..<regions).map { r in
            var sum = 0, best = Int.max, worst = 0, same = 0
            for d in 0..<draws {
                let rank = Int(ranks[r * draws + d])
                sum += rank
                best = min(best, rank)
                worst = max(worst, rank)
                same += rank == baselineRanks[r] ? 1 : 0
            }
            return RankSummary(
                baselineRank: baselineRanks[r], meanRank: Double(sum) / Double(draws), bestRank: best, worstRank: worst,
                probabilitySameRank: Double(same) / Double(draws))
        }
    }
}
