import Foundation
import VerdeelCore

/// What a scenario's `variants` and `montecarlo` blocks ask for, checked and in numbers:
/// the variant dimensions (crossed as a full factorial) and the perturbed inputs.
public struct SimulationPlan: Codable, Equatable, Sendable {
    /// One alternative definition of a varied criterion, with its text as written.
    public struct Alternative: Codable, Equatable, Sendable {
        public let expression: VerdeelCore.Expression
        public let text: String

        public init(expression: VerdeelCore.Expression, text: String) {
            self.expression = expression
            self.text = text
        }
    }

    public let dimensions: [VariantDimension]
    public let monteCarlo: MonteCarloPlan?
    /// The alternative definitions of each varied criterion.
    public let alternatives: [String: [Alternative]]
    /// The vintages listed for each varied table.
    public let vintages: [String: [String]]

    public init(
        dimensions: [VariantDimension], monteCarlo: MonteCarloPlan?, alternatives: [String: [Alternative]] = [:],
        vintages: [String: [String]] = [:]
    ) {
        self.dimensions = dimensions
        self.monteCarlo = monteCarlo
        self.alternatives = alternatives
        self.vintages = vintages
    }

    /// The number of variants: the product of the dimensions' point counts (1 without variants).
    public var variantCount: Int {
        dimensions.reduce(1) { $0.multipliedReportingOverflow(by: $1.count).overflow ? Int.max : $0 * $1.count }
    }

    /// Every varied parameter, in column order.
    public var parameters: [VariantParameter] { dimensions.flatMap(\.parameters) }
}

/// A parameter that variants change.
public enum VariantParameter: Hashable, Codable, Sendable, CustomStringConvertible {
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

/// One line of a variants block: its parameters and the points they take together (one
/// value per parameter each), as data: which points, not how to make them. VerdeelDesign
/// makes them (`VariantDesign`): a grid's point from its index, a sample's or simplex's all
/// at once on first use. So checking a file that asks for 50 million variants costs nothing.
public struct VariantDimension: Codable, Equatable, Sendable {
    public let parameters: [VariantParameter]
    /// The number of points.
    public let count: Int
    public let points: VariantPoints

    public init(parameters: [VariantParameter], count: Int, points: VariantPoints) {
        self.parameters = parameters
        self.count = count
        self.points = points
    }

    /// Whether the points are made all at once and kept (a simplex or a sample), rather
    /// than computed from their index.
    public var isStored: Bool {
        switch points {
        case .simplex, .sample: return true
        case .alternatives, .values: return false
        }
    }

    /// The bytes a run holds for the points once made.
    public var storedBytes: Int { isStored ? count * parameters.count * 8 : 0 }
}

/// Which points a variant dimension takes.
public enum VariantPoints: Codable, Equatable, Sendable {
    /// Point `i` is `[i]`: the `i`-th alternative definition of a criterion, or vintage of a table.
    case alternatives
    /// Point `i` is `[values(i)]`: one parameter's list or range.
    case values(VariantValues)
    /// Every key over the dimension's criteria with weights on a grid of `steps` steps that
    /// sum to 100%, in lexicographic order of the weights (the first criterion's slowest).
    case simplex(steps: Int)
    /// A space-filling sample of the parameters' ranges.
    case sample(VariantSample)
}

/// The values of one varied parameter: a list, `count` values spread evenly from `low` to
/// `high` (both included), or `start + i * step` for `i` in `0..<count` (exact decimals).
public enum VariantValues: Codable, Equatable, Sendable {
    case list([Double])
    case evenly(low: Double, high: Double, count: Int)
    case stepped(start: Decimal, step: Decimal, count: Int)

    /// The number of values.
    public var count: Int {
        switch self {
        case .list(let values): return values.count
        case .evenly(_, _, let count), .stepped(_, _, let count): return count
        }
    }
}

/// A sample of `count` points over the ranges of some parameters: Latin hypercube (seeded)
/// or Sobol (the first points of the sequence). Point `i` of range `[low, high]` is
/// `low + u * (high - low)` for the unit sample `u`, rounded to a multiple of `unit` when the
/// parameter is a paid amount (a base or budget in the measure's unit of rounding).
public struct VariantSample: Codable, Equatable, Sendable {
    public enum Method: String, Codable, Sendable { case latinHypercube = "latin_hypercube", sobol }

    /// One parameter's range, and the unit its values are rounded to (`nil`: not rounded).
    public struct Range: Codable, Equatable, Sendable {
        public let low: Double
        public let high: Double
        public let unit: Double?

        public init(low: Double, high: Double, unit: Double?) {
            self.low = low
            self.high = high
            self.unit = unit
        }
    }

    public let method: Method
    public let count: Int
    public let seed: UInt64
    public let ranges: [Range]

    public init(method: Method, count: Int, seed: UInt64, ranges: [Range]) {
        self.method = method
        self.count = count
        self.seed = seed
        self.ranges = ranges
    }
}

/// The Monte Carlo part of a run: how many draws, the seed, and the uncertain inputs.
public struct MonteCarloPlan: Codable, Equatable, Sendable {
    /// A measure whose key weights are drawn from a Dirichlet distribution around the key.
    public struct Dirichlet: Codable, Equatable, Sendable {
        public let measure: String
        public let concentration: Double

        public init(measure: String, concentration: Double) {
            self.measure = measure
            self.concentration = concentration
        }
    }

    /// The correlation of two perturbations (indices into `perturbations`).
    public struct Correlation: Codable, Equatable, Sendable {
        public let first: Int
        public let second: Int
        public let value: Double

        public init(first: Int, second: Int, value: Double) {
            self.first = first
            self.second = second
            self.value = value
        }
    }

    public let draws: Int
    public let seed: UInt64
    public let perturbations: [Perturbation]
    public let dirichlets: [Dirichlet]
    /// The correlations between perturbations, and where they were written, to report a
    /// matrix that is not positive definite.
    public let correlations: [Correlation]
    public let correlationSite: Site?
    /// Whether to report rank statistics (ranks.csv).
    public let ranks: Bool

    public init(
        draws: Int, seed: UInt64, perturbations: [Perturbation], dirichlets: [Dirichlet] = [], correlations: [Correlation] = [],
        correlationSite: Site? = nil, ranks: Bool = false
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
public struct Perturbation: Codable, Equatable, Sendable {
    public enum Distribution: String, Codable, Sendable, CaseIterable { case normal, uniform, lognormal }
    public enum Spread: Codable, Equatable, Sendable {
        /// A fraction of each region's value (1% is 0.01).
        case relative(Double)
        /// An expression over the nominal indicators, evaluated per region.
        case absolute(VerdeelCore.Expression)
    }

    public let indicator: String
    public let distribution: Distribution
    public let spread: Spread
    /// Where the statement is, to name it in run-time errors.
    public let site: Site

    public init(indicator: String, distribution: Distribution, spread: Spread, site: Site) {
        self.indicator = indicator
        self.distribution = distribution
        self.spread = spread
        self.site = site
    }
}

extension Perturbation {
    /// The perturbed value of nominal `x` with `spread` at standard normal quantile `z`:
    /// `x + spread z` (normal), `x + spread (2 Phi(z) - 1)` (uniform), or
    /// `x exp(spread z - spread^2 / 2)` (lognormal, mean-preserving).
    public func value(_ x: Double, spread: Double, z: Double) -> Double {
        switch distribution {
        case .normal: return x + spread * z
        case .uniform:
            let u = 0.5 * Double.erfc(-z / 2.0.squareRoot())
            return x + spread * (2 * u - 1)
        case .lognormal: return x * Double.exp(spread * z - spread * spread / 2)
        }
    }

    /// Each region's spread on the nominal data: a relative spread times the value's size
    /// (sigma itself for lognormal), or the spread expression evaluated per region.
    public func spreads(over table: RegionTable) throws(ExpressionError) -> [Double] {
        let values = table.indicators[indicator] ?? []
        switch spread {
        case .relative(let fraction): return distribution == .lognormal ? values.map { _ in fraction } : values.map { abs($0) * fraction }
        case .absolute(let expression): return try expression.evaluate(over: table)
        }
    }
}
