import VerdeelCore

/// Sixteen consecutive draws of a pool with floors or caps, one per SIMD lane, shared as
/// the core's pool distribution shares them but without its allocations.
///
/// ``load`` works out the amounts before limits, `start_m = base_m + remainder * share_m`,
/// and which lanes have one outside its bounds. A lane with none is shared as without
/// limits (``roundUnlimited``: the core then moves nothing and judges close calls at the
/// largest amount). In the others (``roundLimited``) regions outside their bounds are held
/// there and the rest is shared by key over the free regions at one level `T` per lane,
/// ```
/// amount_m = clamp(start_m + T * share_m, lower_m, upper_m),
/// T = (total - held - sum of free start) / sum of free share,
/// ```
/// (sums in region order, as the core forms them, so every lane's numbers are one draw's),
/// found by holding the regions that break a bound, starting from those whose start does,
/// and freeing held ones that no longer do until nothing changes; then largest remainder
/// through the kernel with close calls judged at the pool. The result is the core's when
/// every free region is strictly inside its bounds at `T` and every held one at or beyond
/// its bound. A lane without a fixed point, without a free share, with a tie or close call
/// or with units outside the bounds is reported undecided: the caller leaves it to the
/// core, which decides it or reports what is wrong.
final class LimitedLanes {
    typealias Lanes = SIMD16<Double>
    let regions: Int
    private let kernel: LargestRemainderKernel
    /// Per region: the amounts before limits, the key shares, the state (-1 held at the
    /// floor, 1 at the cap, 0 free) and the amounts after limits, sixteen draws each.
    private let starts: MutableBufferHandle<Lanes>
    private let shares: MutableBufferHandle<Lanes>
    private let states: MutableBufferHandle<Lanes>
    private let amounts: MutableBufferHandle<Lanes>
    /// The largest amount before limits per lane (the scale of the unlimited rounding).
    private var largest = Lanes()
    /// The lanes loaded (one bit each).
    private var used: UInt32 = 0
    /// Whether the last rounding was ``roundLimited`` (its amounts before rounding are
    /// `amounts`), not ``roundUnlimited`` (`starts`).
    private var roundedLimited = false

    init(kernel: LargestRemainderKernel) {
        self.kernel = kernel
        regions = kernel.regions
        (starts, shares) = (.allocate(regions, repeating: Lanes()), .allocate(regions, repeating: Lanes()))
        (states, amounts) = (.allocate(regions, repeating: Lanes()), .allocate(regions, repeating: Lanes()))
    }

    deinit {
        for buffer in [starts, shares, states, amounts] { buffer.deallocate() }
    }

    /// Loads draws `first..<first + count` (`count` at most sixteen) of a pool's key shares
    /// `keyShares[r * stride + draw]`; returns the lanes with an amount before limits
    /// outside its bounds, one bit each.
    func load(
        keyShares: BufferHandle<Double>, stride: Int, first: Int, count: Int, base: [Double], remainder: Double, lower: [Double], upper: [Double]
    ) -> UInt32 {
        used = (1 << UInt32(Swift.min(count, Lanes.scalarCount))) - 1
        var outside = SIMDMask<SIMD16<Int64>>()
        largest = Lanes()
        for r in 0..<regions {
            let row = r * stride + first
            if count >= Lanes.scalarCount {
                shares[r] = keyShares.lanes(at: row)
            } else {
                var lanes = Lanes()
                for lane in 0..<count { lanes[lane] = keyShares[row + lane] }
                shares[r] = lanes
            }
            // As the kernel and the core form them.
            let start = Lanes(repeating: base[r]) + remainder * shares[r]
            starts[r] = start
            largest = largest.replacing(with: start, where: start .> largest)
            outside .|= .!((start .>= Lanes(repeating: lower[r])) .& (start .<= Lanes(repeating: upper[r])))
        }
        return Self.bits(outside) & used
    }

    /// The loaded draws shared as without limits, into ``units(region:)``; returns the lanes
    /// not decided (ties, close calls, units outside the bounds).
    func roundUnlimited(total: Int64, lower: [Double], upper: [Double], terms: Int) -> UInt32 {
        roundedLimited = false
        let undecided = kernel.round(amounts: starts.reading, total: Double(total), scale: largest, terms: terms)
        return (undecided | outsideBounds(lower: lower, upper: upper)) & used
    }

    /// The loaded draws shared with the limits holding, into ``units(region:)``; returns
    /// the lanes not decided.
    func roundLimited(total: Int64, lower: [Double], upper: [Double], terms: Int) -> UInt32 {
        guard (0..<regions).allSatisfy({ lower[$0] <= upper[$0] }) else { return used }
        roundedLimited = true
        var undecided = level(lower: lower, upper: upper, total: Double(total))
        undecided |= kernel.round(amounts: amounts.reading, total: Double(total), scale: Lanes(repeating: Double(total)), terms: terms)
        return (undecided | outsideBounds(lower: lower, upper: upper)) & used
    }

    /// Region `r`'s whole units per lane after a rounding.
    func units(region r: Int) -> Lanes { kernel.whole[r] }

    /// Region `r`'s amount before rounding per lane, in the last rounding: the start, or
    /// the amount with the limits holding.
    func unrounded(region r: Int) -> Lanes { roundedLimited ? amounts[r] : starts[r] }

    /// The lanes with whole units outside the bounds.
    private func outsideBounds(lower: [Double], upper: [Double]) -> UInt32 {
        var outside = SIMDMask<SIMD16<Int64>>()
        for r in 0..<regions {
            let whole = kernel.whole[r]
            outside .|= (whole .< Lanes(repeating: lower[r])) .| (whole .> Lanes(repeating: upper[r]))
        }
        return Self.bits(outside)
    }

    /// The held regions and the level per lane, into `amounts`; returns the lanes without
    /// a fixed point or without a free share.
    private func level(lower: [Double], upper: [Double], total: Double) -> UInt32 {
        let zero = Lanes(), one = Lanes(repeating: 1), minusOne = Lanes(repeating: -1)
        // Regions whose start breaks a bound are held first; those with no share never.
        for r in 0..<regions {
            let (s, start) = (shares[r], starts[r])
            let state = zero.replacing(with: minusOne, where: start .< Lanes(repeating: lower[r])).replacing(with: one, where: start .> Lanes(repeating: upper[r]))
            states[r] = state.replacing(with: zero, where: .!(s .> 0))
        }
        var failed = SIMDMask<SIMD16<Int64>>()
        var changed = SIMDMask<SIMD16<Int64>>(repeating: true)
        var t = Lanes()
        for _ in 0...(2 * regions) where any(changed) {
            var (heldTotal, freeWeight, freeStart) = (Lanes(), Lanes(), Lanes())
            for r in 0..<regions {
                let (s, state, start) = (shares[r], states[r], starts[r])
                let (low, high) = (Lanes(repeating: lower[r]), Lanes(repeating: upper[r]))
                let free = (s .> 0) .& (state .== 0)
                // Adding 0 leaves a sum unchanged: each lane's sums are the scalar ones.
                freeWeight += zero.replacing(with: s, where: free)
                freeStart += zero.replacing(with: start, where: free)
                let clamped = start.replacing(with: low, where: start .< low).replacing(with: high, where: start .> high)
                let held = clamped.replacing(with: low, where: state .< 0).replacing(with: high, where: state .> 0)
                heldTotal += held.replacing(with: zero, where: free)
            }
            failed .|= .!(freeWeight .> 0)
            t = (Lanes(repeating: total) - heldTotal - freeStart) / freeWeight
            changed = SIMDMask()
            for r in 0..<regions {
                let (s, state) = (shares[r], states[r])
                let unbounded = starts[r] + t * s
                let atFloor = unbounded .<= Lanes(repeating: lower[r]), atCap = unbounded .>= Lanes(repeating: upper[r])
                let found = zero.replacing(with: minusOne, where: atFloor).replacing(with: one, where: .!atFloor .& atCap)
                // A held region stays held while at or beyond its bound; otherwise it takes its state.
                let stays = ((state .< 0) .& atFloor) .| ((state .> 0) .& atCap)
                let next = found.replacing(with: state, where: stays).replacing(with: state, where: .!(s .> 0))
                changed .|= next .!= state
                states[r] = next
            }
            changed .&= .!failed
        }
        failed .|= changed
        for r in 0..<regions {
            let (s, state, start) = (shares[r], states[r], starts[r])
            let (low, high) = (Lanes(repeating: lower[r]), Lanes(repeating: upper[r]))
            let clamp = { (x: Lanes) in x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high) }
            let held = clamp(start).replacing(with: low, where: state .< 0).replacing(with: high, where: state .> 0)
            let amount = held.replacing(with: clamp(start + t * s), where: (s .> 0) .& (state .== 0))
            // Failed lanes get harmless amounts (they are redone elsewhere).
            amounts[r] = amount.replacing(with: zero, where: failed .| .!(amount .>= 0) .| .!(amount .< 0x1p52))
        }
        return Self.bits(failed)
    }

    /// Lane `i`'s bit, `1 << i`.
    private static let laneBits = SIMD16<Int64>(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)

    /// A mask's lanes as bits, lane `i` as `1 << i`.
    static func bits(_ mask: SIMDMask<SIMD16<Int64>>) -> UInt32 {
        // A true lane is -1 as an integer.
        UInt32(truncatingIfNeeded: (unsafeBitCast(mask, to: SIMD16<Int64>.self) & laneBits).wrappedSum())
    }
}
