import Foundation
import VerdeelCore

extension SettingReader {
    /// `measure` with `settings` (all of it) applied; nil after a diagnostic.
    mutating func applied(_ settings: [ParameterSetting], to measure: Measure) -> Measure? {
        var measure = measure
        var weights = [(index: Int, value: Fraction, setting: ParameterSetting)]()
        for setting in settings {
            switch setting.parameter {
            case .weight(let criterion):
                guard let value = fraction(setting, what: "a weight"), let index = measure.key.terms.firstIndex(where: { $0.criterion.name == criterion }) else { return nil }
                weights.append((index, value, setting))
            case .base:
                guard let money = amount(setting, what: "a base", rounding: measure.rounding) else { return nil }
                measure.base = Base(.uniform(money), ifInfeasible: measure.base?.policy ?? .error)
            case .budget(let years):
                guard let money = amount(setting, what: "a budget", rounding: .cent) else { return nil }
                for year in years { measure.budgets[year] = money }
            case .topslice(let name):
                guard let index = measure.topslices.firstIndex(where: { $0.name == name }) else { return nil }
                if setting.value.unit == .percent {
                    guard let value = fraction(setting, what: "a top-slice") else { return nil }
                    measure.topslices[index] = Topslice(name: name, .fraction(value))
                } else {
                    guard let money = amount(setting, what: "a top-slice", rounding: measure.rounding) else { return nil }
                    measure.topslices[index] = Topslice(name: name, .amount(money))
                }
            }
        }
        if !weights.isEmpty {
            guard let key = key(measure.key, setting: weights) else { return nil }
            measure.key = key
        }
        return measure
    }

    /// The key with the weights set and the others in proportion, exactly.
    private mutating func key(_ key: Key, setting weights: [(index: Int, value: Fraction, setting: ParameterSetting)]) -> Key? {
        let last = weights[weights.count - 1].setting
        let set = weights.reduce(Rational(integer: 0)) { $0 + Rational($1.value) }
        let others = key.terms.indices.filter { index in !weights.contains { $0.index == index } }
        let percent = { (value: Rational) in value.fraction.map { "\(Decimal($0.numerator) / Decimal($0.denominator) * 100)%" } ?? "more than 100%" }
        guard !(set - Rational(integer: 1)).isPositive else {
            error(last.value.range, last.file, "the weights set make \(percent(set)) of the key of measure '\(last.measure)', more than 100%")
            return nil
        }
        guard !others.isEmpty else {
            guard set.isEqual(to: Rational(integer: 1)) else {
                error(last.value.range, last.file, "the weights of the key of measure '\(last.measure)' make \(percent(set)); they must make 100%", suggestion: "set one weight fewer: the others keep their proportions")
                return nil
            }
            return Key(weights.sorted { $0.index < $1.index }.map { Key.Term(key.terms[$0.index].criterion, $0.value) })
        }
        let rest = Rational(integer: 1) - set
        let old = others.reduce(Rational(integer: 0)) { $0 + Rational(key.terms[$1].weight) }
        var terms = key.terms
        for (index, value, _) in weights { terms[index] = Key.Term(terms[index].criterion, value) }
        for index in others {
            let exact = old.isPositive ? (Rational(key.terms[index].weight) * rest).dividing(by: old) : rest.dividing(by: Rational(integer: others.count))
            guard let weight = exact?.fraction else {
                error(last.value.range, last.file, "the other weights of the key of measure '\(last.measure)' cannot be kept in proportion exactly", suggestion: "set every weight of the key")
                return nil
            }
            terms[index] = Key.Term(terms[index].criterion, weight)
        }
        return Key(terms)
    }

    /// A percentage of at most 100%.
    private mutating func fraction(_ setting: ParameterSetting, what: String) -> Fraction? {
        let literal = setting.value
        guard literal.unit == .percent else {
            error(literal.range, setting.file, "\(what) is a percentage", suggestion: "write it with %, e.g. 70%")
            return nil
        }
        guard let fraction = literal.value.exactFraction, fraction <= .one else {
            error(literal.range, setting.file, "\(what) of \(literal.text) is not a share from 0% to 100%")
            return nil
        }
        return fraction
    }

    /// An amount of whole units of `rounding`.
    private mutating func amount(_ setting: ParameterSetting, what: String, rounding: RoundingUnit) -> Money? {
        let literal = setting.value
        guard literal.unit != .percent else {
            error(literal.range, setting.file, "\(what) is an amount, not a percentage", suggestion: "write an amount such as 200k or 1.2M")
            return nil
        }
        guard literal.value.magnitude <= Decimal(Money.largest.cents) / 100, let cents = literal.value.exactCents else {
            error(literal.range, setting.file, "\(what) of \(literal.text) is not an amount in whole cents up to \(Money.largest)")
            return nil
        }
        guard cents % rounding.cents == 0 else {
            error(literal.range, setting.file, "under euro rounding \(what) is whole euros, not \(literal.text)", suggestion: "use whole euros")
            return nil
        }
        return Money(cents: cents)
    }
}
