import Synchronization
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
        dimensions.reduce(1) { $0.multipliedReportingOverflow(by: $1.count).overflow ? Int.max : $0 * $1.count }
    }

    /// Every varied parameter, in column order.
    public var parameters: [VariantParameter] { dimensions.flatMap(\.parameters) }

    /// The parameter values of variant `index` (0-based; the first dimension varies slowest).
    public func values(ofVariant index: Int) -> [Double] {
        var remaining = index
        var chosen = [[Double]](repeating: [], count: dimensions.count)
        for position in dimensions.indices.reversed() {
            let count = dimensions[position].count
            chosen[position] = dimensions[position].point(remaining % count)
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
/// (one value per parameter each). Points are computed when asked for, never by the
/// checker: a grid's point from its index, a sample's or simplex's all at once on first
/// use, kept in one flat array. So `check` of a file asking for 50 million variants costs
/// nothing, and a run holds `count x parameters` doubles for them.
public struct VariantDimension: Sendable {
    public let parameters: [VariantParameter]
    /// The number of points.
    public let count: Int
    private let source: PointSource

    /// Points computed from their index.
    public init(parameters: [VariantParameter], count: Int, point: @escaping @Sendable (Int) -> [Double]) {
        self.parameters = parameters
        self.count = count
        source = PointSource(compute: point)
    }

    /// Points made all together on first use (`count` of them).
    public init(parameters: [VariantParameter], count: Int, all: @escaping @Sendable () -> [[Double]]) {
        self.parameters = parameters
        self.count = count
        source = PointSource(width: parameters.count, make: all)
    }

    /// Point `index` (0 ..< count).
    public func point(_ index: Int) -> [Double] { source.point(index) }

    /// The bytes a run holds for the points once made.
    public var storedBytes: Int { source.isStored ? count * parameters.count * 8 : 0 }
}

/// Where a dimension's points come from: a formula per index, or a list made once.
final class PointSource: Sendable {
    private let compute: (@Sendable (Int) -> [Double])?
    private let make: (@Sendable () -> [[Double]])?
    private let width: Int
    private let flat = Mutex<[Double]?>(nil)

    init(compute: @escaping @Sendable (Int) -> [Double]) {
        self.compute = compute
        make = nil
        width = 0
    }

    init(width: Int, make: @escaping @Sendable () -> [[Double]]) {
        compute = nil
        self.make = make
        self.width = width
    }

    var isStored: Bool { make != nil }

    func point(_ index: Int) -> [Double] {
        if let compute { return compute(index) }
        return flat.withLock { stored in
            if stored == nil { stored = (make?() ?? []).flatMap { $0 } }
            return Array(stored?[(index * width)..<((index + 1) * width)] ?? [])
        }
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
