/// The population-weighted Gini of the amounts per person, split two ways: by the parts the
/// amounts are made of (Lerman and Yitzhaki 1985, "Income inequality effects by income
/// source") and by region.
///
/// With `pi_i` the population shares, `y_i` the amount per person, `mu = sum pi_i y_i` and
/// `F_i` the weighted mid-rank of `y_i` (population share below it plus half that of the
/// regions equal to it, so `sum pi_i F_i = 1/2`), the Gini is `G = 2 cov(y, F) / mu`. For
/// parts `y = sum_k y_k` (per person) the covariance splits exactly:
/// ```
/// G = sum_k C_k,   C_k = 2 cov(y_k, F) / mu = S_k G_k R_k
/// S_k = mu_k / mu                      the part's share of the amount
/// G_k = 2 cov(y_k, F_k) / mu_k         the part's own Gini (ranked by itself)
/// R_k = cov(y_k, F) / cov(y_k, F_k)    its Gini correlation with the total
/// e_k = C_k / G - S_k                  the relative change of G when part k grows by 1%
/// ```
/// (per 1% of growth, in units of G; the elasticities add up to 0). By region, `c_i = pi_i
/// sum_j pi_j |y_i - y_j| / (2 mu)`, region i's half of the mean difference, adds up to G.
public enum GiniDecomposition {
    /// One part's figures; `gini` is empty when the part's mean is 0, `correlation` when
    /// its own covariance is 0, `elasticity` when the Gini is 0.
    public struct Source: Equatable, Sendable {
        public let share: Double
        public let gini: Double?
        public let correlation: Double?
        public let contribution: Double
        public let elasticity: Double?
    }

    /// One part per person in every region, and whether it adds up to 0 over the regions
    /// by construction (its share is then exactly 0 and it has no Gini of its own).
    public struct Part: Sendable {
        public let perPerson: [Double]
        public let isBalanced: Bool

        public init(perPerson: [Double], isBalanced: Bool) {
            self.perPerson = perPerson
            self.isBalanced = isBalanced
        }
    }

    /// The parts' figures, in the order of `parts` (per person, in the order of
    /// `populations`), or `nil` when nothing is allocated (the mean is not above 0). Every
    /// population must be above 0 (``FairnessInput`` checks it).
    public static func sources(populations: [Double], parts: [Part]) -> [Source]? {
        let total = populations.reduce(0, +)
        let weights = populations.map { $0 / total }
        var y = [Double](repeating: 0, count: populations.count)
        for part in parts {
            for index in y.indices { y[index] += part.perPerson[index] }
        }
        let mean = dot(weights, y)
        guard mean > 0, mean.isFinite else { return nil }
        let ranks = midRanks(y, weights: weights)
        let contributions = parts.map { 2 * covariance($0.perPerson, ranks, weights) / mean }
        let gini = contributions.reduce(0, +)
        return zip(parts, contributions).map { part, contribution in
            let partMean = part.isBalanced ? 0 : dot(weights, part.perPerson)
            let own = covariance(part.perPerson, midRanks(part.perPerson, weights: weights), weights)
            let share = partMean / mean
            return Source(
                share: share,
                gini: partMean != 0 ? 2 * own / partMean : nil,
                correlation: own != 0 ? covariance(part.perPerson, ranks, weights) / own : nil,
                contribution: contribution,
                elasticity: gini != 0 ? contribution / gini - share : nil)
        }
    }

    /// Each region's contribution `c_i` to the Gini of `input`, in its order, or `nil` when
    /// nothing is allocated.
    public static func regions(_ input: FairnessInput) -> [Double]? {
        let total = input.totalPopulation
        let weights = input.populations.map { $0 / total }
        let y = input.perCapita
        let mean = dot(weights, y)
        guard mean > 0, mean.isFinite else { return nil }
        return y.indices.map { i in
            let spread = y.indices.reduce(0.0) { $0 + weights[$1] * abs(y[i] - y[$1]) }
            return weights[i] * spread / (2 * mean)
        }
    }

    /// `F_i`: the population share of the values below `values[i]` plus half that of the
    /// values equal to it (exactly equal doubles are one group).
    static func midRanks(_ values: [Double], weights: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var below = 0.0
        var start = 0
        while start < order.count {
            var end = start
            var tied = 0.0
            while end < order.count, values[order[end]] == values[order[start]] {
                tied += weights[order[end]]
                end += 1
            }
            for position in start..<end { ranks[order[position]] = below + tied / 2 }
            below += tied
            start = end
        }
        return ranks
    }

    /// `cov(x, F) = sum_i pi_i (x_i - c) (F_i - 1/2)` for any `c`, as the weighted mean of
    /// `F` is 1/2; `c = x_0` makes the covariance of a part that is the same everywhere
    /// exactly 0.
    static func covariance(_ x: [Double], _ ranks: [Double], _ weights: [Double]) -> Double {
        guard let first = x.first else { return 0 }
        return x.indices.reduce(0.0) { $0 + weights[$1] * (x[$1] - first) * (ranks[$1] - 0.5) }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 }
    }
}
