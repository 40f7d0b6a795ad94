import VerdeelCore

/// Largest remainder for sixteen draws of any number of regions without sorting: each
/// draw's winners are the remainders at or above a cut `t` that exactly `deficit` of them
/// reach, `C(t) = #{r : key_r >= t} = deficit`, and the search finds such a cut in all
/// sixteen lanes at once, one pass over the regions per step.
///
/// The keys are the remainders rounded to single precision, which keeps their order or
/// makes them equal, so a cut that `deficit` keys reach separates the `deficit` largest
/// remainders strictly from the rest. A step counts `C(t)` and notes the largest key below
/// `t` and the smallest at or above it; the next cut is that key (or the one just above the
/// smallest) when the count is one off, else interpolated between the bracket's ends
/// (Illinois' regula falsi on `C(t) - deficit - 1/2`, starting from uniform remainders,
/// `t0 = (n - deficit - 1/2) / n`). A draw whose deficit-th and next remainder have equal
/// keys (a tie), or that takes more than ``searchSteps`` steps, is done one at a time, as are
/// close calls (margin at most `2 E` of ``LargestRemainder/isCloseCall(margin:scale:terms:)``).
extension LargestRemainderKernel {
    typealias Counts = SIMD16<Int32>
    typealias KeyMask = SIMDMask<Counts>

    /// The most counting passes before a draw goes the one-at-a-time way (uniform
    /// remainders over 342 regions need 3.3 on average, the slowest of sixteen 6).
    static let searchSteps = 32

    /// The missing units of sixteen draws through the search, added to `whole` (`keys` hold
    /// the remainders rounded to single precision); returns the lanes (one bit each) that
    /// must be done one at a time: ties, searches too long and close calls at scale `largest`.
    func awardBySearch(deficit: Lanes, largest: Lanes, terms: Int) -> UInt32 {
        let missing = Keys(deficit)
        let (cut, unresolved) = searchCut(missing: missing)
        let doubleCut = Lanes(cut)
        var (lowestWinner, highestLoser) = (Lanes(repeating: .infinity), Lanes(repeating: -.infinity))
        var (lowest, highest) = (Lanes(repeating: .infinity), Lanes(repeating: -.infinity))
        for r in 0..<regions {
            let fraction = fractions[r]
            let wins = Lanes(keys[r]) .>= doubleCut
            whole[r] = whole[r].replacing(with: whole[r] + 1, where: wins)
            lowestWinner = lowestWinner.replacing(with: fraction, where: wins .& (fraction .< lowestWinner))
            highestLoser = highestLoser.replacing(with: fraction, where: .!wins .& (fraction .> highestLoser))
            lowest = lowest.replacing(with: fraction, where: fraction .< lowest)
            highest = highest.replacing(with: fraction, where: fraction .> highest)
        }
        let inside = (deficit .>= 1) .& (deficit .< Lanes(repeating: Double(regions)))
        let margin = (1 + lowest - highest).replacing(with: lowestWinner - highestLoser, where: inside)
        let room = 2 * LargestRemainder.tolerance(scale: 1, terms: terms) * largest
        let close = .!(margin .> room)
        var undecided: UInt32 = 0
        for lane in 0..<Lanes.scalarCount where close[lane] || unresolved[lane] { undecided |= 1 << lane }
        return undecided
    }

    /// Per lane a cut that exactly `missing` keys reach (-infinity when every region gets a
    /// unit, +infinity when none does), and which lanes found none (ties, or too many steps).
    private func searchCut(missing: Keys) -> (cut: Keys, unresolved: KeyMask) {
        let n = Keys(repeating: Float(regions))
        let inside = (missing .>= 1) .& (missing .< n)
        var cut = Keys(repeating: .infinity).replacing(with: -.infinity, where: missing .>= n)
        var done = .!inside
        var tied = KeyMask()
        // The bracket: C(low) > missing > C(high), with C - missing - 1/2 at each end.
        var (low, high) = (Keys(repeating: 0), Keys(repeating: Float(1).nextUp))
        var (excessLow, excessHigh) = (n - missing - 0.5, -missing - 0.5)
        var t = (n - missing - 0.5) / n
        var lastMoved = Keys()
        var previous = Keys(repeating: -1)
        for _ in 0..<Self.searchSteps {
            let (count, below, atOrAbove) = countReaching(t)
            let found = .!done .& (count .== missing)
            cut.replace(with: t, where: found)
            // A cut onto the key just below (or above) that reaches one too many (too few):
            // the deficit-th and the next key are equal.
            let tie = .!done .& (((previous .== missing - 1) .& (count .> missing)) .| ((previous .== missing + 1) .& (count .< missing)))
            tied .|= tie
            done .|= found .| tie
            if all(done) { break }
            let excess = count - missing - 0.5
            let up = excess .> 0
            low.replace(with: t, where: up)
            excessLow.replace(with: excess, where: up)
            high.replace(with: t, where: .!up)
            excessHigh.replace(with: excess, where: .!up)
            // Illinois: an end kept twice in a row counts half.
            excessHigh.replace(with: excessHigh * 0.5, where: up .& (lastMoved .> 0))
            excessLow.replace(with: excessLow * 0.5, where: .!up .& (lastMoved .< 0))
            lastMoved = Keys(repeating: 1).replacing(with: -1, where: .!up)
            var next = low + (high - low) * excessLow / (excessLow - excessHigh)
            next.replace(with: (low + high) * 0.5, where: .!((next .> low) .& (next .< high)))
            next.replace(with: below, where: count .== missing - 1)
            next.replace(with: Self.nextUp(atOrAbove), where: count .== missing + 1)
            t.replace(with: next, where: .!done)
            previous = count
        }
        return (cut, tied .| .!done)
    }

    /// For a cut per lane: how many keys reach it, the largest key below it and the
    /// smallest at or above it. Two chains over alternate regions, so that one region's
    /// comparison does not wait for the previous one's blend.
    @inline(__always)
    private func countReaching(_ t: Keys) -> (count: Keys, below: Keys, atOrAbove: Keys) {
        var first = Reach(), second = Reach()
        var r = 0
        while r + 1 < regions {
            first.add(keys[r], cut: t)
            second.add(keys[r + 1], cut: t)
            r += 2
        }
        if r < regions { first.add(keys[r], cut: t) }
        let below = first.below.replacing(with: second.below, where: second.below .> first.below)
        let atOrAbove = first.atOrAbove.replacing(with: second.atOrAbove, where: second.atOrAbove .< first.atOrAbove)
        return (Keys(first.reaching &+ second.reaching), below, atOrAbove)
    }

    /// One chain's count of keys reaching a cut, largest key below it and smallest at or above.
    private struct Reach {
        var reaching = Counts()
        var below = Keys(repeating: -.infinity)
        var atOrAbove = Keys(repeating: .infinity)

        @inline(__always)
        mutating func add(_ key: Keys, cut: Keys) {
            let reaches = key .>= cut
            // A true lane of a comparison is -1 as an integer: subtracting counts it.
            reaching &-= unsafeBitCast(reaches, to: Counts.self)
            // Comparisons and blends only (pointwiseMax goes lane by lane).
            below = below.replacing(with: key, where: (key .< cut) .& (key .> below))
            atOrAbove = atOrAbove.replacing(with: key, where: reaches .& (key .< atOrAbove))
        }
    }

    /// The next single-precision number up, for keys that are not negative.
    @inline(__always)
    private static func nextUp(_ x: Keys) -> Keys {
        let up = unsafeBitCast(unsafeBitCast(x, to: SIMD16<UInt32>.self) &+ 1, to: Keys.self)
        return up.replacing(with: x, where: x .== .infinity)
    }
}

