import VerdeelCore
import VerdeelModel

/// Local elasticities at the baseline: for every key weight, base, top-slice and budget
/// year p of a measure and every region i and year t of it,
/// `e = d(a_it)/d(p) x p / a_it`, with a_it the region's unrounded amount (empty when it is 0).
///
/// Analytic where the measure's rules are linear in p: no components, no limit that can
/// bind, and bases that fit every year's distributed amount. There, with budget B, top-slice
/// fractions summing to tau (taken as tau B, unrounded), n regions, base b, remainder
/// R = B - sum(top-slices) - n b and key share S_i = sum_k w_k s_ki:
/// - budget: `da/dB = (1 - tau) S_i`;
/// - base: `da/db = 1 - n S_i`;
/// - a top-slice fraction f: `da/df = -B S_i`; a top-slice amount T: `da/dT = -S_i`;
/// - weight w_c (the other weights keeping their proportions, as in variants):
///   `da/dw_c = R (s_ci - sum_{k != c} w_k s_ki / (1 - w_c))`.
/// Elsewhere (a rule binds or components split the money) by a central difference on the
/// exact allocation: `(a(p + h) - a(p - h)) / 2h` with h = 10^-6 for a weight, 1,000 euros
/// for a budget, 100 euros for a base or top-slice amount; a top-slice fraction moves by
/// 10^-3 and the difference is divided by the change of the top-slice's rounded amount over
/// the budget, so no step is lost to rounding.
public struct Elasticity: Sendable, Equatable {
    public let measure: String
    public let year: Int
    public let region: String
    /// e.g. `jongerenwerk.weight.need`, `wijk.base`, `jongerenwerk.budget.2028`.
    public let parameter: String
    /// The elasticity; nil when the region's amount is 0.
    public let elasticity: Double?
    /// d(amount)/d(parameter), euros per unit of the parameter (a weight or fraction as 1.0).
    public let derivative: Double
    public let analytic: Bool
}

public enum Elasticities {
    /// Every measure's elasticities on `table`.
    public static func compute(_ plan: ScenarioPlan, table: RegionTable) throws(ScenarioSensitivityError) -> [Elasticity] {
        var result = [Elasticity]()
        let allocator = Allocator(table: table)
        for planned in plan.measures {
            let baseline: MeasureAllocation
            do { baseline = try allocator.allocate(planned.measure) } catch {
                throw ScenarioSensitivityError("measure '\(planned.id)' cannot be allocated: \(error)")
            }
            let linear = try isLinear(planned.measure, baseline, regions: table.count)
            let shares = linear ? try keyShares(planned.measure, table: table) : nil
            for parameter in parameters(planned) {
                let derivatives = linear
                    ? analytic(parameter, planned.measure, baseline, shares: shares ?? [], table: table)
                    : try difference(parameter, planned.measure, allocator: allocator)
                for (year, perRegion) in derivatives {
                    guard let allocation = baseline.year(year) else { continue }
                    let amounts = exactAmounts(allocation, regions: table.count)
                    for (r, derivative) in perRegion.enumerated() {
                        let value = parameter.value(planned.measure, year: year)
                        result.append(Elasticity(
                            measure: planned.id, year: year, region: table.regions[r].code, parameter: parameter.name(planned),
                            elasticity: amounts[r] != 0 ? derivative * value / amounts[r] : nil, derivative: derivative, analytic: linear))
                    }
                }
            }
        }
        return result
    }

    /// A parameter of one measure.
    enum Parameter {
        case weight(Int)
        case base
        case topslice(Int)
        case budget(Int)

        func name(_ planned: PlannedMeasure) -> String {
            let id = planned.id
            switch self {
            case .weight(let k): return "\(id).weight.\(planned.measure.key.terms[k].criterion.name)"
            case .base: return "\(id).base"
            case .topslice(let t): return "\(id).topslice.\(planned.measure.topslices[t].name)"
            case .budget(let year): return "\(id).budget.\(year)"
            }
        }

        /// The parameter's value (a weight or fraction as 1.0, amounts in euros).
        func value(_ measure: Measure, year: Int) -> Double {
            switch self {
            case .weight(let k): return measure.key.terms[k].weight.doubleValue
            case .base:
                if case .uniform(let money)? = measure.base?.amount { return Double(money.cents) / 100 }
                return 0
            case .topslice(let t):
                switch measure.topslices[t].size {
                case .fraction(let fraction): return fraction.doubleValue
                case .amount(let money): return Double(money.cents) / 100
                }
            case .budget(let year): return Double(measure.budgets[year]?.cents ?? 0) / 100
            }
        }
    }

    static func parameters(_ planned: PlannedMeasure) -> [Parameter] {
        let measure = planned.measure
        let weights = measure.key.terms.count >= 2 ? measure.key.terms.indices.map { Parameter.weight($0) } : []
        let base: [Parameter] = if case .uniform? = measure.base?.amount { [.base] } else { [] }
        return weights + base + measure.topslices.indices.map { .topslice($0) } + measure.budgets.keys.sorted().map { .budget($0) }
    }

    private static func isLinear(_ measure: Measure, _ baseline: MeasureAllocation, regions: Int) throws(ScenarioSensitivityError) -> Bool {
        guard measure.components.isEmpty, measure.limits.canNeverBind else { return false }
        guard case .uniform(let money)? = measure.base?.amount else { return measure.base == nil }
        return baseline.years.allSatisfy { year in year.distributed.cents >= money.cents * Int64(regions) && year.warnings.isEmpty }
    }

    private static func exactAmounts(_ allocation: YearAllocation, regions: Int) -> [Double] {
        var amounts = [Double](repeating: 0, count: regions)
        for component in allocation.components {
            for (r, region) in component.regions.enumerated() where r < regions { amounts[r] += region.exact }
        }
        return amounts
    }

    /// Each key criterion's shares s_ki (once per measure; the analytic derivatives read them).
    private static func keyShares(_ measure: Measure, table: RegionTable) throws(ScenarioSensitivityError) -> [[Double]] {
        do { return try measure.key.terms.map { term throws(CriterionError) in try term.criterion.shares(over: table) } } catch {
            throw ScenarioSensitivityError("measure '\(measure.name)': \(error)")
        }
    }

    private static func analytic(_ parameter: Parameter, _ measure: Measure, _ baseline: MeasureAllocation, shares: [[Double]], table: RegionTable) -> [(Int, [Double])] {
        let weights = measure.key.terms.map(\.weight.doubleValue)
        let n = table.count
        let key = (0..<n).map { i in zip(weights, shares).reduce(0) { $0 + $1.0 * $1.1[i] } }
        let base = Parameter.base.value(measure, year: 0)
        let tau = measure.topslices.reduce(0.0) { sum, topslice in
            if case .fraction(let fraction) = topslice.size { return sum + fraction.doubleValue }
            return sum
        }
        return baseline.years.compactMap { allocation -> (Int, [Double])? in
            let budget = Double(allocation.budget.cents) / 100
            let remainder = Double(allocation.distributed.cents) / 100 - Double(n) * base
            switch parameter {
            case .budget(let year):
                guard year == allocation.year else { return nil }
                return (year, key.map { (1 - tau) * $0 })
            case .base: return (allocation.year, key.map { 1 - Double(n) * $0 })
            case .topslice(let t):
                if case .fraction = measure.topslices[t].size { return (allocation.year, key.map { -budget * $0 }) }
                return (allocation.year, key.map { -$0 })
            case .weight(let c):
                let rest = 1 - weights[c]
                return (allocation.year, (0..<n).map { i in
                    let others = weights.indices.filter { $0 != c }.reduce(0) { $0 + weights[$1] * shares[$1][i] }
                    return remainder * (shares[c][i] - (rest > 0 ? others / rest : 0))
                })
            }
        }
    }

    private static func difference(_ parameter: Parameter, _ measure: Measure, allocator: Allocator) throws(ScenarioSensitivityError) -> [(Int, [Double])] {
        let step: Double
        var fractionOf: Int?
        switch parameter {
        case .weight: step = 1e-6
        case .budget: step = 1_000
        case .base: step = 100
        case .topslice(let t):
            if case .fraction = measure.topslices[t].size {
                step = 1e-3
                fractionOf = t
            } else {
                step = 100
            }
        }
        let up = try allocate(shifted(measure, parameter, by: step), allocator)
        let down = try allocate(shifted(measure, parameter, by: -step), allocator)
        return up.years.compactMap { high -> (Int, [Double])? in
            if case .budget(let year) = parameter, year != high.year { return nil }
            guard let low = down.year(high.year) else { return nil }
            var span = 2 * step
            if let t = fractionOf {
                // The top-slice is rounded to the unit: divide by the change of its amount as a
                // fraction of the budget, which is exact.
                let name = measure.topslices[t].name
                let amount = { (year: YearAllocation) in Double(year.topslices.first { $0.name == name }?.amount.cents ?? 0) / 100 }
                span = (amount(high) - amount(low)) / (Double(high.budget.cents) / 100)
            }
            let regions = high.components.first?.regions.count ?? 0
            let a = exactAmounts(high, regions: regions), b = exactAmounts(low, regions: regions)
            return (high.year, zip(a, b).map { span != 0 ? ($0 - $1) / span : 0 })
        }
    }

    private static func allocate(_ measure: Measure, _ allocator: Allocator) throws(ScenarioSensitivityError) -> MeasureAllocation {
        do { return try allocator.allocate(measure) } catch {
            throw ScenarioSensitivityError("measure '\(measure.name)' cannot be allocated a step away from the baseline (\(error)); its elasticities are undefined there")
        }
    }

    /// The measure with the parameter moved by `h`.
    private static func shifted(_ measure: Measure, _ parameter: Parameter, by h: Double) -> Measure {
        var measure = measure
        switch parameter {
        case .weight(let c):
            measure.key = measure.key.setting(weightOf: c, to: measure.key.terms[c].weight.doubleValue + h)
        case .base:
            var cents: Int64 = 0
            if case .uniform(let money)? = measure.base?.amount { cents = money.cents }
            measure.base = Base(.uniform(Money(cents: cents + Int64(h * 100))), ifInfeasible: measure.base?.policy ?? .error)
        case .topslice(let t):
            let topslice = measure.topslices[t]
            switch topslice.size {
            case .amount(let money): measure.topslices[t] = Topslice(name: topslice.name, .amount(Money(cents: money.cents + Int64(h * 100))))
            case .fraction(let fraction):
                let billionths = Int64((fraction.doubleValue * 1e9).rounded()) + Int64((h * 1e9).rounded())
                measure.topslices[t] = Topslice(name: topslice.name, .fraction(Fraction(billionths, 1_000_000_000) ?? fraction))
            }
        case .budget(let year):
            if let budget = measure.budgets[year] { measure.budgets[year] = Money(cents: budget.cents + Int64(h * 100)) }
        }
        return measure
    }
}
