import VerdeelCore
import VerdeelModel

/// One variant's version of a measure: its key weights (over the measure's key criteria,
/// in key order), fixed base, and the units each pool distributes per year.
///
/// The weights are also kept exactly, for rounding decisions too close for doubles: a
/// weight the scenario gives is its exact percentage; one a variant sets is the exact value
/// of its double, and when it is the only one set the others keep their proportions,
/// `w_k * (1 - v) / (1 - w_i)`, exactly (the core's rule, `Key.weights(setting:to:)`).
/// Bases and budgets a variant sets are taken to the cent as given: the checker has made
/// them whole units of the measure's rounding (a sample's are rounded to them).
struct VariantSettings {
    let weights: [Double]
    let exactWeights: [Rational]
    let baseUnits: [Double]?
    let baseCents: [Int64]?
    let policy: Base.InfeasibilityPolicy
    let poolTotals: [(year: Int, units: [Int64])]

    /// Applies a variant's parameter values to a planned measure; throws when a year of
    /// the variant cannot be allocated (e.g. top-slices above the budget).
    static func make(
        _ planned: PlannedMeasure, parameters: [VariantParameter], values: [Double], allocator: Allocator
    ) throws(AllocationError) -> VariantSettings {
        var measure = planned.measure
        let nominal = measure.key.terms.map(\.weight.doubleValue)
        var weights = nominal
        var exactWeights = measure.key.terms.map { Rational($0.weight) }
        for (parameter, value) in zip(parameters, values) {
            switch parameter {
            case .weight(let id, let criterion) where id == planned.id:
                guard let index = measure.key.terms.firstIndex(where: { $0.criterion.name == criterion }) else { continue }
                guard let exactValue = Rational(exactly: value) else { continue }
                if parameters.filter({ if case .weight(id, _) = $0 { return true } else { return false } }).count > 1 {
                    weights[index] = value
                    exactWeights[index] = exactValue
                } else {
                    weights = measure.key.weights(setting: index, to: value)
                    exactWeights = measure.key.exactWeights(setting: index, to: exactValue, current: exactWeights)
                }
            case .base(let id) where id == planned.id:
                let cents = Int64((value * 100).rounded())
                measure.base = Base(.uniform(Money(cents: cents)), ifInfeasible: measure.base?.policy ?? .error)
            case .budget(let id, let first, let last) where id == planned.id:
                for year in first...last { measure.budgets[year] = Money(cents: Int64((value * 100).rounded())) }
            case .criterion, .vintage:
                continue
            default:
                continue
            }
        }
        let unit = Double(measure.rounding.cents)
        let baseCents: [Int64]?
        switch measure.base?.amount {
        case .uniform(let money): baseCents = Array(repeating: money.cents, count: allocator.table.count)
        case .perRegion(let amounts): baseCents = allocator.table.regions.map { amounts[$0.code]?.cents ?? 0 }
        case nil: baseCents = nil
        }
        return VariantSettings(
            weights: weights, exactWeights: exactWeights, baseUnits: baseCents?.map { Double($0) / unit }, baseCents: baseCents,
            policy: measure.base?.policy ?? .error,
            poolTotals: try allocator.poolTotals(measure))
    }
}
