import VerdeelModel
import VerdeelTables
import VerdeelSimulation

/// One fairness metric as it is named in outputs (`fairness.csv`, `fairness_summary.csv`).
public enum FairnessMetric: Hashable, Sendable, CustomStringConvertible {
    case gini
    case theil
    case theilBetween
    case theilWithin
    case atkinson(Double)
    case coefficientOfVariation
    case maxMinRatio
    case hoover
    case loosemoreHanby
    case suits

    public var description: String {
        switch self {
        case .gini: return "gini"
        case .theil: return "theil"
        case .theilBetween: return "theil_between"
        case .theilWithin: return "theil_within"
        case .atkinson(let epsilon): return "atkinson_\(Cell.shortest(epsilon))"
        case .coefficientOfVariation: return "cv"
        case .maxMinRatio: return "max_min_ratio"
        case .hoover: return "hoover"
        case .loosemoreHanby: return "loosemore_hanby"
        case .suits: return "suits"
        }
    }
}

/// Which metrics a run reports, in this order: the inequality metrics, Theil's
/// decomposition when a grouping is named, the Atkinson indices for each epsilon, and the
/// two reference metrics when a reference criterion is named.
public struct FairnessSettings: Sendable {
    public let epsilons: [Double]
    public let grouped: Bool
    public let referenced: Bool

    /// The Atkinson epsilons are 0.5, 1 and 2 unless the scenario names others.
    public init(epsilons: [Double] = FairnessPlan.defaultEpsilons, grouped: Bool = false, referenced: Bool = false) {
        self.epsilons = epsilons
        self.grouped = grouped
        self.referenced = referenced
    }

    public var metrics: [FairnessMetric] {
        [.gini, .theil] + (grouped ? [.theilBetween, .theilWithin] : []) + epsilons.map { .atkinson($0) }
            + [.coefficientOfVariation, .maxMinRatio, .hoover] + (referenced ? [.loosemoreHanby, .suits] : [])
    }

    /// Every metric's value (`nil` where undefined), in ``metrics`` order.
    public func values(_ input: FairnessInput) -> [Double?] {
        let decomposition = grouped ? Inequality.theilDecomposition(input) : nil
        return metrics.map { metric in
            switch metric {
            case .gini: return Inequality.gini(input)
            case .theil: return Inequality.theil(input)
            case .theilBetween: return decomposition?.between
            case .theilWithin: return decomposition?.within
            case .atkinson(let epsilon): return Inequality.atkinson(input, epsilon: epsilon)
            case .coefficientOfVariation: return Inequality.coefficientOfVariation(input)
            case .maxMinRatio: return Inequality.maxMinRatio(input)
            case .hoover: return Inequality.hoover(input)
            case .loosemoreHanby: return Inequality.loosemoreHanby(input)
            case .suits: return Inequality.suits(input)
            }
        }
    }
}
