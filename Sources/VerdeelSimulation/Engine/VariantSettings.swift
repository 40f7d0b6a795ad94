import VerdeelCore
import VerdeelLanguage

/// One variant's version of a measure: its key weights (over the measure's key criteria,
/// in key order), fixed base, and the units each pool distributes per year.
struct VariantSettings {
    let weights: [Double]
    let baseUnits: [Double]?
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
        for (parameter, value) in zip(parameters, values) {
            switch parameter {
            case .weight(let id, let criterion) where id == planned.id:
                guard let index = measure.key.terms.firstIndex(where: { $0.criterion.name == criterion }) else { continue }
                if parameters.filter({ if case .weight(id, _) = $0 { return true } else { return false } }).count > 1 {
                    weights[index] = value
                } else {
                    let rest = 1 - nominal[index]
                    for other in weights.indices where other != index {
                        weights[other] = rest > 0 ? nominal[other] * (1 - value) / rest : (1 - value) / Double(weights.count - 1)
                    }
                    weights[index] = value
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
        let baseUnits: [Double]?
        switch measure.base?.amount {
        case .uniform(let money): baseUnits = Array(repeating: Double(money.cents) / unit, count: allocator.table.count)
        case .perRegion(let amounts): baseUnits = allocator.table.regions.map { Double(amounts[$0.code]?.cents ?? 0) / unit }
        case nil: baseUnits = nil
        }
        return VariantSettings(
            weights: weights, baseUnits: baseUnits, policy: measure.base?.policy ?? .error,
            poolTotals: try allocator.poolTotals(measure))
    }
}
