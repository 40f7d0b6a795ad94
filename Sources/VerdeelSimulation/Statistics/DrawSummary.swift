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
    /// Per bin: 1 when it holds a wanted rank.
    private var wanted: [UInt8]
    private var candidates: [Double] = []

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
        wanted = Array(repeating: 0, count: Self.binCount)
        candidates.reserveCapacity(1024)
    }

    /// P5, P50 and P95 of `values` (not empty, no NaN).
    public mutating func quantiles(_ values: [Double]) -> [Double] {
        values.withUnsafeBufferPointer { quantiles(BufferHandle($0)) }
    }

    /// P5, P50 and P95 of `values` (not empty, no NaN).
    public mutating func quantiles(_ values: BufferHandle<Double>) -> [Double] {
        let range = Self.range(values)
        return quantiles(values, low: range.low, high: range.high)
    }

    /// The smallest and largest of `values` (not empty, no NaN), eight at a time.
    public static func range(_ values: BufferHandle<Double>) -> (low: Double, high: Double) {
        typealias Lanes = SIMD8<Double>
        var low = Lanes(repeating: values[0]), high = low
        var j = 0
        while j + Lanes.scalarCount <= values.count {
            let x: Lanes = values.lanes(at: j)
            low = low.replacing(with: x, where: x .< low)
            high = high.replacing(with: x, where: x .> high)
            j += Lanes.scalarCount
        }
        var (l, h) = (low.min(), high.max())
        while j < values.count {
            l = Swift.min(l, values[j])
            h = Swift.max(h, values[j])
            j += 1
        }
        return (l, h)
    }

    /// P5, P50 and P95 of `values` (not empty, no NaN), whose smallest and largest are `low` and `high`.
    public mutating func quantiles(_ values: BufferHandle<Double>, low: Double, high: Double) -> [Double] {
        guard high > low else { return DrawSummary.probabilities.map { _ in low } }
        let scale = Double(Self.binCount) / (high - low)
        // A spread too small for bins (subnormal): one bin holds everything.
        guard scale.isFinite else { return orderStatistics(values, sorted: values.buffer.sorted()) }
        counts.withUnsafeMutableBufferPointer { counts in
            let counts = MutableBufferHandle(counts)
            counts.update(repeating: 0)
            var j = 0
            while j + Octet.scalarCount <= values.count {
                let bins = Self.bins(Self.octet(values, at: j), low: low, scale: scale)
                for lane in 0..<Octet.scalarCount { counts[Int(truncatingIfNeeded: bins[lane])] &+= 1 }
                j += Octet.scalarCount
            }
            while j < values.count {
                counts[Self.bin(values[j], low: low, scale: scale)] &+= 1
                j += 1
            }
        }
        return orderStatistics(values, low: low, scale: scale)
    }

    typealias Octet = SIMD8<Double>

    @inline(__always)
    private static func octet(_ values: BufferHandle<Double>, at j: Int) -> Octet {
        values.lanes(at: j)
    }

    /// Eight values' bins, `floor(min((value - low) * scale, bins - 1))` (the floor made
    /// exact by adding 2^52 and reading the low bits): the same as ``bin(_:low:scale:)``.
    @inline(__always)
    private static func bins(_ x: Octet, low: Double, scale: Double) -> SIMD8<UInt64> {
        let last = Octet(repeating: Double(binCount - 1))
        var scaled = (x - Octet(repeating: low)) * Octet(repeating: scale)
        scaled = scaled.replacing(with: last, where: scaled .> last).rounded(.down)
        return unsafeBitCast(scaled + 0x1p52, to: SIMD8<UInt64>.self) & 0xFFFF
    }

    @inline(__always)
    private static func bin(_ value: Double, low: Double, scale: Double) -> Int {
        Int(Swift.min((value - low) * scale, Double(binCount - 1)).rounded(.down))
    }

    /// The wanted ranks' values from the histogram, interpolated as numpy does.
    private mutating func orderStatistics(_ values: BufferHandle<Double>, low: Double, scale: Double) -> [Double] {
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
        let chosen = Array(Set(bins)).sorted()
        for b in chosen { wanted[b] = 1 }
        candidates.removeAll(keepingCapacity: true)
        wanted.withUnsafeBufferPointer { wanted in
            let wanted = BufferHandle(wanted)
            var j = 0
            while j + Octet.scalarCount <= values.count {
                let x = Self.octet(values, at: j)
                let bins = Self.bins(x, low: low, scale: scale)
                for lane in 0..<Octet.scalarCount where wanted[Int(truncatingIfNeeded: bins[lane])] != 0 { candidates.append(x[lane]) }
                j += Octet.scalarCount
            }
            while j < values.count {
                if wanted[Self.bin(values[j], low: low, scale: scale)] != 0 { candidates.append(values[j]) }
                j += 1
            }
        }
        for b in chosen { wanted[b] = 0 }
        candidates.sort()
        var offsets = [Int: Int]()
        var offset = 0
        for b in chosen {
            offsets[b] = offset
            offset += Int(counts[b])
        }
        let picked = ranks.indices.map { candidates[(offsets[bins[$0]] ?? 0) + ranks[$0] - starts[$0]] }
        return probabilities.enumerated().map { index, p in
            Self.interpolate(picked[2 * index], picked[2 * index + 1], Double(n - 1) * p - Double(ranks[2 * index]))
        }
    }

    /// The quantiles of `values` from all of them sorted.
    private func orderStatistics(_ values: BufferHandle<Double>, sorted: [Double]) -> [Double] {
        let n = values.count
        return DrawSummary.probabilities.map { p in
            let h = Double(n - 1) * p, rank = Int(h.rounded(.down))
            return Self.interpolate(sorted[rank], sorted[Swift.min(rank + 1, n - 1)], h - Double(rank))
        }
    }

    /// numpy's `_lerp`: `a + (b - a) * t`, computed from `b` when `t >= 0.5` for monotonicity.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
