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
        case .coefficientOfVariation: return Words(dutch: "variatiecoëfficiënt", english: "coefficient of variation")
        case .maxMinRatio: return Words(dutch: "verhouding hoogste/laagste", english: "max/min ratio")
        case .hoover: return Words(dutch: "Hoover-index", english: "Hoover index")
        case .loosemoreHanby: return Words(dutch: "Loosemore-Hanby (t.o.v. behoefte)", english: "Loosemore-Hanby (against need)")
        case .suits: return Words(dutch: "Suits (t.o.v. behoefte)", english: "Suits (against need)")
        }
    }
}
