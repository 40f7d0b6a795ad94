/// The running statistics of one slot (variant, measure, year, region) over the draws,
/// fed one block of draws at a time: sums of deviations from the first draw's amount and
/// of their squares, the count below the baseline and, when quantile brackets are set,
/// the count below each bracket and how often each whole amount inside it occurs. Each of
/// eight lanes takes the draws with the same index modulo 8 in draw order, so the sums
/// never depend on how the draws were cut into blocks (and for whole units they are exact
/// anyway). Amounts are whole units (the engine rounds before it summarises).
struct SlotStatistics {
    typealias Lanes = SIMD8<Double>
    typealias Counts = SIMD8<Int64>
    /// The most whole amounts a bracket may span.
    static let maximumSpan = 16_384
    private(set) var count = 0
    private var shift = 0.0
    private var deviations = Lanes()
    private var squares = Lanes()
    private var below = Lanes()
    private let baseline: Double
    /// The quantile brackets [low, high] of whole amounts (P5, P50, P95), or nil for none.
    let brackets: [(low: Double, high: Double)]?
    private var belowBrackets = (Lanes(), Lanes(), Lanes())
    /// Each bracket's low and high end and where its tally starts (the brackets' tallies
    /// follow one another), as plain numbers for the hot loop.
    private let lows: SIMD4<Double>
    private let highs: SIMD4<Double>
    private let tallyStarts: SIMD4<Int>
    /// Whether the brackets are apart and in order (the usual case).
    private let disjoint: Bool
    /// Whether there are brackets (read in the hot loop instead of the optional array).
    private let hasBrackets: Bool
    /// The whole amounts the three brackets span together: the size of the slot's tallies.
    let tallySize: Int

    /// `brackets` hold whole amounts.
    init(baseline: Double, brackets: [(low: Double, high: Double)]? = nil) {
        self.baseline = baseline
        self.brackets = brackets
        hasBrackets = brackets != nil
        let sizes = (brackets ?? []).map { Int($0.high - $0.low) + 1 }
        var (lows, highs, starts) = (SIMD4<Double>(repeating: .infinity), SIMD4<Double>(repeating: -.infinity), SIMD4<Int>())
        for (k, bracket) in (brackets ?? []).enumerated() {
            (lows[k], highs[k], starts[k]) = (bracket.low, bracket.high, sizes[..<k].reduce(0, +))
        }
        (self.lows, self.highs, tallyStarts) = (lows, highs, starts)
        disjoint = brackets.map { $0.count == 3 && $0[0].high < $0[1].low && $0[1].high < $0[2].low } ?? false
        tallySize = sizes.reduce(0, +)
    }

    /// Brackets of at most ``maximumSpan`` whole amounts, `width` either side of each centre.
    static func brackets(around centers: [Double], width: Double) -> [(low: Double, high: Double)] {
        let half = Swift.min(width, Double(maximumSpan / 2 - 1))
        return centers.map { ((($0 - half).rounded(.down)), ($0 + half).rounded(.up)) }
    }

    /// Adds `n` consecutive draws starting at draw `start` (a multiple of 8); amounts inside
    /// a bracket are tallied in `tallies` (``tallySize`` counts, which must start at 0).
    mutating func add(_ row: BufferHandle<Double>, count n: Int, start: Int, tallies: MutableBufferHandle<UInt32>) {
        guard n > 0 else { return }
        if count == 0 { shift = row[0] }
        count += n
        let shiftLanes = Lanes(repeating: shift), baselineLanes = Lanes(repeating: baseline)
        var (deviations, squares, below) = (self.deviations, self.squares, self.below)
        var j = 0
        if hasBrackets {
            let (l0, h0) = (Lanes(repeating: lows[0]), Lanes(repeating: highs[0]))
            let (l1, h1) = (Lanes(repeating: lows[1]), Lanes(repeating: highs[1]))
            let (l2, h2) = (Lanes(repeating: lows[2]), Lanes(repeating: highs[2]))
            var (b0, b1, b2) = (Counts(), Counts(), Counts())
            // Read once: a static's lazy initialisation check inside the loop would spill
            // the vector registers around it on every iteration.
            let laneBits = Self.laneBits
            while j + Lanes.scalarCount <= n {
                let a: Lanes = row.lanes(at: j)
                Self.addMoments(a, shift: shiftLanes, baseline: baselineLanes, &deviations, &squares, &below)
                // A true lane of a comparison is -1 as an integer: subtracting counts it.
                let (below0, below1, below2) = (Self.integers(a .< l0), Self.integers(a .< l1), Self.integers(a .< l2))
                b0 &-= below0
                b1 &-= below1
                b2 &-= below2
                // At most the high end and not below the low end: inside (below implies at most).
                let within = (Self.integers(a .<= h0) ^ below0) | (Self.integers(a .<= h1) ^ below1) | (Self.integers(a .<= h2) ^ below2)
                // One bit per lane inside a bracket; visit only those lanes.
                let bits = within & laneBits
                let quarter = bits.lowHalf | bits.highHalf
                let half = quarter.lowHalf | quarter.highHalf
                var lanes = UInt64(bitPattern: half[0] | half[1])
                while lanes != 0 {
                    tally(a[lanes.trailingZeroBitCount], tallies)
                    lanes &= lanes &- 1
                }
                j += Lanes.scalarCount
            }
            belowBrackets.0 += Lanes(b0)
            belowBrackets.1 += Lanes(b1)
            belowBrackets.2 += Lanes(b2)
        } else {
            while j + Lanes.scalarCount <= n {
                Self.addMoments(row.lanes(at: j), shift: shiftLanes, baseline: baselineLanes, &deviations, &squares, &below)
                j += Lanes.scalarCount
            }
        }
        while j < n {
            let a = row[j], lane = (start + j) % Lanes.scalarCount
            let d = a - shift
            deviations[lane] += d
            squares[lane] += d * d
            below[lane] += a < baseline ? 1 : 0
            if hasBrackets {
                belowBrackets.0[lane] += a < lows[0] ? 1 : 0
                belowBrackets.1[lane] += a < lows[1] ? 1 : 0
                belowBrackets.2[lane] += a < lows[2] ? 1 : 0
                tally(a, tallies)
            }
            j += 1
        }
        (self.deviations, self.squares, self.below) = (deviations, squares, below)
    }

    /// Counts `a` in each bracket that holds it (none when it is outside them all).
    @inline(__always)
    private func tally(_ a: Double, _ tallies: MutableBufferHandle<UInt32>) {
        if disjoint {
            // One bracket can hold a: the one after the highs below it.
            let k = (a > highs[0] ? 1 : 0) &+ (a > highs[1] ? 1 : 0)
            if a >= lows[k] && a <= highs[k] { tallies[tallyStarts[k] &+ Int(a - lows[k])] &+= 1 }
        } else {
            for k in 0..<3 where a >= lows[k] && a <= highs[k] {
                tallies[tallyStarts[k] &+ Int(a - lows[k])] &+= 1
            }
        }
    }

    /// Eight draws into the moment sums and the count below the baseline.
    @inline(__always)
    private static func addMoments(_ a: Lanes, shift: Lanes, baseline: Lanes, _ deviations: inout Lanes, _ squares: inout Lanes, _ below: inout Lanes) {
        let d = a - shift
        deviations += d
        squares += d * d
        below += Lanes().replacing(with: Lanes(repeating: 1), where: a .< baseline)
    }

    /// Lane i's bit, 1 << i.
    private static let laneBits = Counts(1, 2, 4, 8, 16, 32, 64, 128)

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

    /// The exact quantiles from the brackets' tallies, or nil when a bracket missed the
    /// ranks it was meant to hold.
    func bracketedQuantiles(tallies: BufferHandle<UInt32>) -> [Double]? {
        guard let brackets else { return nil }
        let belows = [belowBrackets.0, belowBrackets.1, belowBrackets.2].map { Int(Self.total($0)) }
        var result = [Double]()
        for (k, p) in DrawSummary.probabilities.enumerated() {
            let h = Double(count - 1) * p
            let rank = Int(h.rounded(.down))
            let next = Swift.min(rank + 1, count - 1)
            guard rank >= belows[k] else { return nil }
            // Walk the tally to the amounts at ranks `rank` and `next`.
            let size = Int(brackets[k].high - brackets[k].low) + 1
            let tally = tallies.slice(from: tallyStarts[k], count: size)
            var seen = belows[k]
            var values = [Double]()
            for offset in 0..<size where tally[offset] > 0 {
                seen += Int(tally[offset])
                while (values.count < 2) && (seen > (values.isEmpty ? rank : next)) {
                    values.append(brackets[k].low + Double(offset))
                }
                if values.count == 2 { break }
            }
            guard values.count == 2 else { return nil }
            result.append(ExactQuantiles.interpolate(values[0], values[1], h - Double(rank)))
        }
        return result
    }
}
