import RealModule

/// The generalised entropy family over persons (Shorrocks 1980; Cowell, "Measuring
/// Inequality"), with `s_i` the region's share of the money, `pi_i` its share of the people
/// and `q_i = s_i / pi_i = y_i / mu`:
///
/// - `GE(a) = (sum_i pi_i q_i^a - 1) / (a (a - 1))` for `a` other than 0 and 1;
/// - `GE(1) = sum_i s_i ln q_i`, Theil's T (``Inequality/theil(_:)``);
/// - `GE(0) = -sum_i pi_i ln q_i`, the mean log deviation;
/// - `GE(2) = (sum_i pi_i q_i^2 - 1) / 2`, half the squared coefficient of variation.
///
/// Every member splits exactly over groups g: `between` is GE(a) of the groups themselves
/// (shares `s_g`, `pi_g`: every person given their group's mean) and
/// `within = sum_g pi_g^(1 - a) s_g^a GE_g(a)`, with `GE_g` the index of g's regions on their
/// shares within g; `between + within = GE(a)`. Undefined (nil) when nothing is allocated,
/// and for `a <= 0` when a region with people gets nothing (its term is infinite).
extension Inequality {
    public static func entropy(_ input: FairnessInput, alpha: Double) -> Double? {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        return entropy(shares: input.amounts.map { $0 / total }, populationShares: input.populations.map { $0 / population }, alpha: alpha)
    }

    static func entropy(shares: [Double], populationShares: [Double], alpha: Double) -> Double? {
        var sum = 0.0
        for (share, people) in zip(shares, populationShares) {
            let q = share / people
            switch alpha {
            case 1: if share > 0 { sum += share * Double.log(q) }
            case 0:
                guard q > 0 else { return nil }
                sum -= people * Double.log(q)
            default:
                guard q > 0 || alpha > 0 else { return nil }
                sum += people * Double.pow(q, alpha)
            }
        }
        return alpha == 0 || alpha == 1 ? sum : (sum - 1) / (alpha * (alpha - 1))
    }

    /// GE(alpha)'s split over the grouping column's groups (see above); `nil` without groups
    /// or money. `between` is undefined (nil) for `alpha <= 0` when a group gets nothing,
    /// `within` wherever GE(alpha) is.
    public static func entropyDecomposition(_ input: FairnessInput, alpha: Double) -> (between: Double?, within: Double?)? {
        guard let groups = input.groups else { return nil }
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        var members = [String: [Int]]()
        for (index, group) in groups.enumerated() { members[group, default: []].append(index) }
        var (shares, people, within) = ([Double](), [Double](), Double?(0))
        for group in members.keys.sorted() {
            let indices = members[group] ?? []
            let groupAmount = indices.reduce(0.0) { $0 + input.amounts[$1] }
            let groupPopulation = indices.reduce(0.0) { $0 + input.populations[$1] }
            let (share, populationShare) = (groupAmount / total, groupPopulation / population)
            shares.append(share)
            people.append(populationShare)
            // A group without money adds nothing within (its weight is 0) unless alpha <= 0,
            // where the index is undefined.
            guard groupAmount > 0 else {
                if alpha <= 0 { within = nil }
                continue
            }
            let own = entropy(
                shares: indices.map { input.amounts[$0] / groupAmount }, populationShares: indices.map { input.populations[$0] / groupPopulation }, alpha: alpha)
            within = within.flatMap { sum in own.map { sum + Double.pow(populationShare, 1 - alpha) * Double.pow(share, alpha) * $0 } }
        }
        return (entropy(shares: shares, populationShares: people, alpha: alpha), within)
    }
}
