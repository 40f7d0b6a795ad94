import VerdeelCore

/// Sixteen draws of a pool in which a floor or cap binds, one per SIMD lane, shared as the
/// core's pool distribution shares them but without its allocations: regions outside their
/// bounds are held there and the rest is shared by key over the free regions at one level
/// `T` per lane,
/// ```
/// amount_m = clamp(start_m + T * share_m, lower_m, upper_m),
/// T = (total - held - sum of free start) / sum of free share,
/// ```
/// (sums in region order, as the core forms them, so every lane's numbers are one draw's),
/// found by holding the free regions that break a bound and freeing held ones that no
/// longer do until nothing changes; then largest remainder through the kernel with close
/// calls judged at the pool. The result is the core's when every free region is strictly
/// inside its bounds at `T` and every held one at or beyond its bound. A lane without a
/// fixed point, without a free share, with a close call or with units outside the bounds
/// is reported undecided: the caller leaves it to the core, which decides it or reports
/// what is wrong.
final class BoundLanes {
    typealias Lanes = SIMD16<Double>
    let regions: Int
    private let kernel: LargestRemainderKernel
    /// Per region: the amounts before limits, the key shares, the state (-1 held at the
    /// floor, 1 at the cap, 0 free) and the amounts after limits, sixteen draws each.
    private let starts: UnsafeMutablePointer<Lanes>
    private let shares: UnsafeMutablePointer<Lanes>
    private let states: UnsafeMutablePointer<Lanes>
    private let amounts: UnsafeMutablePointer<Lanes>

    init(kernel: LargestRemainderKernel) {
        self.kernel = kernel
        regions = kernel.regions
        (starts, shares, states, amounts) = (.allocate(capacity: regions), .allocate(capacity: regions), .allocate(capacity: regions), .allocate(capacity: regions))
        for buffer in [starts, shares, states, amounts] { buffer.initialize(repeating: Lanes(), count: regions) }
    }

    deinit {
        for buffer in [starts, shares, states, amounts] { buffer.deallocate() }
    }

    /// The units of draws `draws` (up to sixteen; key shares `keyShares[r * stride + draw]`),
    /// lane by lane in ``units(region:)`` for each lane decided here; returns the undecided
    /// lanes, one bit each (lanes past `draws.count` are never reported).
    func round(
        keyShares: UnsafePointer<Double>, stride: Int, draws: [Int], base: [Double], remainder: Double, lower: [Double], upper: [Double],
        total: Int64, terms: Int
    ) -> UInt32 {
        let used: UInt32 = (1 << UInt32(Swift.min(draws.count, Lanes.scalarCount))) - 1
        for r in 0..<regions {
            let lanes = UnsafeMutableRawPointer(shares + r).assumingMemoryBound(to: Double.self)
            for lane in 0..<Lanes.scalarCount { lanes[lane] = lane < draws.count ? keyShares[r * stride + draws[lane]] : 0 }
            let share = shares[r]
            starts[r] = Lanes(repeating: base[r]) + remainder * share
            states[r] = Lanes()
            guard lower[r] <= upper[r] else { return used }
        }
        var undecided = level(lower: lower, upper: upper, total: Double(total))
        undecided |= kernel.round(amounts: amounts, total: Double(total), scale: Double(total), terms: terms)
        for r in 0..<regions {
            let whole = kernel.whole[r]
            let outside = (whole .< Lanes(repeating: lower[r])) .| (whole .> Lanes(repeating: upper[r]))
            for lane in 0..<Lanes.scalarCount where outside[lane] { undecided |= 1 << lane }
        }
        return undecided & used
    }

    /// Region `r`'s whole units per lane after ``round``.
    func units(region r: Int) -> Lanes { kernel.whole[r] }

    /// The held regions and the level per lane, into `amounts`; returns the lanes without
    /// a fixed point or without a free share.
    private func level(lower: [Double], upper: [Double], total: Double) -> UInt32 {
        let zero = Lanes(), one = Lanes(repeating: 1), minusOne = Lanes(repeating: -1)
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
        var bits: UInt32 = 0
        for lane in 0..<Lanes.scalarCount where failed[lane] { bits |= 1 << lane }
        return bits
    }
}
