import VerdeelCore

/// One draw of a pool in which a floor or cap binds, shared as the core's pool
/// distribution shares it but without its allocations: regions outside their bounds are
/// held there and the rest is shared by key over the free regions at one level `T`,
/// ```
/// amount_m = clamp(start_m + T * share_m, lower_m, upper_m),
/// T = (total - held - sum of free start) / sum of free share,
/// ```
/// (sums in region order, as the core forms them), found by holding the free regions that
/// break a bound and freeing held ones that no longer do until nothing changes. The result
/// is the core's when every free region is strictly inside its bounds at `T` and every held
/// one at or beyond its bound, and the rounding is no close call (scale: the pool). Any
/// other draw (infeasible bounds, no free share, no fixed point, a close call, units
/// outside the bounds) is left to the core, which decides it and reports what is wrong.
final class BoundDraw {
    let regions: Int
    private let one: OneDraw
    /// Per region: held at the floor (-1), the cap (1) or free (0); the amounts after
    /// limits; before them; the key shares. Allocated once (no exclusivity checks per draw).
    private let held: UnsafeMutableBufferPointer<Int8>
    private let amounts: UnsafeMutableBufferPointer<Double>
    private let starts: UnsafeMutableBufferPointer<Double>
    private let shares: UnsafeMutableBufferPointer<Double>

    init(regions: Int) {
        self.regions = regions
        one = OneDraw(regions: regions)
        held = .allocate(capacity: regions)
        held.initialize(repeating: 0)
        (amounts, starts, shares) = (.allocate(capacity: regions), .allocate(capacity: regions), .allocate(capacity: regions))
        for buffer in [amounts, starts, shares] { buffer.initialize(repeating: 0) }
    }

    deinit {
        held.deallocate()
        for buffer in [amounts, starts, shares] { buffer.deallocate() }
    }

    /// The draw's whole units into `units(region, units)`, for key shares
    /// `keyShares[r * stride]` and the pool's `base` and `remainder` (the unrounded amounts
    /// before limits are `base + remainder * share`, as the core forms them); `false` when
    /// the core must decide the draw.
    func round(
        keyShares: UnsafePointer<Double>, stride: Int, base: [Double], remainder: Double, lower: [Double], upper: [Double],
        total: Int64, terms: Int, into units: (Int, Double) -> Void
    ) -> Bool {
        for r in 0..<regions {
            shares[r] = keyShares[r * stride]
            starts[r] = base[r] + remainder * shares[r]
        }
        guard level(lower: lower, upper: upper, total: Double(total)) else { return false }
        var deficit = Double(total)
        for r in 0..<regions {
            let floor = amounts[r].rounded(.down)
            one.units[r] = floor
            one.fractions[r] = amounts[r] - floor
            deficit -= floor
        }
        guard deficit >= 0, deficit <= Double(regions) else { return false }
        one.award(missing: Int(deficit))
        guard !LargestRemainder.isCloseCall(margin: one.margin, scale: Double(total), terms: terms) else { return false }
        for r in 0..<regions where one.units[r] < lower[r] || one.units[r] > upper[r] { return false }
        for r in 0..<regions { units(r, one.units[r]) }
        return true
    }

    /// Finds the held regions and the level; fills `amounts`. `false` without a fixed point.
    private func level(lower: [Double], upper: [Double], total: Double) -> Bool {
        for r in 0..<regions {
            guard lower[r] <= upper[r] else { return false }
            held[r] = 0
        }
        for _ in 0...(2 * regions) {
            var (heldTotal, freeWeight, freeStart) = (0.0, 0.0, 0.0)
            for r in 0..<regions {
                let s = shares[r]
                if s > 0, held[r] == 0 {
                    freeWeight += s
                    freeStart += starts[r]
                } else {
                    heldTotal += held[r] < 0 ? lower[r] : held[r] > 0 ? upper[r] : Swift.min(Swift.max(starts[r], lower[r]), upper[r])
                }
            }
            guard freeWeight > 0 else { return false }
            let t = (total - heldTotal - freeStart) / freeWeight
            var changed = false
            for r in 0..<regions where shares[r] > 0 {
                let unbounded = starts[r] + t * shares[r]
                let state: Int8 = unbounded <= lower[r] ? -1 : unbounded >= upper[r] ? 1 : 0
                // A free region must be strictly inside; a held one stays held while at or beyond its bound.
                let next: Int8 = held[r] == 0 ? state : (held[r] < 0 ? (unbounded <= lower[r] ? -1 : state) : (unbounded >= upper[r] ? 1 : state))
                if next != held[r] { (held[r], changed) = (next, true) }
            }
            if !changed {
                for r in 0..<regions {
                    let s = shares[r]
                    amounts[r] = s > 0 && held[r] == 0
                        ? Swift.min(Swift.max(starts[r] + t * s, lower[r]), upper[r])
                        : held[r] < 0 ? lower[r] : held[r] > 0 ? upper[r] : Swift.min(Swift.max(starts[r], lower[r]), upper[r])
                }
                return true
            }
        }
        return false
    }
}
