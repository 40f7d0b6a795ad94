import VerdeelCore
import VerdeelTables

/// A fairness metric's code read back (`gini`, `atkinson_0.5`) and its name for people.
extension FairnessMetric {
    /// The metric a code names, as ``description`` writes it; nil for any other text.
    public init?(code: String) {
        let prefix = "atkinson_"
        if code.hasPrefix(prefix) {
            guard let epsilon = Double(code.dropFirst(prefix.count)), epsilon.isFinite, Self.atkinson(epsilon).description == code else { return nil }
            self = .atkinson(epsilon)
            return
        }
        if code.hasPrefix("ge_") {
            let parts = code.dropFirst(3).split(separator: "_", maxSplits: 1)
            guard let first = parts.first, let alpha = Double(first), alpha.isFinite else { return nil }
            let metric: FairnessMetric? = parts.count == 1 ? .entropy(alpha) : parts[1] == "between" ? .entropyBetween(alpha) : parts[1] == "within" ? .entropyWithin(alpha) : nil
            guard let metric, metric.description == code else { return nil }
            self = metric
            return
        }
        let named: [FairnessMetric] = [.gini, .theil, .theilBetween, .theilWithin, .coefficientOfVariation, .maxMinRatio, .hoover, .loosemoreHanby, .suits]
        guard let metric = named.first(where: { $0.description == code }) else { return nil }
        self = metric
    }

    /// The metric's name in Dutch and English; the two measured against need say so.
    public var words: Words {
        switch self {
        case .gini: return Words("Gini")
        case .theil: return Words("Theil")
        case .theilBetween: return Words(dutch: "Theil tussen groepen", english: "Theil between groups")
        case .theilWithin: return Words(dutch: "Theil binnen groepen", english: "Theil within groups")
        case .atkinson(let epsilon):
            let english = Cell.shortest(epsilon)
            return Words(dutch: "Atkinson (ε = \(english.replacingOccurrences(of: ".", with: ",")))", english: "Atkinson (ε = \(english))")
        case .entropy(let alpha): return Self.entropyWords(alpha, dutch: "", english: "")
        case .entropyBetween(let alpha): return Self.entropyWords(alpha, dutch: " tussen groepen", english: " between groups")
        case .entropyWithin(let alpha): return Self.entropyWords(alpha, dutch: " binnen groepen", english: " within groups")
        case .coefficientOfVariation: return Words(dutch: "variatiecoëfficiënt", english: "coefficient of variation")
        case .maxMinRatio: return Words(dutch: "verhouding hoogste/laagste", english: "max/min ratio")
        case .hoover: return Words(dutch: "Hoover-index", english: "Hoover index")
        case .loosemoreHanby: return Words(dutch: "Loosemore-Hanby (t.o.v. behoefte)", english: "Loosemore-Hanby (against need)")
        case .suits: return Words(dutch: "Suits (t.o.v. behoefte)", english: "Suits (against need)")
        }
    }

    /// "GE(alpha)" with the part, and the names of GE(0) and GE(2).
    private static func entropyWords(_ alpha: Double, dutch: String, english: String) -> Words {
        let english = "GE(\(Cell.shortest(alpha)))" + english, dutch = "GE(\(Cell.shortest(alpha).replacingOccurrences(of: ".", with: ",")))" + dutch
        switch alpha {
        case 0: return Words(dutch: dutch + ", gemiddelde logaritmische afwijking", english: english + ", mean log deviation")
        case 2: return Words(dutch: dutch + ", halve gekwadrateerde variatiecoëfficiënt", english: english + ", half the squared coefficient of variation")
        default: return Words(dutch: dutch, english: english)
        }
    }
}
