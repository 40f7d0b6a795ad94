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

/// Each region's ranks so far in one variant, measure and year, fed block by block.
struct RankTally {
    let baselineRanks: [Int]
    private(set) var draws = 0
    private var sum: [Int]
    private var best: [Int]
    private var worst: [Int]
    private var same: [Int]

    init(baselineRanks: [Int]) {
        self.baselineRanks = baselineRanks
        sum = baselineRanks.map { _ in 0 }
        best = baselineRanks.map { _ in Int.max }
        worst = sum
        same = sum
    }

    mutating func add(region r: Int, ranks: BufferHandle<Int32>) {
        if r == 0 { draws += ranks.count }
        let baseline = Int32(baselineRanks[r])
        var (total, low, high, kept) = (0, Int32.max, Int32(0), 0)
        for j in 0..<ranks.count {
            let rank = ranks[j]
            total += Int(rank)
            low = Swift.min(low, rank)
            high = Swift.max(high, rank)
            kept += rank == baseline ? 1 : 0
        }
        sum[r] += total
        best[r] = Swift.min(best[r], Int(low))
        worst[r] = Swift.max(worst[r], Int(high))
        same[r] += kept
    }

    var summaries: [RankSummary] {
        baselineRanks.indices.map { r in
            RankSummary(
                baselineRank: baselineRanks[r], meanRank: Double(sum[r]) / Double(draws), bestRank: best[r], worstRank: worst[r],
                probabilitySameRank: Double(same[r]) / Double(draws))
        }
    }
}

/// Ranks the regions in every draw of a block (`amounts[r * width + j]`) and adds them to
/// a ``RankTally``.
final class RankCounter {
    let regions: Int
    /// The most draws of a block it can rank at once.
    var width: Int { ranks.count / Swift.max(regions, 1) }
    private var ranks: [Int32]
    private var order: [Int]

    init(regions: Int, width: Int) {
        self.regions = regions
        ranks = Array(repeating: 0, count: regions * width)
        order = Array(0..<regions)
    }

    /// The ranks of `values` (1 = largest; ties to the lower index).
    static func ranks(of values: [Double]) -> [Int] {
        var result = [Int](repeating: 0, count: values.count)
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        for (position, index) in order.enumerated() { result[index] = position + 1 }
        return result
    }

    func add(_ y: BufferHandle<Double>, width: Int, to tally: inout RankTally) {
        let regions = self.regions
        ranks.withUnsafeMutableBufferPointer { ranks in
            let ranks = MutableBufferHandle(ranks).slice(from: 0, count: regions * width)
            if regions <= 64 {
                // Pairwise over contiguous draws: rank = 1 + regions that beat this one.
                ranks.update(repeating: 1)
                for r in 0..<regions {
                    let mine = y.slice(from: r * width, count: width)
                    let rank = ranks.slice(from: r * width, count: width)
                    for q in 0..<regions where q != r {
                        let other = y.slice(from: q * width, count: width)
                        if q < r {
                            for d in 0..<width { rank[d] &+= other[d] >= mine[d] ? 1 : 0 }
                        } else {
                            for d in 0..<width { rank[d] &+= other[d] > mine[d] ? 1 : 0 }
                        }
                    }
                }
            } else {
                for d in 0..<width {
                    for index in order.indices { order[index] = index }
                    order.sort { a, b in
                        let x = y[a * width + d], z = y[b * width + d]
                        return x != z ? x > z : a < b
                    }
                    for (position, region) in order.enumerated() { ranks[region * width + d] = Int32(position + 1) }
                }
            }
            for r in 0..<regions {
                tally.add(region: r, ranks: ranks.reading.slice(from: r * width, count: width))
            }
        }
    }
}
