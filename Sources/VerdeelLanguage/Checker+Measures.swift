import Foundation
import VerdeelCore
import VerdeelModel

extension Checker {
    mutating func lowerMeasure(_ draft: MeasureDraft, _ scope: Scope) -> PlannedMeasure? {
        let before = diagnostics.count
        let id = draft.id.value
        let unit = draft.id.unit
        var budgets = [Int: Money]()
        for (year, located) in draft.budget {
            if let money = amount(located.value, located.unit, what: "a budget") { budgets[year] = money }
        }
        let years = draft.budget.keys.sorted()
        if years.isEmpty, !draft.budgetHadErrors {
            missing(id.range, unit, "measure '\(id.text)' has no budget", suggestion: "add: budget 2026: 10M")
        }
        for (previous, next) in zip(years, years.dropFirst()) where next != previous + 1 {
            let missing = previous + 1 == next - 1 ? "\(previous + 1)" : "\(previous + 1)..\(next - 1)"
            self.missing(id.range, unit, "measure '\(id.text)' has no budget for \(missing) between \(previous) and \(next); budget years must follow each other", suggestion: "add: budget \(missing): 0 if nothing is spent")
        }
        var topslices = [Topslice]()
        for located in draft.topslices {
            if let size = share(located.value.size, located.unit, what: "a top-slice") {
                topslices.append(Topslice(name: located.value.name.text, size.fraction.map { .fraction($0) } ?? .amount(size.money ?? .zero)))
            }
        }
        var base: Base?
        if let located = draft.base, let money = amount(located.value.amount, located.unit, what: "a base") {
            var policy = Base.InfeasibilityPolicy.error
            if let name = located.value.policy {
                if let parsed = Base.InfeasibilityPolicy(rawValue: name.text) {
                    policy = parsed
                } else {
                    error(name.range, located.unit, "unknown policy '\(name.text)'; use 'error' or 'scale'", suggestion: NearestName.find(name.text, among: ["error", "scale"]).map { "did you mean '\($0)'?" })
                }
            }
            base = Base(.uniform(money), ifInfeasible: policy)
        }
        var key = Key([])
        if let located = draft.key {
            key = lowerKey(located.value, located.unit, scope, owner: "measure '\(id.text)'") ?? key
        } else {
            missing(id.range, unit, "measure '\(id.text)' has no key", suggestion: "add: key inhabitants 100%")
        }
        let components = lowerComponents(draft, scope)
        var earmarks = [Earmark]()
        for located in draft.earmarks {
            if let fraction = percentage(located.value.minimum, located.unit, what: "an earmark") {
                earmarks.append(Earmark(purpose: located.value.purpose.text, minimum: fraction))
            }
        }
        var limits = Limits()
        if let located = draft.floor { limits.floor = bound(located.value.amount, per: located.value.per, located.unit, scope, what: "a floor") }
        if let located = draft.cap { limits.cap = bound(located.value.amount, per: located.value.per, located.unit, scope, what: "a cap") }
        if let located = draft.transition { limits.transition = transition(located.value.change, per: located.value.per, located.unit, scope) }
        var rounding = RoundingUnit.euro
        if let located = draft.rounding {
            if let parsed = RoundingUnit(rawValue: located.value.text) {
                rounding = parsed
            } else {
                error(located.value.range, located.unit, "unknown rounding '\(located.value.text)'; use 'euro' or 'cent'", suggestion: NearestName.find(located.value.text, among: ["euro", "cent"]).map { "did you mean '\($0)'?" })
            }
        }
        if rounding == .euro, let located = draft.base, case .uniform(let money)? = base?.amount, money.cents % 100 != 0 {
            let lower = money.cents / 100, upper = lower + 1
            error(
                located.value.amount.range, located.unit, "under euro rounding a base is whole euros, not \(located.value.amount.text) (it cannot be paid to every region and still add up to the budget)",
                suggestion: "write \(lower) or \(upper), or give the measure 'rounding cent'")
        }
        guard diagnostics.count == before else { return nil }
        let measure = Measure(
            name: id.text, budgets: budgets, topslices: topslices, base: base, key: key, components: components,
            earmarks: earmarks, limits: limits, rounding: rounding)
        return PlannedMeasure(id: id.text, title: draft.title?.text ?? id.text, measure: measure)
    }

    private mutating func lowerComponents(_ draft: MeasureDraft, _ scope: Scope) -> [Component] {
        var components = [Component]()
        var fractions = [Fraction]()
        for located in draft.components {
            let (name, literal, keyTerms) = located.value
            guard let size = share(literal, located.unit, what: "a component") else { continue }
            let key = keyTerms.flatMap { lowerKey($0, located.unit, scope, owner: "component '\(name.text)'") }
            if let fraction = size.fraction {
                fractions.append(fraction)
                components.append(Component(name: name.text, .fraction(fraction), key: key))
            } else if let money = size.money {
                components.append(Component(name: name.text, .proportionalAmount(money), key: key))
            }
        }
        if !fractions.isEmpty, fractions.count != components.count, let first = draft.components.first {
            error(first.value.name.range, first.unit, "give every component of measure '\(draft.id.value.text)' as a percentage, or every one as an amount, not a mix")
        } else if !fractions.isEmpty, let total = fractions.sum(), total != .one, let first = draft.components.first {
            error(first.value.name.range, first.unit, "the components of measure '\(draft.id.value.text)' sum to \(total.percentDescription), not 100%")
        }
        return components
    }

    mutating func lowerKey(_ terms: [KeyTerm], _ unit: Unit, _ scope: Scope, owner: String) -> Key? {
        var lowered = [Key.Term]()
        var weights = [Fraction]()
        var valid = true
        for term in terms {
            guard let weight = percentage(term.weight, unit, what: "a key weight") else { valid = false; continue }
            weights.append(weight)
            let name = term.criterion.text
            if let expression = scope.criteria[name] {
                lowered.append(.init(Criterion(name: name, expression: expression), weight))
            } else if scope.indicators.contains(name) {
                lowered.append(.init(.indicator(name), weight))
            } else if scope.failedCriteria.contains(name) {
                valid = false
            } else {
                let suggestion = NearestName.find(name, among: scope.indicators.union(scope.criteria.keys)).map { "did you mean '\($0)'?" }
                if let suggestion {
                    error(term.criterion.range, unit, "unknown criterion '\(name)' in the key of \(owner)", suggestion: suggestion)
                } else {
                    missing(term.criterion.range, unit, "unknown criterion '\(name)' in the key of \(owner)", suggestion: "declare it: criterion \(name) = ...")
                }
                valid = false
            }
        }
        guard valid, let first = terms.first, let last = terms.last else { return nil }
        guard let total = weights.sum() else {
            error(first.criterion.range.joined(last.weight.range), unit, "the weights of the key of \(owner) have too many decimals to be added exactly", suggestion: "write each weight with at most a few decimals, e.g. 33.33%")
            return nil
        }
        if total != .one {
            error(first.criterion.range.joined(last.weight.range), unit, "the key of \(owner) sums to \(total.percentDescription), not 100%", suggestion: "change the weights so that they add up to 100%")
            return nil
        }
        return Key(lowered)
    }

    /// An amount in euros: `200k`, `9.4M`, `9_400_000` or a plain number.
    mutating func amount(_ literal: Literal, _ unit: Unit, what: String) -> Money? {
        guard literal.unit != .percent else {
            error(literal.range, unit, "\(what) is an amount, not a percentage", suggestion: "write an amount such as 200k or 9.4M")
            return nil
        }
        guard !refusesDutchGrouping(literal, unit) else { return nil }
        guard literal.value.magnitude <= Decimal(Money.largest.cents) / 100 else {
            error(literal.range, unit, "\(what) of \(literal.text) is above the largest amount verdeel accepts, \(Money.largest)")
            return nil
        }
        guard let cents = literal.value.exactCents else {
            error(literal.range, unit, "\(what) of \(literal.text) has a fraction of a cent; amounts are never cut off", suggestion: "write it in whole cents, e.g. \(NSDecimalNumber(decimal: literal.value).rounding(accordingToBehavior: NSDecimalNumberHandler(roundingMode: .plain, scale: 2, raiseOnExactness: false, raiseOnOverflow: false, raiseOnUnderflow: false, raiseOnDivideByZero: false)))")
            return nil
        }
        return Money(cents: cents)
    }

    /// A percentage of a whole (at most 100% unless `beyondWhole`: a change may exceed it).
    mutating func percentage(_ literal: Literal, _ unit: Unit, what: String, beyondWhole: Bool = false) -> Fraction? {
        guard literal.unit == .percent else {
            error(literal.range, unit, "\(what) is a percentage", suggestion: Self.percentSuggestion(literal))
            return nil
        }
        guard let fraction = literal.value.exactFraction else {
            error(literal.range, unit, "\(what) of \(literal.text) has too many decimals")
            return nil
        }
        guard beyondWhole || fraction <= .one else {
            error(literal.range, unit, "\(what) of \(literal.text) is more than 100%", suggestion: "it is a share of a whole, at most 100%")
            return nil
        }
        return fraction
    }

    /// A percentage or an amount; a plain number is ambiguous here.
    mutating func share(_ literal: Literal, _ unit: Unit, what: String, beyondWhole: Bool = false) -> (fraction: Fraction?, money: Money?)? {
        switch literal.unit {
        case .percent: return percentage(literal, unit, what: what, beyondWhole: beyondWhole).map { ($0, nil) }
        case .amount: return amount(literal, unit, what: what).map { (nil, $0) }
        case .plain:
            error(literal.range, unit, "\(what) of \(literal.text) needs a unit", suggestion: "write \(literal.text)% for a percentage, or an amount such as \(literal.text)k")
            return nil
        }
    }

    private mutating func bound(_ literal: Literal, per: Name?, _ unit: Unit, _ scope: Scope, what: String) -> Bound? {
        guard let money = amount(literal, unit, what: what) else { return nil }
        guard let per else { return .amount(money) }
        guard checkIndicator(per, unit, scope) else { return nil }
        return .per(money, indicator: per.text)
    }

    private mutating func transition(_ literal: Literal, per: Name?, _ unit: Unit, _ scope: Scope) -> TransitionLimit? {
        guard let size = share(literal, unit, what: "a transition limit", beyondWhole: true) else { return nil }
        if let fraction = size.fraction {
            if let per { error(per.range, unit, "a percentage change cannot be 'per' an indicator"); return nil }
            return TransitionLimit(maximumChange: .fraction(fraction), reference: .previousYear)
        }
        let money = size.money ?? .zero
        guard let per else { return TransitionLimit(maximumChange: .amount(money), reference: .previousYear) }
        guard checkIndicator(per, unit, scope) else { return nil }
        return TransitionLimit(maximumChange: .per(money, indicator: per.text), reference: .previousYear)
    }

    private mutating func checkIndicator(_ name: Name, _ unit: Unit, _ scope: Scope) -> Bool {
        guard !scope.indicators.contains(name.text) else { return true }
        error(name.range, unit, "unknown indicator '\(name.text)'", suggestion: NearestName.find(name.text, among: scope.indicators).map { "did you mean '\($0)'?" })
        return false
    }

    /// How to write a plain number as the percentage it most likely means: a share of 1 or
    /// less (`0.8`) as its hundredfold (`80%`), anything else with `%` after it.
    static func percentSuggestion(_ literal: Literal) -> String {
        guard literal.unit == .plain else { return "write it with %, e.g. 50%" }
        if literal.value > 0, literal.value <= 1 {
            return "weights are percentages: write \(literal.value * 100)% for \(literal.text) of the whole"
        }
        return "write it with %, e.g. \(literal.text)%"
    }

    /// A plain number with `.` before exactly three digits (`200.000`, `1.250`) where an
    /// amount, count or number of draws is expected: Dutch readers mean thousands, verdeel
    /// would read a decimal point. Refused (true, with an error naming both readings).
    mutating func refusesDutchGrouping(_ literal: Literal, _ unit: Unit) -> Bool {
        let parts = literal.text.split(separator: ".", omittingEmptySubsequences: false)
        guard literal.unit != .percent, parts.count == 2, parts[1].count == 3, parts[1].allSatisfy(\.isNumber),
            !parts[0].isEmpty, parts[0].allSatisfy({ $0.isNumber || $0 == "_" })
        else { return false }
        let thousands = parts[0] + "_" + parts[1] + (parts[1] == "000" ? " or \(parts[0])k" : "")
        var decimals = String(parts[1])
        while decimals.count > 1, decimals.hasSuffix("0") { decimals.removeLast() }
        let whole = parts[0].filter(\.isNumber) + parts[1]
        error(literal.range, unit, "'\(literal.text)' is ambiguous: \(whole) if '.' groups thousands (the Dutch way), or \(parts[0]).\(decimals) with a decimal point",
              suggestion: "write \(thousands) for thousands, or \(parts[0]).\(decimals) for a decimal point")
        return true
    }
}
