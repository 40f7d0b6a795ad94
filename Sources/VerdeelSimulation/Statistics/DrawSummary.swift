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

/// Computes a ``DrawSummary`` from one column of draws in a few branch-light passes:
/// moments and a histogram, then exact order statistics from the few values in the
/// histogram bins that hold the wanted ranks. Reusable scratch, no allocation per column.
public struct ColumnSummariser {
    static let binCount = 1024
    private var counts: [Int32]
    private var candidates: [Double]

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
        candidates = []
        candidates.reserveCapacity(4096)
    }

    /// Summarises `values` (summed in index order, so the result does not depend on how
    /// the work was split). `values` must not be empty.
    public mutating func summarise(_ values: UnsafeBufferPointer<Double>, baseline: Double) -> DrawSummary {
        let n = values.count
        var sum = 0.0, below = 0, low = values[0], high = values[0]
        for x in values {
            sum += x
            below &+= x < baseline ? 1 : 0
            low = x < low ? x : low
            high = x > high ? x : high
        }
        let mean = sum / Double(n)
        var squares = 0.0
        for x in values {
            let d = x - mean
            squares += d * d
        }
        let sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        let quantiles = orderStatistics(values, low: low, high: high)
        return DrawSummary(
            mean: mean, standardDeviation: sd, p05: quantiles[0], p50: quantiles[1], p95: quantiles[2],
            probabilityBelowBaseline: Double(below) / Double(n))
    }

    /// Hyndman-Fan type 7 quantiles (numpy's default 'linear'), exactly as numpy computes them.
    private mutating func orderStatistics(_ values: UnsafeBufferPointer<Double>, low: Double, high: Double) -> [Double] {
        let n = values.count
        guard high > low else { return DrawSummary.probabilities.map { _ in low } }
        var ranks = [Int]()
        for p in DrawSummary.probabilities {
            let lower = Int((Double(n - 1) * p).rounded(.down))
            ranks.append(lower)
            ranks.append(min(lower + 1, n - 1))
        }
        let bins = Self.binCount
        let scale = Double(bins) / (high - low)
        counts.withUnsafeMutableBufferPointer { counts in
            for index in 0..<bins { counts[index] = 0 }
            for x in values {
                counts[min(Int((x - low) * scale), bins - 1)] &+= 1
            }
        }
        var wanted = [Bool](repeating: false, count: bins)
        var firstRankOfBin = [Int](repeating: 0, count: bins)
        var binOfRank = [Int]()
        var running = 0
        var rankIndex = 0
        let sortedRanks = ranks.sorted()
        for bin in 0..<bins {
            firstRankOfBin[bin] = running
            running += Int(counts[bin])
            while rankIndex < sortedRanks.count, sortedRanks[rankIndex] < running {
                wanted[bin] = true
                rankIndex += 1
            }
        }
        candidates.removeAll(keepingCapacity: true)
        for x in values where wanted[min(Int((x - low) * scale), bins - 1)] {
            candidates.append(x)
        }
        candidates.sort()
        // Candidates are the wanted bins' values in order; a rank's value is found by its
        // offset within its bin plus the sizes of the wanted bins before it.
        var offsetOfBin = [Int: Int]()
        var offset = 0
        for bin in 0..<bins where wanted[bin] {
            offsetOfBin[bin] = offset
            offset += Int(counts[bin])
        }
        func value(at rank: Int) -> Double {
            var bin = 0
            while bin + 1 < bins, firstRankOfBin[bin + 1] <= rank { bin += 1 }
            while !wanted[bin] { bin -= 1 }
            return candidates[(offsetOfBin[bin] ?? 0) + rank - firstRankOfBin[bin]]
        }
        return DrawSummary.probabilities.enumerated().map { index, p in
            let h = Double(n - 1) * p
            let a = value(at: ranks[2 * index]), b = value(at: ranks[2 * index + 1])
            let t = h - Double(ranks[2 * index])
            return Self.interpolate(a, b, t)
        }
    }

    /// numpy's `_lerp`: `a + (b - a) * t`, computed from `b` when `t >= 0.5` for monotonicity.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
