import VerdeelCore
import VerdeelTables

/// A kind of statistic over the draws that plugs into the Monte Carlo engine: for every
/// variant, measure and year it gets an accumulator, which is fed each block of draws
/// (every region's rounded amounts, with the per-draw shares of the criteria it asked for)
/// and then gives the rows of one result table. The engine knows nothing of what a
/// statistic computes; `docs/monte-carlo.md` ("Adding a statistic") says how to add one.
public protocol DrawStatistic: Sendable {
    /// The result table: its name (the output file is `NAME.csv`) and the columns after
    /// `variant`, declared here (kind, Dutch and English names, what each means).
    var table: StatisticTable.Header { get }
    /// Criteria whose per-draw shares `x_i / sum(x)` the accumulators read (e.g. the population).
    var criteria: [Criterion] { get }
    /// A fresh accumulator for one variant's measure and year.
    func accumulator(_ context: StatisticContext) -> any TableAccumulator
    /// Whether it also wants every measure's amounts added per region, year and draw (an
    /// accumulator with measure ``StatisticContext/allMeasures``) when there are several.
    var acrossMeasures: Bool { get }
    /// Memory the statistic keeps for a whole run besides its accumulators (default 0).
    func runBytes(regions: Int, draws: Int, threads: Int) -> Int
    /// Whether its accumulators read each draw's perturbed indicators
    /// (``DrawBlock/perturbedInput(_:criteria:region:draw:)``, in the plan's `perturb` order).
    var wantsPerturbedInputs: Bool { get }
    /// Whether its accumulators read each draw's amounts before rounding
    /// (``DrawBlock/unroundedEuros(region:draw:)``).
    var wantsUnroundedAmounts: Bool { get }
    /// Why what its accumulators made cannot be given (a file they were kept in failed), if so:
    /// asked after the run and once its rows are read.
    var failure: String? { get }
}

extension DrawStatistic {
    public var acrossMeasures: Bool { false }
    public var wantsPerturbedInputs: Bool { false }
    public var wantsUnroundedAmounts: Bool { false }
    public var failure: String? { nil }

    /// Memory the statistic keeps for a whole run besides its accumulators (e.g. tables per
    /// region and draw), counted in the run's memory estimate.
    public func runBytes(regions: Int, draws: Int, threads: Int) -> Int { 0 }
}

/// What an accumulator is for: the measure and year, its regions and their baseline amounts.
public struct StatisticContext: Sendable {
    /// The measure name of the sums over every measure.
    public static let allMeasures = "all"

    public let measure: String
    public let year: Int
    /// Region codes, table order.
    public let regions: [String]
    /// Region names, in the same order.
    public let regionNames: [String]
    /// Each region's amount in the baseline (the scenario without variants and draws), euros.
    public let baselineEuros: [Double]
    public let draws: Int
    /// Which of the run's worker threads feeds the accumulator (0 up to the thread count).
    /// One worker feeds its accumulators one at a time, so a statistic may give them
    /// scratch per worker; nothing computed may depend on it.
    public let worker: Int

    /// `regionNames` default to the codes.
    public init(measure: String, year: Int, regions: [String], regionNames: [String]? = nil, baselineEuros: [Double], draws: Int, worker: Int = 0) {
        (self.measure, self.year, self.regions, self.baselineEuros, self.draws) = (measure, year, regions, baselineEuros, draws)
        self.regionNames = regionNames ?? regions
        self.worker = worker
    }
}

/// One block of draws for one variant, measure and year: `euros(region:draw:)` is region r's
/// rounded amount in the block's draw j (global draw `start + j`), `share(criterion:region:draw:)`
/// the share of the statistic's criterion c. A statistic reads the engine's memory only
/// through these accessors, each index asserted in debug builds; the pointers themselves are
/// the package's (the engine's kernels).
public struct DrawBlock {
    /// Rounded amounts in units of rounding, `amounts[r * width + j]`.
    @usableFromInline package let amounts: BufferHandle<Double>
    /// Euros per unit of rounding.
    public let unitEuros: Double
    /// Draws in the whole run (the stride of a share row).
    public let draws: Int
    /// Draws in this block.
    public let width: Int
    /// The run's draw that is the block's first.
    public let start: Int
    public let regions: Int
    /// Per criterion of the statistic, its shares over the whole run, `[r * draws + d]`; then,
    /// for a statistic that wants them, each perturbed indicator's values, laid out alike.
    @usableFromInline package let shareRows: [BufferHandle<Double>]
    /// For a statistic that wants them, the amounts before rounding (after limits) in units
    /// of rounding, laid out as `amounts`.
    @usableFromInline package let unrounded: BufferHandle<Double>?

    package init(
        amounts: BufferHandle<Double>, unitEuros: Double, draws: Int, width: Int, start: Int, regions: Int, shareRows: [BufferHandle<Double>],
        unrounded: BufferHandle<Double>? = nil
    ) {
        assert(amounts.count >= regions * width, "a block of \(regions) x \(width) amounts in \(amounts.count)")
        assert((unrounded?.count ?? amounts.count) >= regions * width, "a block of \(regions) x \(width) amounts before rounding")
        (self.amounts, self.unitEuros, self.draws, self.width, self.start, self.regions) = (amounts, unitEuros, draws, width, start, regions)
        (self.shareRows, self.unrounded) = (shareRows, unrounded)
    }

    /// Region r's amount in draw j of the block, in units of rounding.
    @inlinable public func units(region r: Int, draw j: Int) -> Double {
        assert(r >= 0 && r < regions && j >= 0 && j < width, "region \(r) of \(regions), draw \(j) of \(width)")
        return amounts[r * width + j]
    }

    /// Region r's amount in draw j of the block, in euros.
    @inlinable public func euros(region r: Int, draw j: Int) -> Double { units(region: r, draw: j) * unitEuros }

    /// Region r's amount in draw j of the block before rounding, after limits, in euros (the
    /// `exact` of a plain run's allocation), for a statistic that
    /// ``DrawStatistic/wantsUnroundedAmounts``; NaN for one that does not.
    @inlinable public func unroundedEuros(region r: Int, draw j: Int) -> Double {
        assert(r >= 0 && r < regions && j >= 0 && j < width, "region \(r) of \(regions), draw \(j) of \(width)")
        guard let unrounded else { return .nan }
        return unrounded[r * width + j] * unitEuros
    }

    /// Region r's amounts in draws j, j + 1, ... of the block (one per lane of `Lanes`), in
    /// units of rounding; draws past the block's end repeat its last draw.
    @inlinable @inline(__always)
    public func lanes<Lanes: SIMD>(region r: Int, from j: Int, as _: Lanes.Type = Lanes.self) -> Lanes where Lanes.Scalar == Double {
        assert(r >= 0 && r < regions && j >= 0 && j < width, "region \(r) of \(regions), draw \(j) of \(width)")
        if j + Lanes.scalarCount <= width { return amounts.lanes(at: r * width + j) }
        var value = Lanes()
        for lane in 0..<Lanes.scalarCount { value[lane] = amounts[r * width + Swift.min(j + lane, width - 1)] }
        return value
    }

    /// The share of criterion c (in the statistic's `criteria` order) of region r in draw j.
    @inlinable public func share(criterion c: Int, region r: Int, draw j: Int) -> Double {
        assert(c >= 0 && c < shareRows.count && r >= 0 && r < regions && j >= 0 && j < width, "criterion \(c), region \(r), draw \(j)")
        return shareRows[c][r * draws + start + j]
    }

    /// The value of perturbed indicator q (the plan's `perturb` order) of region r in draw j,
    /// for a statistic that ``DrawStatistic/wantsPerturbedInputs`` and has `criteria`
    /// criteria: what the draw's criteria were evaluated on.
    @inlinable public func perturbedInput(_ q: Int, criteria: Int, region r: Int, draw j: Int) -> Double {
        share(criterion: criteria + q, region: r, draw: j)
    }
}

/// Accumulates one variant's measure and year over the blocks of draws, in draw order: the
/// engine's amount summaries (``AmountSummaries``) and every plugged-in statistic's.
public protocol DrawAccumulator: AnyObject {
    func add(_ block: DrawBlock)
    /// Why the statistic cannot be computed for this variant (it is then infeasible), if so.
    var failure: String? { get }
}

/// A plugged-in statistic's accumulator: its results are rows of the statistic's table.
public protocol TableAccumulator: DrawAccumulator {
    /// The result rows, after the last block (each row's cells after `variant`, one per
    /// declared column).
    func rows() -> [[Cell]]
    /// The result rows as the run keeps them until they are written: by default ``rows()``;
    /// a statistic of many rows keeps its numbers and makes each row when it is read.
    func producedRows() -> StatisticRows
}

extension TableAccumulator {
    public func producedRows() -> StatisticRows { StatisticRows(rows()) }
}

/// The rows a statistic produced, by variant: one table per statistic.
public struct StatisticTable: Sendable {
    /// The table's name (the file is `NAME.csv`), its title for people and its declared
    /// columns after `variant`.
    public struct Header: Sendable {
        public let name: String
        public let title: ResultTable.Title
        public let columns: [Column]

        public init(name: String, title: ResultTable.Title, columns: [Column]) {
            self.name = name
            self.title = title
            self.columns = columns
        }
    }

    public let header: Header
    /// `variantRows[variant - firstVariant]`: that variant's rows (none for an infeasible
    /// variant), made when read.
    public let variantRows: [StatisticRows]
    /// The first variant of `variantRows` (0, or the start of a shard's range).
    public let firstVariant: Int
    /// Why rows could not be made (``DrawStatistic/failure``), asked once they are read.
    public let failure: @Sendable () -> String?

    public init(header: Header, rows: [StatisticRows], firstVariant: Int = 0, failure: @escaping @Sendable () -> String? = { nil }) {
        self.header = header
        self.variantRows = rows
        self.firstVariant = firstVariant
        self.failure = failure
    }

    /// Every variant's rows, made (`rows[variant - firstVariant]`).
    public var rows: [[[Cell]]] { variantRows.map(\.all) }
}
