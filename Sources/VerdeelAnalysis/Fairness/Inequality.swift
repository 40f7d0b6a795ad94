import RealModule

/// Population-weighted inequality of an allocation (over persons: every inhabitant of
/// region i counts with the per-capita amount `y_i`). Notation as in ``FairnessInput``.
/// Each returns `nil` when it is undefined (e.g. nothing is allocated).
public enum Inequality {
    /// `gini = sum_i sum_j p_i p_j |y_i - y_j| / (2 P^2 mu)` (population form, no n/(n-1)),
    /// computed as one minus the trapezoid sum under the population-weighted Lorenz curve:
    /// `1 - sum_k pi_k (Y_k + Y_(k-1))` over regions sorted by `y`, `Y` the cumulative amount share.
    public static func gini(_ input: FairnessInput) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        var area = 0.0, cumulative = 0.0
        for index in lorenzOrder(input) {
            let next = cumulative + input.amounts[index] / total
            area += input.populations[index] / population * (next + cumulative)
            cumulative = next
        }
        return 1 - area
    }

    /// Theil T (GE(1)): `theil = sum_i s_i ln(s_i / pi_i)`, with `0 ln 0 = 0`.
    public static func theil(_ input: FairnessInput) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        return theil(shares: input.amounts.map { $0 / total }, populationShares: input.populations.map { $0 / population })
    }

    static func theil(shares: [Double], populationShares: [Double]) -> Double {
        zip(shares, populationShares).reduce(0.0) { sum, pair in pair.0 > 0 ? sum + pair.0 * Double.log(pair.0 / pair.1) : sum }
    }

    /// Theil's decomposition over groups g: `between = sum_g s_g ln(s_g / pi_g)` and
    /// `within = sum_g s_g T_g`, with `T_g` the Theil index of the regions of g on their shares
    /// within g; `between + within = theil`. `nil` without groups or without money.
    public static func theilDecomposition(_ input: FairnessInput) -> (between: Double, within: Double)? {
        guard let groups = input.groups else { return nil }
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        var members = [String: [Int]]()
        for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
        var between = 0.0, within = 0.0
        for group in members.keys.sorted() {
            let indices = members[group] ?? []
            let groupAmount = indices.reduce(0.0) { $0 + input.amounts[$1] }
            let groupPopulation = indices.reduce(0.0) { $0 + input.populations[$1] }
            let share = groupAmount / total, populationShare = groupPopulation / population
            guard share > 0 else { continue }
            between += share * Double.log(share / populationShare)
            within += share * theil(
                shares: indices.map { input.amounts[$0] / groupAmount }, populationShares: indices.map { input.populations[$0] / groupPopulation })
        }
        return (between, within)
    }

    /// Atkinson index with inequality aversion `e >= 0`:
    /// `1 - (sum_i pi_i (y_i / mu)^(1 - e))^(1 / (1 - e))`, and `1 - exp(sum_i pi_i ln y_i) / mu`
    /// for `e = 1`; 1 when some `y_i = 0` and `e >= 1` (a person with nothing).
    public static func atkinson(_ input: FairnessInput, epsilon: Double) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0, epsilon >= 0 else { return nil }
        let mu = total / population
        let perCapita = input.perCapita
        if epsilon >= 1, perCapita.contains(0) { return 1 }
        if epsilon == 1 {
            let logMean = zip(perCapita, input.populations).reduce(0.0) { $0 + $1.1 / population * Double.log($1.0) }
            return 1 - Double.exp(logMean) / mu
        }
        let power = 1 - epsilon
        let mean = zip(perCapita, input.populations).reduce(0.0) { $0 + $1.1 / population * Double.pow($1.0 / mu, power) }
        return 1 - Double.pow(mean, 1 / power)
    }

    /// Coefficient of variation of the per-capita amounts over persons:
    /// `cv = sqrt(sum_i pi_i (y_i - mu)^2) / mu`.
    public static func coefficientOfVariation(_ input: FairnessInput) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        let mu = total / population
        let variance = zip(input.perCapita, input.populations).reduce(0.0) { $0 + $1.1 / population * ($1.0 - mu) * ($1.0 - mu) }
        return variance.squareRoot() / mu
    }

    /// `max y / min y`; `nil` when the smallest per-capita amount is 0.
    public static func maxMinRatio(_ input: FairnessInput) -> Double? {
        let perCapita = input.perCapita
        guard let low = perCapita.min(), let high = perCapita.max(), low > 0 else { return nil }
        return high / low
    }

    /// Hoover index `1/2 sum_i |s_i - pi_i|`: the share of the money that would have to
    /// move to make the allocation purely per capita.
    public static func hoover(_ input: FairnessInput) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        return 0.5 * zip(input.amounts, input.populations).reduce(0.0) { $0 + abs($1.0 / total - $1.1 / population) }
    }

    /// Loosemore-Hanby index against the reference `r`: `1/2 sum_i |s_i - r_i / sum r|`.
    public static func loosemoreHanby(_ input: FairnessInput) -> Double? {
        guard let reference = input.reference else { return nil }
        let total = input.totalAmount, referenceTotal = reference.reduce(0, +)
        guard total > 0 else { return nil }
        return 0.5 * zip(input.amounts, reference).reduce(0.0) { $0 + abs($1.0 / total - $1.1 / referenceTotal) }
    }

    /// Suits index against the reference: regions sorted by reference per inhabitant
    /// ascending (equal values merged into one point), `X` the cumulative reference share
    /// and `Y` the cumulative amount share from (0, 0),
    /// `suits = 1 - 2 * sum_k (X_k - X_(k-1)) (Y_k + Y_(k-1)) / 2`: 0 when the money follows the
    /// reference exactly, above 0 when it is more concentrated on high-reference regions.
    public static func suits(_ input: FairnessInput) -> Double? {
        guard let reference = input.reference else { return nil }
        let total = input.totalAmount, referenceTotal = reference.reduce(0, +)
        guard total > 0 else { return nil }
        let intensity = input.regionsIndices.map { reference[$0] / input.populations[$0] }
        let order = input.regionsIndices.sorted { intensity[$0] != intensity[$1] ? intensity[$0] < intensity[$1] : $0 < $1 }
        var (x, y, area) = (0.0, 0.0, 0.0)
        var position = 0
        while position < order.count {
            var (referencePart, amountPart) = (0.0, 0.0)
            let level = intensity[order[position]]
            while position < order.count, intensity[order[position]] == level {
                referencePart += reference[order[position]]
                amountPart += input.amounts[order[position]]
                position += 1
            }
            let (nextX, nextY) = (x + referencePart / referenceTotal, y + amountPart / total)
            area += (nextX - x) * (nextY + y) / 2
            (x, y) = (nextX, nextY)
        }
        return 1 - 2 * area
    }

    /// The regions in Lorenz order: per-capita amount ascending, ties by code (table order).
    static func lorenzOrder(_ input: FairnessInput) -> [Int] {
        let perCapita = input.perCapita
        return input.regionsIndices.sorted { perCapita[$0] != perCapita[$1] ? perCapita[$0] < perCapita[$1] : $0 < $1 }
    }
}

extension FairnessInput {
    var regionsIndices: Range<Int> { codes.indices }
}
