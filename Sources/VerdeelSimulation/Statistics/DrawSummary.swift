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

/// Computes a ``DrawSummary`` from one column of draws in three passes, with scratch
/// reused from column to column: (1) sums, minimum, maximum and the count below the
/// baseline; (2) squared deviations and a histogram over [min, max]; (3) the values in the
/// few bins that hold the wanted ranks, sorted to give exact order statistics. Sums use
/// four interleaved partial sums in a fixed order, so results never depend on how the
/// work was split.
public struct ColumnSummariser {
    static let binCount = 1024
    private var counts: [Int32]
    private var candidates: [Double] = []
    private var scratch: [Double] = []

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
        candidates.reserveCapacity(1024)
    }

    /// Summarises `values`; `values` must not be empty. `hint`, a summary of a similar
    /// column (the previous variant's, under common random numbers), only speeds up the
    /// quantiles: they are exact with or without it.
    public mutating func summarise(_ values: UnsafeBufferPointer<Double>, baseline: Double, hint: DrawSummary? = nil) -> DrawSummary {
        let n = values.count
        let x = values.baseAddress!
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var below = 0
        var low = x[0], high = x[0]
        let whole = n / 4 * 4
        var i = 0
        while i < whole {
            let (a, b, c, d) = (x[i], x[i + 1], x[i + 2], x[i + 3])
            s0 += a; s1 += b; s2 += c; s3 += d
            below &+= (a < baseline ? 1 : 0) &+ (b < baseline ? 1 : 0) &+ (c < baseline ? 1 : 0) &+ (d < baseline ? 1 : 0)
            low = Swift.min(low, Swift.min(Swift.min(a, b), Swift.min(c, d)))
            high = Swift.max(high, Swift.max(Swift.max(a, b), Swift.max(c, d)))
            i += 4
        }
        while i < n {
            s0 += x[i]
            below &+= x[i] < baseline ? 1 : 0
            low = Swift.min(low, x[i])
            high = Swift.max(high, x[i])
            i += 1
        }
        let mean = ((s0 + s1) + (s2 + s3)) / Double(n)
        let spread = high - low
        let scale = spread > 0 ? Double(Self.binCount) / spread : 0
        let last = Self.binCount - 1
        var (q0, q1, q2, q3) = (0.0, 0.0, 0.0, 0.0)
        i = 0
        while i < whole {
            let (a, b, c, d) = (x[i] - mean, x[i + 1] - mean, x[i + 2] - mean, x[i + 3] - mean)
            q0 += a * a; q1 += b * b; q2 += c * c; q3 += d * d
            i += 4
        }
        while i < n {
            q0 += (x[i] - mean) * (x[i] - mean)
            i += 1
        }
        let squares = (q0 + q1) + (q2 + q3)
        let sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        var quantiles = DrawSummary.probabilities.map { _ in low }
        if spread > 0 {
            if let hint, let bracketed = bracketed(values, around: hint, shift: mean - hint.mean) {
                quantiles = bracketed
            } else {
                counts.withUnsafeMutableBufferPointer { counts in
                    for bin in 0..<Self.binCount { counts[bin] = 0 }
                    for value in values { counts[Swift.min(Int((value - low) * scale), last)] &+= 1 }
                }
                quantiles = orderStatistics(values, low: low, scale: scale)
            }
        }
        return DrawSummary(
            mean: mean, standardDeviation: sd, p05: quantiles[0], p50: quantiles[1], p95: quantiles[2],
            probabilityBelowBaseline: Double(below) / Double(n))
    }

    /// The quantiles from narrow brackets around a similar column's quantiles (shifted by
    /// the difference of the means): one pass counts the values below each bracket and
    /// collects those inside; `nil` when a bracket misses its ranks.
    private mutating func bracketed(_ values: UnsafeBufferPointer<Double>, around hint: DrawSummary, shift: Double) -> [Double]? {
        let n = values.count
        let width = 0.02 * hint.standardDeviation + 2
        let centers = [hint.p05, hint.p50, hint.p95].map { $0 + shift }
        let (l0, l1, l2) = (centers[0] - width, centers[1] - width, centers[2] - width)
        let (h0, h1, h2) = (centers[0] + width, centers[1] + width, centers[2] + width)
        if scratch.count < n { scratch = Array(repeating: 0, count: n) }
        var (b0, b1, b2) = (0, 0, 0)
        var collected = 0
        scratch.withUnsafeMutableBufferPointer { scratch in
            let out = scratch.baseAddress!
            let x = values.baseAddress!
            // Sign bits instead of comparisons: the loop has no branches and vectorises.
            // (value - low) is negative exactly when value < low (equal values give +0).
            var (c0, c1, c2) = (UInt64(0), UInt64(0), UInt64(0))
            for i in 0..<n {
                let value = x[i]
                let below0 = (value - l0).bitPattern >> 63, above0 = (h0 - value).bitPattern >> 63
                let below1 = (value - l1).bitPattern >> 63, above1 = (h1 - value).bitPattern >> 63
                let below2 = (value - l2).bitPattern >> 63, above2 = (h2 - value).bitPattern >> 63
                c0 &+= below0
                c1 &+= below1
                c2 &+= below2
                let inside = (~(below0 | above0) | ~(below1 | above1) | ~(below2 | above2)) & 1
                out[collected] = value
                collected &+= Int(inside)
            }
            (b0, b1, b2) = (Int(c0), Int(c1), Int(c2))
        }
        candidates.removeAll(keepingCapacity: true)
        candidates.append(contentsOf: scratch[0..<collected])
        candidates.sort()
        var result = [Double]()
        for (index, (p, below)) in zip(DrawSummary.probabilities, [b0, b1, b2]).enumerated() {
            let rank = Int((Double(n - 1) * p).rounded(.down))
            let next = Swift.min(rank + 1, n - 1)
            let low = [l0, l1, l2][index], high = [h0, h1, h2][index]
            // The bracket's values are a contiguous run of the sorted candidates.
            let start = candidates.partitioningIndex { $0 >= low }
            let end = candidates.partitioningIndex { $0 > high }
            guard rank - below >= 0, next - below < end - start else { return nil }
            let a = candidates[start + rank - below], b = candidates[start + next - below]
            result.append(Self.interpolate(a, b, Double(n - 1) * p - Double(rank)))
        }
        return result
    }

    /// Hyndman-Fan type 7 quantiles (numpy's default 'linear'), as numpy computes them.
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

extension Array where Element == Double {
    /// The first index whose element satisfies `predicate`, for a predicate that is false
    /// then true along the (sorted) array.
    func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
