import BigInt

/// A key's inputs as exact numbers, for the rare rounding decision that double precision
/// cannot make: each criterion's values exactly as computed (a double is an exact binary
/// fraction) and each weight as an exact rational.
///
/// The exact key share is `s_m = sum_k (w_k / W) * x_km / X_k`, with `X_k = sum_m x_km`
/// summed exactly and the weights normalised by their exact sum `W` (1 for a scenario's key,
/// whose percentages sum to exactly 100%).
public struct ExactKey: Sendable {
    /// One criterion's values per region (table order) and its weight.
    public struct Term: Sendable {
        public let weight: Rational
        public let values: [Double]

        public init(weight: Rational, values: [Double]) {
            self.weight = weight
            self.values = values
        }
    }

    public let terms: [Term]

    public init(_ terms: [Term]) {
        self.terms = terms
    }

    /// The exact key shares as integers over one common denominator: `s_m = shares[m] / denominator`.
    /// `nil` when a value is not finite or negative, a weighted criterion sums to 0, or the
    /// weights sum to 0 (inputs the key's validation has already refused).
    func commonShares(regions: Int) -> (shares: [BigInt], denominator: BigInt)? {
        let used = terms.filter { $0.weight.isPositive }
        guard !used.isEmpty else { return nil }
        var scaled = [[BigInt]]()
        var totals = [BigInt]()
        for term in used {
            guard term.values.count == regions, let (values, total) = Self.integers(term.values), total > 0 else { return nil }
            scaled.append(values)
            totals.append(total)
        }
        // Weight k over the common denominator Q = prod q_j: p_k * prod_{j != k} q_j.
        let weightNumerators = used.indices.map { k in
            used.indices.reduce(used[k].weight.numerator) { $1 == k ? $0 : $0 * used[$1].weight.denominator }
        }
        let weightSum = weightNumerators.reduce(BigInt(0), +)
        guard weightSum > 0 else { return nil }
        // s_m = sum_k pi_k M_km / (W S_k) = (sum_k pi_k M_km prod_{j != k} S_j) / (W prod S_j).
        let factors = used.indices.map { k in
            used.indices.reduce(weightNumerators[k]) { $1 == k ? $0 : $0 * totals[$1] }
        }
        var shares = [BigInt](repeating: 0, count: regions)
        for k in used.indices {
            for m in 0..<regions where scaled[k][m] != 0 { shares[m] += factors[k] * scaled[k][m] }
        }
        return (shares, totals.reduce(weightSum, *))
    }

    /// The values as integers `M_m` with `x_m = M_m * 2^e` for the smallest exponent `e`, and their sum.
    private static func integers(_ values: [Double]) -> ([BigInt], BigInt)? {
        var parts = [(UInt64, Int)]()
        for value in values {
            guard value >= 0, let part = Rational.binary(value) else { return nil }
            parts.append(part)
        }
        let lowest = parts.filter { $0.0 != 0 }.map(\.1).min() ?? 0
        let integers = parts.map { BigInt($0.0) << ($0.1 - lowest) }
        return (integers, integers.reduce(BigInt(0), +))
    }
}

extension Key {
    /// The key's exact inputs on `table`: the criteria's values and the exact weights.
    public func exactInputs(over table: RegionTable, measure: String) throws(AllocationError) -> ExactKey {
        var terms = [ExactKey.Term]()
        for term in self.terms where term.weight > .zero {
            do {
                terms.append(ExactKey.Term(weight: Rational(term.weight), values: try term.criterion.values(over: table)))
            } catch {
                throw .criterion(measure: measure, error)
            }
        }
        return ExactKey(terms)
    }
}
