/// The running statistics of one slot (variant, measure, year, region) over the draws,
/// fed one block of draws at a time: sums of deviations from the first draw's amount and
/// of their squares, the count below the baseline and, when quantile brackets are set,
/// the count below each bracket and the amounts inside them. Each of eight lanes takes
/// the draws with the same index modulo 8 in draw order, so the sums never depend on how
/// the draws were cut into blocks (and for whole units they are exact anyway).
struct SlotStatistics {
    typealias Lanes = SIMD8<Double>
    typealias Counts = SIMD8<Int64>
    private(set) var count = 0
    private var shift = 0.0
    private var deviations = Lanes()
    private var squares = Lanes()
    private var below = Lanes()
    private let baseline: Double
    /// The quantile brackets [low, high] (P5, P50, P95), or nil for none.
    let brackets: [(low: Double, high: Double)]?
    private var belowBrackets = (Lanes(), Lanes(), Lanes())
    /// Amounts inside a bracket seen so far (more than fit in the candidate storage means
    /// the brackets were too wide to be worth it).
    private(set) var inside = 0

    init(baseline: Double, brackets: [(low: Double, high: Double)]? = nil) {
        self.baseline = baseline
        self.brackets = brackets
    }

    /// Adds `n` consecutive draws starting at draw `start` (a multiple of 8); amounts inside
    /// a bracket go to `candidates` while fewer than `capacity` are there.
    mutating func add(_ row: UnsafePointer<Double>, count n: Int, start: Int, candidates: UnsafeMutablePointer<Double>, capacity: Int) {
        guard n > 0 else { return }
        if count == 0 { shift = row[0] }
        count += n
        let shiftLanes = Lanes(repeating: shift), baselineLanes = Lanes(repeating: baseline)
        var (deviations, squares, below) = (self.deviations, self.squares, self.below)
        var j = 0
        if let brackets {
            let (l0, h0) = (Lanes(repeating: brackets[0].low), Lanes(repeating: brackets[0].high))
            let (l1, h1) = (Lanes(repeating: brackets[1].low), Lanes(repeating: brackets[1].high))
            let (l2, h2) = (Lanes(repeating: brackets[2].low), Lanes(repeating: brackets[2].high))
            var (b0, b1, b2) = (Counts(), Counts(), Counts())
            var inside = self.inside
            while j + Lanes.scalarCount <= n {
                let a = UnsafeRawPointer(row + j).loadUnaligned(as: Lanes.self)
                Self.addMoments(a, shift: shiftLanes, baseline: baselineLanes, &deviations, &squares, &below)
                // A true lane of a comparison is -1 as an integer: subtracting counts it.
                b0 &-= Self.integers(a .< l0)
                b1 &-= Self.integers(a .< l1)
                b2 &-= Self.integers(a .< l2)
                let within = Self.integers((a .>= l0 .& a .<= h0) .| (a .>= l1 .& a .<= h1) .| (a .>= l2 .& a .<= h2))
                let quarter = within.lowHalf | within.highHalf
                let half = quarter.lowHalf | quarter.highHalf
                if half[0] | half[1] != 0 {
                    for lane in 0..<Lanes.scalarCount where within[lane] != 0 {
                        if inside < capacity { candidates[inside] = a[lane] }
                        inside += 1
                    }
                }
                j += Lanes.scalarCount
            }
            belowBrackets.0 += Lanes(b0)
            belowBrackets.1 += Lanes(b1)
            belowBrackets.2 += Lanes(b2)
            self.inside = inside
        } else {
            while j + Lanes.scalarCount <= n {
                Self.addMoments(UnsafeRawPointer(row + j).loadUnaligned(as: Lanes.self), shift: shiftLanes, baseline: baselineLanes, &deviations, &squares, &below)
                j += Lanes.scalarCount
            }
        }
        while j < n {
            let a = row[j], lane = (start + j) % Lanes.scalarCount
            let d = a - shift
            deviations[lane] += d
            squares[lane] += d * d
            below[lane] += a < baseline ? 1 : 0
            if let brackets {
                belowBrackets.0[lane] += a < brackets[0].low ? 1 : 0
                belowBrackets.1[lane] += a < brackets[1].low ? 1 : 0
                belowBrackets.2[lane] += a < brackets[2].low ? 1 : 0
                if brackets.contains(where: { a >= $0.low && a <= $0.high }) {
                    if inside < capacity { candidates[inside] = a }
                    inside += 1
                }
            }
            j += 1
        }
        (self.deviations, self.squares, self.below) = (deviations, squares, below)
    }

    /// Eight draws into the moment sums and the count below the baseline.
    @inline(__always)
    private static func addMoments(_ a: Lanes, shift: Lanes, baseline: Lanes, _ deviations: inout Lanes, _ squares: inout Lanes, _ below: inout Lanes) {
        let d = a - shift
        deviations += d
        squares += d * d
        below += Lanes().replacing(with: Lanes(repeating: 1), where: a .< baseline)
    }

    /// A comparison's lanes as integers: -1 where true, 0 where false.
    @inline(__always)
    private static func integers(_ mask: SIMDMask<Counts>) -> Counts {
        unsafeBitCast(mask, to: Counts.self)
    }

    /// The lanes added in a fixed order.
    private static func total(_ x: Lanes) -> Double {
        ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]))
    }

    /// Mean, sample standard deviation (divisor n - 1) and the share below the baseline.
    var moments: (mean: Double, standardDeviation: Double, probabilityBelowBaseline: Double) {
        let n = Double(count)
        let d = Self.total(deviations), q = Self.total(squares)
        let variance = count > 1 ? Swift.max(0, (q - d * d / n) / (n - 1)) : 0
        return (shift + d / n, variance.squareRoot(), Self.total(below) / n)
    }

    /// The exact quantiles from the brackets' candidates (sorted in place), or nil when a
    /// bracket missed its ranks or the candidates overflowed their storage.
    func bracketedQuantiles(candidates: UnsafeMutablePointer<Double>, capacity: Int) -> [Double]? {
        guard let brackets, inside <= capacity else { return nil }
        var sorted = UnsafeMutableBufferPointer(start: candidates, count: inside)
        sorted.sort()
        let belows = [belowBrackets.0, belowBrackets.1, belowBrackets.2].map { Int(Self.total($0)) }
        var result = [Double]()
        for (index, p) in DrawSummary.probabilities.enumerated() {
            let h = Double(count - 1) * p
            let rank = Int(h.rounded(.down))
            let next = Swift.min(rank + 1, count - 1)
            let (low, high) = brackets[index]
            // The bracket's values are a contiguous run of the sorted candidates.
            let start = sorted.partitioningIndex { $0 >= low }
            let end = sorted.partitioningIndex { $0 > high }
            let below = belows[index]
            guard rank - below >= 0, next - below < end - start else { return nil }
            result.append(ExactQuantiles.interpolate(sorted[start + rank - below], sorted[start + next - below], h - Double(rank)))
        }
        return result
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The first index whose element satisfies `predicate`, for a predicate that is false
    /// then true along the (sorted) buffer.
    func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
