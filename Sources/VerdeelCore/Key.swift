/// A distribution key (verdeelsleutel): weights over criteria that sum to exactly 100%.
///
/// A region's key share is `sum_k w_k * share_k(m)`; the key shares of all regions sum to 1.
/// A key that does not sum to 100% is an error, never silently normalised.
public struct Key: Hashable, Codable, Sendable {
    /// One criterion and its weight.
    public struct Term: Hashable, Codable, Sendable {
        public let criterion: Criterion
        public let weight: Fraction

        public init(_ criterion: Criterion, _ weight: Fraction) {
            self.criterion = criterion
            self.weight = weight
        }
    }

    /// The weighted criteria, in the order given.
    public let terms: [Term]

    public init(_ terms: [Term]) {
        self.terms = terms
    }

    /// The key's share for every region: `sum_k w_k * share_k(m)`, validated.
    public func shares(over table: RegionTable, measure: String) throws(AllocationError) -> [Double] {
        guard !terms.isEmpty else { throw .emptyKey(measure: measure) }
        var names = Set<String>()
        for term in terms where !names.insert(term.criterion.name).inserted {
            throw .duplicateCriterionInKey(measure: measure, criterion: term.criterion.name)
        }
        guard let total = terms.map(\.weight).sum() else { throw .arithmeticOverflow(measure: measure, what: "the key's weights") }
        guard total == .one else { throw .keyDoesNotSumTo100(measure: measure, sum: total) }
        var combined = Array(repeating: 0.0, count: table.count)
        for term in terms where term.weight > .zero {
            let shares: [Double]
            do {
                shares = try term.criterion.shares(over: table)
            } catch {
                throw .criterion(measure: measure, error)
            }
            let weight = term.weight.doubleValue
            for index in combined.indices { combined[index] += weight * shares[index] }
        }
        return combined
    }
}
