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
    /// The generalised entropy index GE(alpha), and its split by the grouping column.
    case entropy(Double)
    case entropyBetween(Double)
    case entropyWithin(Double)
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
        case .entropy(let alpha): return "ge_\(Cell.shortest(alpha))"
        case .entropyBetween(let alpha): return "ge_\(Cell.shortest(alpha))_between"
        case .entropyWithin(let alpha): return "ge_\(Cell.shortest(alpha))_within"
        case .coefficientOfVariation: return "cv"
        case .maxMinRatio: return "max_min_ratio"
        case .hoover: return "hoover"
        case .loosemoreHanby: return "loosemore_hanby"
        case .suits: return "suits"
        }
    }
}

/// Which metrics a run reports, in this order: the inequality metrics, Theil's
/// decomposition when a grouping is named, the Atkinson indices for each epsilon, the
/// generalised entropy indices for each alpha (each with its decomposition when a grouping
/// is named), and the two reference metrics when a reference criterion is named.
public struct FairnessSettings: Sendable {
    public let epsilons: [Double]
    public let alphas: [Double]
    public let grouped: Bool
    public let referenced: Bool

    /// The Atkinson epsilons are 0.5, 1 and 2 and the alphas 0 and 2 unless the scenario
    /// names others.
    public init(
        epsilons: [Double] = FairnessPlan.defaultEpsilons, alphas: [Double] = FairnessPlan.defaultAlphas, grouped: Bool = false, referenced: Bool = false
    ) {
        self.epsilons = epsilons
        self.alphas = alphas
        self.grouped = grouped
        self.referenced = referenced
    }

    /// The settings of a fairness block.
    public init(_ plan: FairnessPlan) {
        self.init(epsilons: plan.epsilons, alphas: plan.alphas, grouped: plan.group != nil, referenced: plan.reference != nil)
    }

    public var metrics: [FairnessMetric] {
        [.gini, .theil] + (grouped ? [.theilBetween, .theilWithin] : []) + epsilons.map { .atkinson($0) }
            + alphas.flatMap { alpha in [.entropy(alpha)] + (grouped ? [.entropyBetween(alpha), .entropyWithin(alpha)] : []) }
            + [.coefficientOfVariation, .maxMinRatio, .hoover] + (referenced ? [.loosemoreHanby, .suits] : [])
    }

    /// Every metric's value (`nil` where undefined), in ``metrics`` order.
    public func values(_ input: FairnessInput) -> [Double?] {
        let decomposition = grouped ? Inequality.theilDecomposition(input) : nil
        let entropies = grouped ? Dictionary(alphas.map { ($0, Inequality.entropyDecomposition(input, alpha: $0)) }, uniquingKeysWith: { first, _ in first }) : [:]
        return metrics.map { metric in
            switch metric {
            case .gini: return Inequality.gini(input)
            case .theil: return Inequality.theil(input)
            case .theilBetween: return decomposition?.between
            case .theilWithin: return decomposition?.within
            case .atkinson(let epsilon): return Inequality.atkinson(input, epsilon: epsilon)
            case .entropy(let alpha): return Inequality.entropy(input, alpha: alpha)
            case .entropyBetween(let alpha): return entropies[alpha]??.between ?? nil
            case .entropyWithin(let alpha): return entropies[alpha]??.within ?? nil
            case .coefficientOfVariation: return Inequality.coefficientOfVariation(input)
            case .maxMinRatio: return Inequality.maxMinRatio(input)
            case .hoover: return Inequality.hoover(input)
            case .loosemoreHanby: return Inequality.loosemoreHanby(input)
            case .suits: return Inequality.suits(input)
            }
        }
    }
}
