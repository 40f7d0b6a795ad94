import VerdeelCore

/// What a scenario's `sensitivity` block asks for, checked: the method, the design's size
/// and seed, and the factors, each a range of one of the scenario's parameters or one of
/// its Monte Carlo perturbations. ``VerdeelAnalysis`` runs it.
public struct SensitivityPlan: Codable, Equatable, Sendable {
    public enum Method: String, Codable, Sendable { case sobol, morris }

    /// Double N until every half-width is below `width`, up to N = `maximum`.
    public struct StopRule: Codable, Equatable, Sendable {
        public let width: Double
        public let maximum: Int

        public init(width: Double, maximum: Int) {
            self.width = width
            self.maximum = maximum
        }
    }


    public let method: Method
    /// Base points N (Sobol) or trajectories r (Morris).
    public let count: Int
    public let seed: UInt64
    public let secondOrder: Bool
    public let bootstrap: Int
    /// Morris's grid levels p.
    public let levels: Int
    /// Whether a dummy factor is added.
    public let dummy: Bool
    public let factors: [SensitivityFactor]
    /// Where the analysis's method is written, to name it in messages.
    public let declaredAt: Site
    /// The stop rule, when N is chosen as the analysis goes.
    public var stopRule: StopRule?

    public init(
        method: Method, count: Int, seed: UInt64, secondOrder: Bool, bootstrap: Int, levels: Int, dummy: Bool, factors: [SensitivityFactor],
        declaredAt: Site, stopRule: StopRule? = nil
    ) {
        self.method = method
        self.count = count
        self.seed = seed
        self.secondOrder = secondOrder
        self.bootstrap = bootstrap
        self.levels = levels
        self.dummy = dummy
        self.factors = factors
        self.declaredAt = declaredAt
        self.stopRule = stopRule
    }
}

/// One factor of a sensitivity analysis: what it varies and over which range.
public struct SensitivityFactor: Codable, Equatable, Sendable {
    public enum Kind: Codable, Equatable, Sendable {
        /// A key weight (a fraction); the other weights keep their proportions.
        case weight(measure: String, criterion: String, low: Double, high: Double)
        /// A measure's whole key, uniform on the simplex of weights summing to 100%.
        case key(measure: String, criteria: [String])
        /// The fixed base per region, in euros.
        case base(measure: String, low: Double, high: Double)
        /// The budget of the years `first...last`, in euros.
        case budget(measure: String, first: Int, last: Int, low: Double, high: Double)
        /// A top-slice's fraction (percent) or amount in euros.
        case topslice(measure: String, name: String, low: Double, high: Double, fraction: Bool)
        /// A Monte Carlo perturbation, one coordinate per region.
        case perturbation(Perturbation, perRegion: Bool)
    }

    public let kind: Kind
    /// The group the factor is reported in, when a `group` block names one.
    public var group: String?

    public init(kind: Kind, group: String? = nil) {
        self.kind = kind
        self.group = group
    }

    /// The factor's name in the results, e.g. `jongerenwerk.weight.need`.
    public var name: String {
        switch kind {
        case .weight(let measure, let criterion, _, _): return "\(measure).weight.\(criterion)"
        case .key(let measure, _): return "\(measure).key"
        case .base(let measure, _, _): return "\(measure).base"
        case .budget(let measure, let first, let last, _, _): return "\(measure).budget.\(first == last ? "\(first)" : "\(first)-\(last)")"
        case .topslice(let measure, let name, _, _, _): return "\(measure).topslice.\(name)"
        case .perturbation(let perturbation, _): return "perturb.\(perturbation.indicator)"
        }
    }
}
