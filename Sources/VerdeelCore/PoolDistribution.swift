/// Shares one amount (a measure's or a component's, after top-slices) over the regions:
/// base, key, limits with redistribution, largest-remainder rounding. Amounts are in units
/// of rounding (euros or cents) throughout.
struct PoolDistribution {
    let measure: String
    let component: String?
    let year: Int
    let table: RegionTable
    let unit: RoundingUnit

    /// The result and any warnings.
    func distribute(
        total: Int64, keyShares: [Double], baseCents: [Double]?, policy: Base.InfeasibilityPolicy, bounds: RegionBounds
    ) throws(AllocationError) -> (ComponentAllocation, [String]) {
        var warnings = [String]()
        let target = Double(total)
        var base = (baseCents ?? Array(repeating: 0, count: table.count)).map { $0 / Double(unit.cents) }
        let baseTotal = base.reduce(0, +)
        if baseTotal > target {
            let required = Money(cents: Int64((baseTotal * Double(unit.cents)).rounded()))
            let available = Money(cents: total * unit.cents)
            guard policy == .scale else {
                throw .infeasibleBase(measure: measure, component: component, year: year, required: required, available: available)
            }
            let factor = target / baseTotal
            base = base.map { $0 * factor }
            warnings.append("measure '\(measure)'\(component.map { ", component '\($0)'" } ?? ""), \(year): the fixed bases need \(required) but only \(available) is available; every base was scaled down pro rata (policy 'scale')")
        }
        let remainder = max(0, target - base.reduce(0, +))
        var amounts = zip(base, keyShares).map { $0 + remainder * $1 }
        var limitedBy = [LimitKind?](repeating: nil, count: table.count)
        var rounds = 0
        if bounds.canBind {
            rounds = try applyLimits(&amounts, &limitedBy, keyShares: keyShares, bounds: bounds, total: target)
        }
        guard let units = LargestRemainder.round(amounts, total: total, tieOrder: Array(amounts.indices)) else {
            throw .invariantViolated(measure: measure, year: year, detail: "unrounded amounts \(amounts) do not add up to \(total) units")
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
            component: component, distributed: Money(cents: total * unit.cents), regions: regions, redistributionRounds: rounds)
        return (allocation, warnings)
    }

    /// Holds regions that break a bound at the bound and shares the difference over the
    /// free regions by their key shares, until no bound is broken. Returns the number of
    /// rounds that redistributed money.
    private func applyLimits(
        _ amounts: inout [Double], _ limitedBy: inout [LimitKind?], keyShares: [Double], bounds: RegionBounds, total: Double
    ) throws(AllocationError) -> Int {
        for index in amounts.indices where bounds.lower[index] > bounds.upper[index] {
            throw infeasible("region \(table.regions[index].code) must get at least \(money(bounds.lower[index])) but at most \(money(bounds.upper[index]))")
        }
        let lowerTotal = bounds.lower.reduce(0, +)
        let upperTotal = bounds.upper.reduce(0, +)
        if lowerTotal > total { throw infeasible("the floors need \(money(lowerTotal)) but only \(money(total)) is distributed") }
        if upperTotal < total { throw infeasible("the caps allow only \(money(upperTotal)) of the \(money(total)) to distribute") }
        let tolerance = 1e-9 * max(1, total)
        var rounds = 0
        while true {
            var held = false
            for index in amounts.indices where limitedBy[index] == nil {
                if amounts[index] > bounds.upper[index] + tolerance {
                    amounts[index] = bounds.upper[index]
                    limitedBy[index] = .cap
                    held = true
                } else if amounts[index] < bounds.lower[index] - tolerance {
                    amounts[index] = bounds.lower[index]
                    limitedBy[index] = .floor
                    held = true
                }
            }
            guard held else { return rounds }
            let difference = total - amounts.reduce(0, +)
            let freeIndices = amounts.indices.filter { limitedBy[$0] == nil }
            let freeWeight = freeIndices.reduce(0.0) { $0 + keyShares[$1] }
            guard freeWeight > 0 else {
                if abs(difference) <= tolerance { return rounds }
                throw infeasible("\(money(abs(difference))) is left to redistribute but every region with a key share is held at a limit")
            }
            rounds += 1
            for index in freeIndices { amounts[index] += difference * keyShares[index] / freeWeight }
        }
    }

    private func infeasible(_ reason: String) -> AllocationError {
        .infeasibleLimits(measure: measure, component: component, year: year, reason: reason)
    }

    private func money(_ units: Double) -> Money {
        Money(cents: Int64((units * Double(unit.cents)).rounded()))
    }
}
