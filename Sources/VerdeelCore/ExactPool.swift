import BigInt

/// One pool shared in exact rational arithmetic: base, key, limits with redistribution and
/// largest-remainder rounding, exactly as ``PoolDistribution`` does them in double precision.
/// Used when the double-precision amounts are too close to a rounding decision to trust
/// (``LargestRemainder/isCloseCall(margin:scale:terms:)``), so that ties are decided on the
/// exact amounts: equal exact remainders go to the lowest region code.
///
/// With bases `b_m = base_m / unit` (scaled by `pool / sum(b)` when they exceed the pool,
/// leaving nothing for the key) and exact key shares `s_m`, every amount is an integer
/// over one common denominator: `a_m = (base_m * D + (pool * unit - sum(base)) * sigma_m) / (unit * D)`
/// with `s_m = sigma_m / D`.
public enum ExactPool {
    /// Whole-unit bounds per region (table order); caps above the pool are the pool.
    public struct Bounds: Sendable {
        public let lower: [Int64]
        public let upper: [Int64]

        public init(lower: [Int64], upper: [Int64]) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// The rounded units of every region and the bound each is held at; `nil` when the
    /// inputs are not a valid pool (which the double-precision path has already refused).
    public static func round(
        total: Int64, baseCents: [Int64]?, unitCents: Int64, key: ExactKey, bounds: Bounds?, regions: Int
    ) -> (units: [Int64], limitedBy: [LimitKind?])? {
        guard total >= 0, unitCents > 0, let (sigma, denominator) = key.commonShares(regions: regions) else { return nil }
        let pool = BigInt(total), unit = BigInt(unitCents)
        let bases = (baseCents ?? Array(repeating: 0, count: regions)).map { BigInt($0) }
        guard bases.count == regions, bases.allSatisfy({ $0 >= 0 }) else { return nil }
        let baseTotal = bases.reduce(BigInt(0), +)
        var amounts: [BigInt]
        var common: BigInt
        if baseTotal > pool * unit {
            amounts = bases.map { $0 * pool }
            common = baseTotal
        } else {
            let rest = pool * unit - baseTotal
            amounts = (0..<regions).map { bases[$0] * denominator + rest * sigma[$0] }
            common = unit * denominator
        }
        var limitedBy = [LimitKind?](repeating: nil, count: regions)
        if let bounds {
            guard bounds.lower.count == regions, bounds.upper.count == regions,
                  let held = limit(amounts, slopes: sigma, over: common, total: pool, bounds: bounds)
            else { return nil }
            (amounts, common, limitedBy) = held
        }
        guard let units = largestRemainder(amounts, over: common, total: total) else { return nil }
        return (units, limitedBy)
    }

    /// Solves `sum_m clamp(a_m + t * sigma_m, lower_m, upper_m) == pool` for the level `t`
    /// exactly (amounts as numerators over `common`): the breakpoints where a region meets a
    /// bound are sorted, the segment holding the solution is found by bisection, and `t`
    /// is solved on that segment's free regions.
    private static func limit(
        _ amounts: [BigInt], slopes sigma: [BigInt], over common: BigInt, total pool: BigInt, bounds: Bounds
    ) -> (amounts: [BigInt], common: BigInt, limitedBy: [LimitKind?])? {
        let count = amounts.count
        let lower = bounds.lower.map { BigInt($0) * common }
        let upper = bounds.upper.map { BigInt($0) * common }
        let none = [LimitKind?](repeating: nil, count: count)
        if (0..<count).allSatisfy({ amounts[$0] >= lower[$0] && amounts[$0] <= upper[$0] }) { return (amounts, common, none) }
        let target = pool * common
        // Level t = numerator / denominator (denominator > 0).
        typealias Level = (numerator: BigInt, denominator: BigInt)
        func clamped(_ m: Int, at t: Level) -> BigInt {
            let value = amounts[m] * t.denominator + t.numerator * sigma[m]
            return Swift.min(Swift.max(value, lower[m] * t.denominator), upper[m] * t.denominator)
        }
        func reaches(_ t: Level) -> Bool {
            (0..<count).reduce(BigInt(0)) { $0 + clamped($1, at: t) } >= target * t.denominator
        }
        var breakpoints = [Level]()
        for m in 0..<count where sigma[m] > 0 {
            breakpoints.append((lower[m] - amounts[m], sigma[m]))
            breakpoints.append((upper[m] - amounts[m], sigma[m]))
        }
        breakpoints.sort { $0.numerator * $1.denominator < $1.numerator * $0.denominator }
        var (low, high) = (0, breakpoints.count)
        while low < high {
            let middle = (low + high) / 2
            if reaches(breakpoints[middle]) { high = middle } else { low = middle + 1 }
        }
        let inside: Level
        switch (low > 0 ? breakpoints[low - 1] : nil, low < breakpoints.count ? breakpoints[low] : nil) {
        case let (left?, right?): inside = (left.numerator * right.denominator + right.numerator * left.denominator, 2 * left.denominator * right.denominator)
        case let (nil, right?): inside = (right.numerator - right.denominator, right.denominator)
        case let (left?, nil): inside = (left.numerator + left.denominator, left.denominator)
        case (nil, nil): inside = (0, 1)
        }
        var limitedBy = none
        var free = [Bool](repeating: false, count: count)
        var heldTotal = BigInt(0), freeTotal = BigInt(0), freeSlope = BigInt(0)
        var held = [BigInt](repeating: 0, count: count)
        for m in 0..<count {
            let unbounded = amounts[m] * inside.denominator + inside.numerator * sigma[m]
            if sigma[m] > 0, unbounded > lower[m] * inside.denominator, unbounded < upper[m] * inside.denominator {
                free[m] = true
                freeTotal += amounts[m]
                freeSlope += sigma[m]
            } else {
                // Constant on the segment: a bound, or the amount of a region with key share 0.
                held[m] = sigma[m] > 0 ? (unbounded <= lower[m] * inside.denominator ? lower[m] : upper[m]) : Swift.min(Swift.max(amounts[m], lower[m]), upper[m])
                heldTotal += held[m]
                limitedBy[m] = unbounded < lower[m] * inside.denominator ? .floor : unbounded > upper[m] * inside.denominator ? .cap : nil
            }
        }
        guard freeSlope > 0 else {
            return heldTotal == target ? (held, common, limitedBy) : nil
        }
        let level = target - heldTotal - freeTotal
        let result = (0..<count).map { m in free[m] ? amounts[m] * freeSlope + level * sigma[m] : held[m] * freeSlope }
        return (result, common * freeSlope, limitedBy)
    }

    /// Largest remainder on exact amounts `numerators[m] / common`: floors, then one unit
    /// each to the largest remainders, equal remainders to the lower index (code order).
    private static func largestRemainder(_ numerators: [BigInt], over common: BigInt, total: Int64) -> [Int64]? {
        var units = [Int64]()
        var remainders = [BigInt]()
        for numerator in numerators {
            guard numerator >= 0 else { return nil }
            let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: common)
            guard let whole = Int64(exactly: quotient) else { return nil }
            units.append(whole)
            remainders.append(remainder)
        }
        var floors = Int64(0)
        for whole in units {
            guard case let (sum, false) = floors.addingReportingOverflow(whole) else { return nil }
            floors = sum
        }
        let leftover = total - floors
        guard leftover >= 0, leftover <= units.count else { return nil }
        let order = units.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(Int(leftover)) { units[index] += 1 }
        return units
    }
}
