/// Setting one of a measure's parameters to another value, as variants, sensitivity rows,
/// elasticities and what-if changes do: written once, here.
///
/// A key weight `w_i` set to `v` leaves the other weights their proportions:
/// `w_k' = w_k (1 - v) / (1 - w_i)` (equal parts of `1 - v` when `w_i` was 100%), so the key
/// still sums to exactly 100%. Amounts (a base, a budget, a top-slice in euros) are paid
/// amounts: whole units of the measure's rounding.
extension Key {
    /// The weights as doubles with term `index` set to `value`, the others in proportion.
    public func weights(setting index: Int, to value: Double) -> [Double] {
        let nominal = terms.map(\.weight.doubleValue)
        let rest = 1 - nominal[index]
        return nominal.indices.map { k in
            guard k != index else { return value }
            return rest > 0 ? nominal[k] * (1 - value) / rest : (1 - value) / Double(nominal.count - 1)
        }
    }

    /// The same weights exactly, for `value` as the exact rational it is (a variant's double):
    /// decisions too close for doubles (ties of largest remainders) are made on these. A
    /// weight whose share cannot be computed (a zero rest) keeps `current`'s.
    public func exactWeights(setting index: Int, to value: Rational, current: [Rational]) -> [Rational] {
        let exactRest = Rational.one - Rational(terms[index].weight)
        let others = Rational(integer: terms.count - 1)
        return current.indices.map { k in
            guard k != index else { return value }
            let share = exactRest.isPositive ? (current[k] * (Rational.one - value)).dividing(by: exactRest) : (Rational.one - value).dividing(by: others)
            return share ?? current[k]
        }
    }

    /// The key with term `index`'s weight set to `value` and the others in proportion, as
    /// fractions over 10^9 that sum to exactly 1 (``Fraction/billionths(_:pinned:)``, term
    /// `index` rounded on its own).
    public func setting(weightOf index: Int, to value: Double) -> Key {
        Key(zip(terms, Fraction.billionths(weights(setting: index, to: value), pinned: index)).map { Key.Term($0.criterion, $1) })
    }
}

extension Fraction {
    /// The denominator of weights and top-slice fractions set from doubles.
    public static let billionth: Int64 = 1_000_000_000

    /// Fractions over 10^9 for `values` that sum to 1: each rounded down, the units left
    /// over given to the largest remainders (ties to the lower index); `pinned` keeps its
    /// own rounding (to nearest) and the others share what is left.
    public static func billionths(_ values: [Double], pinned: Int? = nil) -> [Fraction] {
        let total = billionth
        var units = values.map { Int64(($0 * Double(total)).rounded(.down)) }
        if let pinned { units[pinned] = Int64((values[pinned] * Double(total)).rounded()) }
        var left = total - units.reduce(0, +)
        let order = values.indices.filter { $0 != pinned }.sorted { a, b in
            let ra = values[a] * Double(total) - Double(units[a]), rb = values[b] * Double(total) - Double(units[b])
            return ra != rb ? ra > rb : a < b
        }
        var position = 0
        while left > 0, !order.isEmpty {
            units[order[position % order.count]] += 1
            left -= 1
            position += 1
        }
        while left < 0, let largest = order.max(by: { units[$0] < units[$1] }), units[largest] > 0 {
            units[largest] -= 1
            left += 1
        }
        return units.map { Fraction($0, total) ?? .zero }
    }

    /// `value` (a fraction such as a top-slice's) over 10^9, rounded to nearest; zero for a
    /// value below zero.
    public static func billionths(of value: Double) -> Fraction {
        Fraction(Int64((value * Double(billionth)).rounded()), billionth) ?? .zero
    }
}

extension RoundingUnit {
    /// `euros` as a paid amount: rounded to whole units of rounding (whole euros or cents).
    public func paid(_ euros: Double) -> Money {
        let unit = Double(cents)
        return Money(cents: Int64((euros * 100 / unit).rounded()) * cents)
    }
}
