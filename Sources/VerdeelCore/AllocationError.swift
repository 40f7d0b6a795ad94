/// Why a measure could not be allocated. Each case names the measure (and year, component,
/// region where they apply) and says what to change.
public enum AllocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case criterion(measure: String, CriterionError)
    case emptyKey(measure: String)
    case duplicateCriterionInKey(measure: String, criterion: String)
    case keyDoesNotSumTo100(measure: String, sum: Fraction)
    case componentsDoNotSumTo100(measure: String, sum: Fraction)
    case mixedComponentShares(measure: String)
    case duplicateComponent(measure: String, component: String)
    case noBudget(measure: String)
    case negativeAmount(measure: String, what: String)
    case notWholeUnits(measure: String, year: Int, what: String, amount: Money, unit: RoundingUnit)
    case topslicesExceedBudget(measure: String, year: Int, topslices: Money, budget: Money)
    case infeasibleBase(measure: String, component: String?, year: Int, required: Money, available: Money)
    case missingRegion(measure: String, what: String, region: String)
    case unknownRegion(measure: String, what: String, region: String, suggestion: String?)
    case unknownIndicator(measure: String, what: String, indicator: String, suggestion: String?)
    case infeasibleLimits(measure: String, component: String?, year: Int, reason: String)
    case arithmeticOverflow(measure: String, what: String)
    case invariantViolated(measure: String, year: Int, detail: String)

    public var description: String {
        switch self {
        case .criterion(let measure, let error):
            return "measure '\(measure)': \(error)"
        case .emptyKey(let measure):
            return "measure '\(measure)': the key has no criteria; give at least one criterion with weight 100%"
        case .duplicateCriterionInKey(let measure, let criterion):
            return "measure '\(measure)': criterion '\(criterion)' appears twice in the key; give it once with the combined weight"
        case .keyDoesNotSumTo100(let measure, let sum):
            return "measure '\(measure)': the key's weights sum to \(sum.percentDescription), not 100%; change the weights so that they add up to 100%"
        case .componentsDoNotSumTo100(let measure, let sum):
            return "measure '\(measure)': the components' fractions sum to \(sum.percentDescription), not 100%"
        case .mixedComponentShares(let measure):
            return "measure '\(measure)': give every component as a percentage, or every component as an amount, not a mix"
        case .duplicateComponent(let measure, let component):
            return "measure '\(measure)': component '\(component)' is declared twice"
        case .noBudget(let measure):
            return "measure '\(measure)' has no budget for any year"
        case .negativeAmount(let measure, let what):
            return "measure '\(measure)': \(what) is negative; amounts must be >= 0"
        case .notWholeUnits(let measure, let year, let what, let amount, let unit):
            return "measure '\(measure)', \(year): \(what) \(amount) is not a whole number of \(unit.rawValue)s, but amounts are rounded to \(unit.rawValue)s; round it or set rounding to cents"
        case .topslicesExceedBudget(let measure, let year, let topslices, let budget):
            return "measure '\(measure)', \(year): the top-slices (\(topslices)) exceed the budget (\(budget))"
        case .infeasibleBase(let measure, let component, let year, let required, let available):
            return "measure '\(measure)'\(Self.component(component)), \(year): the fixed bases need \(required) but only \(available) is available after top-slices; lower the base, raise the budget, or set the base's policy to 'scale'"
        case .missingRegion(let measure, let what, let region):
            return "measure '\(measure)': \(what) gives no amount for region \(region); give one for every region"
        case .unknownRegion(let measure, let what, let region, let suggestion):
            return "measure '\(measure)': \(what) names region \(region), which is not in the region table\(suggestion.map { "; did you mean \($0)?" } ?? "")"
        case .unknownIndicator(let measure, let what, let indicator, let suggestion):
            return "measure '\(measure)': \(what) uses unknown indicator '\(indicator)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")"
        case .infeasibleLimits(let measure, let component, let year, let reason):
            return "measure '\(measure)'\(Self.component(component)), \(year): the limits cannot all hold: \(reason)"
        case .arithmeticOverflow(let measure, let what):
            return "measure '\(measure)': \(what) is too large to compute exactly"
        case .invariantViolated(let measure, let year, let detail):
            return "internal error in measure '\(measure)', \(year): \(detail); please report this"
        }
    }

    private static func component(_ name: String?) -> String {
        name.map { ", component '\($0)'" } ?? ""
    }
}
