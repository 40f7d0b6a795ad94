/// Shares one amount (a measure's or a component's, after top-slices) over the regions:
/// base, key, limits with redistribution, largest-remainder rounding. Amounts are in units
/// of rounding (euros or cents) throughout. The amounts are computed in double precision;
/// a rounding decision too close for that precision is made again in exact arithmetic
/// (``ExactPool``) from the key's exact inputs, so ties are decided on exact amounts.
struct PoolDistribution {
    let measure: String
    let component: String?
    let year: Int
    let table: RegionTable
    let unit: RoundingUnit

    /// The result, any warnings, and each region's amount before rounding in units (the
    /// result's `exact` in euros). `exactKey` gives the key's exact inputs (`keyTerms`
    /// weighted criteria), asked for only when a rounding decision is a close call.
    func distribute(
        total: Int64, keyShares: [Double], baseCents: [Double]?, policy: Base.InfeasibilityPolicy, bounds: RegionBounds,
        keyTerms: Int, exactKey: () throws(AllocationError) -> ExactKey
    ) throws(AllocationError) -> (allocation: ComponentAllocation, warnings: [Words], unrounded: [Double]) {
        var warnings = [Words]()
        let target = Double(total)
        let start = Self.start(total: total, baseCents: baseCents, regions: table.count, unit: unit)
        if let required = start.scaledFrom {
            guard policy == .scale else {
                throw .infeasibleBase(measure: measure, component: component, year: year, required: required, available: Money(cents: total * unit.cents))
            }
            let available = Money(cents: total * unit.cents)
            warnings.append(Words(
                dutch: "maatregel '\(measure)'\(component.map { ", onderdeel '\($0)'" } ?? ""), \(year): de vaste voeten vragen \(required.dutchDescription) maar er is maar \(available.dutchDescription); elke vaste voet is naar rato verlaagd (beleid 'scale')",
                english: "measure '\(measure)'\(component.map { ", component '\($0)'" } ?? ""), \(year): the fixed bases need \(required) but only \(available) is available; every base was scaled down pro rata (policy 'scale')"))
        }
        let (base, remainder) = (start.base, start.remainder)
        var amounts = zip(base, keyShares).map { $0 + remainder * $1 }
        var limitedBy = [LimitKind?](repeating: nil, count: table.count)
        var moved = false
        if bounds.canBind {
            moved = try applyLimits(&amounts, &limitedBy, keyShares: keyShares, bounds: bounds, total: target)
        }
        guard let rounded = LargestRemainder.round(amounts, total: total) else {
            throw .invariantViolated(measure: measure, year: year, detail: "unrounded amounts \(amounts) do not add up to \(total) units")
        }
        var units = rounded.units
        let scale = moved ? target : amounts.max() ?? 0
        if LargestRemainder.isCloseCall(margin: rounded.margin, scale: scale, terms: table.count + keyTerms + 8) {
            (units, limitedBy) = try exactUnits(
                total: total, baseCents: baseCents, bounds: bounds, key: try exactKey(), limitedBy: limitedBy)
        }
        for index in units.indices where Double(units[index]) < bounds.lower[index] || Double(units[index]) > bounds.upper[index] {
            throw .invariantViolated(measure: measure, year: year, detail: "region \(table.regions[index].code) was rounded outside its limits")
        }
        let unitEuros = Double(unit.cents) / 100
        let regions = table.regions.indices.map { index in
            RegionAllocation(
                region: table.regions[index], exact: amounts[index] * unitEuros,
                amount: Money(cents: units[index] * unit.cents), limitedBy: limitedBy[index])
        }
        let allocation = ComponentAllocation(
            component: component, distributed: Money(cents: total * unit.cents), regions: regions)
        return (allocation, warnings, amounts)
    }

    /// A pool's amounts before limits: each region's base in units (scaled pro rata when the
    /// bases need more than the pool, `scaledFrom` then the amount they needed) and the
    /// remainder `R = total - sum(base)` the key shares (0 when the bases were scaled: they
    /// fill the pool exactly, not even rounding noise is left for the key).
    static func start(total: Int64, baseCents: [Double]?, regions: Int, unit: RoundingUnit) -> (base: [Double], remainder: Double, scaledFrom: Money?) {
        let target = Double(total)
        let base = (baseCents ?? Array(repeating: 0, count: regions)).map { $0 / Double(unit.cents) }
        let baseTotal = base.reduce(0, +)
        guard baseTotal > target else { return (base, max(0, target - baseTotal), nil) }
        // Bases are accepted amounts (at most Money.largest each): their sum fits in cents.
        let required = Money(cents: Int64((baseTotal * Double(unit.cents)).rounded()))
        let factor = target / baseTotal
        return (base.map { $0 * factor }, 0, required)
    }

    /// The units (and held regions, when limits can bind) in exact arithmetic.
    private func exactUnits(
        total: Int64, baseCents: [Double]?, bounds: RegionBounds, key: ExactKey, limitedBy: [LimitKind?]
    ) throws(AllocationError) -> ([Int64], [LimitKind?]) {
        // Bases are whole cents and bounds whole units (caps above the pool are the pool),
        // all exact in a double.
        let bases = baseCents?.map { Int64(exactly: $0) }
        let lower = bounds.lower.map { Int64(exactly: $0) }
        let upper = bounds.upper.map { Int64(exactly: Swift.min($0, Double(total))) }
        let exactBounds = bounds.canBind
            ? ExactPool.Bounds(lower: lower.compactMap { $0 }, upper: upper.compactMap { $0 }) : nil
        guard bases?.contains(nil) != true, !lower.contains(nil), !upper.contains(nil),
              let result = ExactPool.round(
                total: total, baseCents: bases?.compactMap { $0 }, unitCents: unit.cents, key: key, bounds: exactBounds, regions: table.count)
        else {
            throw .invariantViolated(measure: measure, year: year, detail: "the exact amounts of \(total) units cannot be computed")
        }
        return (result.units, bounds.canBind ? result.limitedBy : limitedBy)
    }

    /// Holds regions at the bounds they would break and shares the difference over the
    /// free regions by key. The fixed point of that redistribution gives every free region
    /// `a_m + T * s_m` for one level `T`, so `T` solves
    /// ```
    /// sum_m clamp(a_m + T * s_m, lower_m, upper_m) == total
    /// ```
    /// whose left side is non-decreasing in `T`: bisection finds the held regions, then `T`
    /// is solved exactly on the free ones. Floors and caps binding in the same year are
    /// handled together; regions with key share 0 cannot take redistributed money. Returns
    /// whether any amount moved.
    private func applyLimits(
        _ amounts: inout [Double], _ limitedBy: inout [LimitKind?], keyShares: [Double], bounds: RegionBounds, total: Double
    ) throws(AllocationError) -> Bool {
        for index in amounts.indices where bounds.lower[index] > bounds.upper[index] {
            throw infeasible("region \(table.regions[index].code) must get at least \(money(bounds.lower[index])) but at most \(money(bounds.upper[index]))")
        }
        let start = amounts
        // No region outside its bounds: the level is 0 and the amounts stay exactly as they
        // are (recomputing them would only add rounding noise and could move a tie).
        if start.indices.allSatisfy({ start[$0] >= bounds.lower[$0] && start[$0] <= bounds.upper[$0] }) { return false }
        func amount(_ index: Int, at level: Double) -> Double {
            min(max(start[index] + level * keyShares[index], bounds.lower[index]), bounds.upper[index])
        }
        func sum(at level: Double) -> Double { start.indices.reduce(0) { $0 + amount($1, at: level) } }
        let lowest = start.indices.reduce(0.0) { $0 + (keyShares[$1] > 0 ? bounds.lower[$1] : amount($1, at: 0)) }
        let highest = start.indices.reduce(0.0) { $0 + (keyShares[$1] > 0 ? bounds.upper[$1] : amount($1, at: 0)) }
        var floorsFail: AllocationError { infeasible("the floors need \(money(lowest)) but only \(money(total)) is distributed") }
        var capsFail: AllocationError { infeasible("the caps allow only \(money(highest)) of the \(money(total)) to distribute") }
        // Bounds are whole units, so these sums are exact: no tolerance.
        if lowest > total { throw floorsFail }
        if highest < total { throw capsFail }
        // A level low (high) enough that every region is at its floor (cap); the sums are
        // bounded, so 1,100 doublings each way pass any finite level, and one that is not reached
        // means the bounds meet the pool only within rounding: infeasible, never a hang.
        var (low, high, doublings) = (-1.0, 1.0, 0)
        while doublings < 1_100, sum(at: low) > total { (low, doublings) = (low * 2, doublings + 1) }
        while doublings < 2_200, sum(at: high) < total { (high, doublings) = (high * 2, doublings + 1) }
        guard low.isFinite, sum(at: low) <= total else { throw floorsFail }
        guard high.isFinite, sum(at: high) >= total else { throw capsFail }
        for _ in 0..<200 where high - low > 0 {
            let middle = low / 2 + high / 2
            if middle <= low || middle >= high { break }
            if sum(at: middle) < total { low = middle } else { high = middle }
        }
        let level = low / 2 + high / 2
        var free = [Int]()
        for index in start.indices {
            let unbounded = start[index] + level * keyShares[index]
            if keyShares[index] > 0, unbounded > bounds.lower[index], unbounded < bounds.upper[index] {
                free.append(index)
            } else {
                amounts[index] = amount(index, at: level)
                limitedBy[index] = unbounded > bounds.upper[index] ? .cap : unbounded < bounds.lower[index] ? .floor : nil
            }
        }
        let heldTotal = start.indices.filter { !free.contains($0) }.reduce(0.0) { $0 + amounts[$1] }
        let freeWeight = free.reduce(0.0) { $0 + keyShares[$1] }
        let freeStart = free.reduce(0.0) { $0 + start[$1] }
        let exactLevel = freeWeight > 0 ? (total - heldTotal - freeStart) / freeWeight : level
        for index in free { amounts[index] = amount(index, at: exactLevel) }
        return true
    }

    private func infeasible(_ reason: String) -> AllocationError {
        .infeasibleLimits(measure: measure, component: component, year: year, reason: reason)
    }

    private func money(_ units: Double) -> String {
        Money.describe(cents: units * Double(unit.cents))
    }
}
