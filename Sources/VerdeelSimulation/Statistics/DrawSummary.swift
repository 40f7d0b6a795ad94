/// What the Monte Carlo run reports for one variant, measure, year and region over all
/// draws: mean, sample standard deviation, exact quantiles and the share of draws below
/// the baseline amount.
public struct DrawSummary: Equatable, Sendable {
    public var mean: Double
    /// The sample standard deviation (divisor n - 1; 0 for one draw).
    public var standardDeviation: Double
    public var p05: Double
    public var p50: Double
    public var p95: Double
    /// The fraction of draws whose amount is strictly below the baseline amount.
    public var probabilityBelowBaseline: Double

    public init(mean: Double, standardDeviation: Double, p05: Double, p50: Double, p95: Double, probabilityBelowBaseline: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.p05 = p05
        self.p50 = p50
        self.p95 = p95
        self.probabilityBelowBaseline = probabilityBelowBaseline
    }

    /// The quantile probabilities reported.
    public static let probabilities = [0.05, 0.5, 0.95]
}

/// Exact Hyndman-Fan type 7 quantiles (numpy's default 'linear') of a whole column, with
/// scratch reused from column to column: a histogram over [min, max] finds the few bins
/// that hold the wanted ranks, and only their values are sorted.
public struct ExactQuantiles {
    static let binCount = 1024
    private var counts: [Int32]
    private var candidates: [Double] = []

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
        candidates.reserveCapacity(1024)
    }

    /// P5, P50 and P95 of `values` (not empty).
    public mutating func quantiles(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        var low = values[0], high = values[0]
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        guard high > low else { return DrawSummary.probabilities.map { _ in low } }
        let scale = Double(Self.binCount) / (high - low)
        let last = Self.binCount - 1
        counts.withUnsafeMutableBufferPointer { counts in
            for bin in 0..<Self.binCount { counts[bin] = 0 }
            for value in values { counts[Swift.min(Int((value - low) * scale), last)] &+= 1 }
        }
        return orderStatistics(values, low: low, scale: scale)
    }

    /// The wanted ranks' values from the histogram, interpolated as numpy does.
    private mutating func orderStatistics(_ values: UnsafeBufferPointer<Double>, low: Double, scale: Double) -> [Double] {
        let n = values.count
        let probabilities = DrawSummary.probabilities
        let ranks = probabilities.flatMap { p -> [Int] in
            let rank = Int((Double(n - 1) * p).rounded(.down))
            return [rank, Swift.min(rank + 1, n - 1)]
        }
        // The bin of each wanted rank, and the rank its bin starts at.
        var bins = [Int](repeating: 0, count: ranks.count)
        var starts = [Int](repeating: 0, count: ranks.count)
        var running = 0
        var bin = 0
        for (index, rank) in ranks.enumerated() {
            while running + Int(counts[bin]) <= rank {
                running += Int(counts[bin])
                bin += 1
            }
            bins[index] = bin
            starts[index] = running
        }
        // Wanted bins are few and ascending: collect their values, sort, and find each rank
        // at its offset within its bin plus the sizes of the wanted bins before it.
        let wanted = Array(Set(bins)).sorted()
        let last = Self.binCount - 1
        candidates.removeAll(keepingCapacity: true)
        let (w0, w1) = (wanted.first ?? 0, wanted.last ?? 0)
        for value in values {
            let b = Swift.min(Int((value - low) * scale), last)
            if b >= w0 && b <= w1 && wanted.contains(b) { candidates.append(value) }
        }
        candidates.sort()
        var offsets = [Int: Int]()
        var offset = 0
        for b in wanted {
            offsets[b] = offset
            offset += Int(counts[b])
        }
        let picked = ranks.indices.map { candidates[(offsets[bins[$0]] ?? 0) + ranks[$0] - starts[$0]] }
        return probabilities.enumerated().map { index, p in
            Self.interpolate(picked[2 * index], picked[2 * index + 1], Double(n - 1) * p - Double(ranks[2 * index]))
        }
    }

    /// numpy's `_lerp`: `a + (b - a) * t`, computed from `b` when `t >= 0.5` for monotonicity.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
