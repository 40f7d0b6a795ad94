import VerdeelCore
import VerdeelDesign
import VerdeelModel

/// A scenario's sensitivity factors as the design's coordinates: every coordinate is
/// uniform on [0, 1] and belongs to one factor (a group in the results).
/// - a weight, base, budget or top-slice: one coordinate u, value `low + u (high - low)`;
/// - a whole key over k criteria: k - 1 coordinates, whose sorted values cut [0, 1] into
///   the k weights (uniform on the simplex);
/// - a perturbation: one coordinate per region, its probability `p = 0.001 + 0.998 u` (the
///   central 99.8% of the distribution, so no coordinate maps to an infinite quantile),
///   `z = Phi^-1(p)` and the montecarlo block's rule; one group, or a group per region
///   with `per region` (named `perturb.INDICATOR.CODE`);
/// - the dummy: one coordinate nothing reads.
/// A factor inside a `group` block reports in that group.
struct SensitivityCoordinates {
    /// What one coordinate sets.
    enum Role {
        case factor(Int)
        case keyPart(factor: Int, part: Int)
        case perturbation(factor: Int, region: Int)
        case dummy
    }

    static let dummyName = "dummy"
    let problem: SensitivityProblem
    let roles: [Role]

    init(_ plan: SensitivityPlan, regions: [String]) throws(DesignError) {
        var factors = [SensitivityProblem.Factor]()
        var roles = [Role]()
        for (index, factor) in plan.factors.enumerated() {
            switch factor.kind {
            case .key(_, let criteria):
                for part in 0..<(criteria.count - 1) {
                    factors.append(.init(name: "\(factor.name).\(part + 1)", lower: 0, upper: 1, group: factor.group ?? factor.name))
                    roles.append(.keyPart(factor: index, part: part))
                }
            case .perturbation(_, let perRegion):
                for (r, code) in regions.enumerated() {
                    factors.append(.init(name: "\(factor.name).\(code)", lower: 0, upper: 1, group: perRegion ? "\(factor.name).\(code)" : factor.group ?? factor.name))
                    roles.append(.perturbation(factor: index, region: r))
                }
            default:
                factors.append(.init(name: factor.name, lower: 0, upper: 1, group: factor.group))
                roles.append(.factor(index))
            }
        }
        if plan.dummy {
            factors.append(.init(name: Self.dummyName, lower: 0, upper: 1))
            roles.append(.dummy)
        }
        problem = try SensitivityProblem(factors: factors)
        self.roles = roles
    }

    /// The group index of the dummy, if there is one.
    var dummyGroup: Int? { problem.groups.firstIndex(of: Self.dummyName) }
}
