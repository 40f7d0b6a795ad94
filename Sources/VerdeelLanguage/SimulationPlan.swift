import VerdeelCore

/// What a scenario's `variants` and `montecarlo` blocks ask for, checked and in numbers:
/// the variant dimensions (crossed as a full factorial) and the perturbed inputs.
public struct SimulationPlan: Sendable {
    public let dimensions: [VariantDimension]
    public let monteCarlo: MonteCarloPlan?
    /// The alternative definitions of each varied criterion, with their text as written.
    public let alternatives: [String: [(expression: Expression, text: String)]]
    /// The vintages listed for each varied table.
    public let vintages: [String: [String]]

    public init(
        dimensions: [VariantDimension], monteCarlo: MonteCarloPlan?, alternatives: [String: [(expression: Expression, text: String)]] = [:],
        vintages: [String: [String]] = [:]
    ) {
        self.dimensions = dimensions
        self.monteCarlo = monteCarlo
        self.alternatives = alternatives
        self.vintages = vintages
    }

    /// The number of variants: the product of the dimensions' point counts (1 without variants).
    public var variantCount: Int {
        dimensions.reduce(1) { $0.multipliedReportingOverflow(by: $1.points.count).overflow ? Int.max : $0 * $1.points.count }
    }

    /// Every varied parameter, in column order.
    public var parameters: [VariantParameter] { dimensions.flatMap(\.parameters) }

    /// The parameter values of variant `index` (0-based; the first dimension varies slowest).
    public func values(ofVariant index: Int) -> [Double] {
        var remaining = index
        var chosen = [[Double]](repeating: [], count: dimensions.count)
        for position in dimensions.indices.reversed() {
            let count = dimensions[position].points.count
            chosen[position] = dimensions[position].points[remaining % count]
            remaining /= count
        }
        return chosen.flatMap { $0 }
    }
}

/// A parameter that variants change.
public enum VariantParameter: Hashable, Sendable, CustomStringConvertible {
    /// A criterion's weight (a fraction) in a measure's key.
    case weight(measure: String, criterion: String)
    /// A measure's fixed base per region, in euros.
    case base(measure: String)
    /// A measure's budget in the years `first...last`, in euros.
    case budget(measure: String, first: Int, last: Int)
    /// Which alternative definition (0-based) of a criterion.
    case criterion(String)
    /// Which of the listed vintages (0-based) of a table.
    case vintage(table: String)

    /// The column name in variants.csv, e.g. `jongerenwerk.weight.need`.
    public var description: String {
        switch self {
        case .weight(let measure, let criterion): return "\(measure).weight.\(criterion)"
        case .base(let measure): return "\(measure).base"
        case .budget(let measure, let first, let last): return "\(measure).budget.\(first == last ? "\(first)" : "\(first)-\(last)")"
        case .criterion(let name): return "criterion.\(name)"
        case .vintage(let table): return "vintage.\(table)"
        }
    }
}

/// One line of a variants block: its parameters and the points they take together
/// (one value per parameter each).
public struct VariantDimension: Sendable {
    public let parameters: [VariantParameter]
    public let points: [[Double]]

    public init(parameters: [VariantParameter], points: [[Double]]) {
        self.parameters = parameters
        self.points = points
    }
}

/// The Monte Carlo part of a run: how many draws, the seed, and the uncertain inputs.
public struct MonteCarloPlan: Sendable {
    public let draws: Int
    public let seed: UInt64
    public let perturbations: [Perturbation]
    public let dirichlets: [(measure: String, concentration: Double)]
    /// The correlations between perturbations (indices into `perturbations`), and where
    /// they were written, to report a matrix that is not positive definite.
    public let correlations: [(first: Int, second: Int, value: Double)]
    public let correlationSite: (file: SourceFile, range: SourceRange)?
    /// Whether to report rank statistics (ranks.csv).
    public let ranks: Bool

    public init(
        draws: Int, seed: UInt64, perturbations: [Perturbation], dirichlets: [(measure: String, concentration: Double)],
        correlations: [(first: Int, second: Int, value: Double)], correlationSite: (file: SourceFile, range: SourceRange)?, ranks: Bool = false
    ) {
        self.ranks = ranks
        self.draws = draws
        self.seed = seed
        self.perturbations = perturbations
        self.dirichlets = dirichlets
        self.correlations = correlations
        self.correlationSite = correlationSite
    }
}

/// One perturbed indicator: `value + spread * z` (normal), `value + spread * (2u - 1)`
/// (uniform), or `value * exp(sigma * z - sigma^2 / 2)` (lognormal, mean-preserving).
public struct Perturbation: Sendable {
    public enum Distribution: String, Sendable, CaseIterable { case normal, uniform, lognormal }
    public enum Spread: Sendable {
        /// A fraction of each region's value (1% is 0.01).
        case relative(Double)
        /// An expression over the nominal indicators, evaluated per region.
        case absolute(Expression)
    }

    public let indicator: String
    public let distribution: Distribution
    public let spread: Spread
    /// Where the statement is, to name it in run-time errors.
    public let file: SourceFile
    public let range: SourceRange

    public init(indicator: String, distribution: Distribution, spread: Spread, file: SourceFile, range: SourceRange) {
        self.indicator = indicator
        self.distribution = distribution
        self.spread = spread
        self.file = file
        self.range = range
    }
}
