/// The engine's first statistic over the draws (`summary.csv`): for one variant's measure
/// and year, every region's mean, sample standard deviation, exact type 7 quantiles (P5,
/// P50, P95) and share of draws below the baseline, as ``DrawSummary`` in euros.
///
/// Quantiles come from brackets predicted from where the same slot's quantiles fell for the
/// worker's last variant (``AmountHints``), so that a pass over the draws counts the amounts
/// below each bracket and tallies those inside it. A variant without hints, or whose
/// brackets miss (``missed``), runs again with every amount kept (``Pass/whole``), and exact
/// quantiles come from a histogram. Both ways give the same numbers.
final class AmountSummaries: DrawAccumulator {
    enum Pass {
        /// Brackets from the hints, `widening` times the usual width (a second try is 4).
        case bracketed(widening: Double)
        /// Every amount kept; quantiles from all of them.
        case whole
    }

    /// Draws from which quantiles come from brackets; with fewer, every variant runs whole.
    static let bracketDraws = 64

    private let unitEuros: Double
    private let regions: Int
    private let draws: Int
    private let pass: Pass
    private var slots: [SlotStatistics] = []
    /// The brackets' tallies, slot after slot (`tallyStarts[r]`).
    private var tallies: [UInt32]
    private var tallyStarts: [Int] = []
    /// ``Pass/whole``: the amounts of every draw, `[r * draws + d]`, in units.
    private var column: [Double]
    /// This variant's predicted mean and spread per region, for the next variant's brackets.
    private var predictions: [AmountHints.Hint] = []
    let failure: String? = nil

    /// `pools`: per pool of the year, each region's base and the remainder, in units (empty
    /// for a variant found infeasible); `weights` the key weights the prediction uses;
    /// `bounds` each region's floor and cap (units) when they hold every amount.
    init(
        measure: PreparedMeasure, weights: [Double], pools: [(base: [Double], remainder: Double)], firstSlot: Int,
        baselineUnits: ArraySlice<Double>, draws: Int, unitEuros: Double, pass: Pass, hints: AmountHints,
        bounds: (lower: [Double], upper: [Double])? = nil
    ) {
        regions = baselineUnits.count
        self.draws = draws
        self.unitEuros = unitEuros
        self.pass = pass
        let densities = Self.quantileDensities(draws: draws)
        for r in 0..<regions {
            let baseline = baselineUnits[baselineUnits.startIndex + r]
            guard draws >= Self.bracketDraws else {
                slots.append(SlotStatistics(baseline: baseline))
                continue
            }
            let (mean, spread) = measure.prediction(region: r, weights: weights, pools: pools.map { (base: $0.base[r], remainder: $0.remainder) })
            let hint = hints.slots[firstSlot + r]
            predictions.append(AmountHints.Hint(
                quantiles: [], mean: mean, spread: spread, weights: weights, offset: 0, step: 0,
                previous: hint.map { (offset: $0.offset, distance: AmountHints.distance($0.weights, weights)) }))
            var brackets: [(low: Double, high: Double)]?
            if case .bracketed(let widening) = pass, let hint {
                // The hint's quantiles, moved and scaled as the predicted mean and spread.
                // Standardised, each draw moves by about `drift` (in standard deviations) from
                // the hint's variant to this one; a quantile then moves by about
                // sqrt(drift / draws near it), and the bracket allows four times that. Draws
                // near the quantile also trade places, which moves it by a few gaps between
                // neighbouring draws (spread / density each) however small the drift: the
                // bracket allows four gaps (with 342 slots a variant otherwise nearly always
                // had one bracket that missed).
                let ratio = hint.spread > 0 && spread > 0 ? spread / hint.spread : 1
                let correlation = measure.correlation(region: r, hint.weights, weights)
                let drift = (2 * Swift.max(0, 1 - correlation)).squareRoot()
                // A floor or cap that binds moves money the prediction does not see: the
                // hint's offset (its mean as measured less as predicted) is expected to go on
                // changing as it did from the hint before it, in proportion to the distance
                // between the variants' weights, and the bracket allows four such steps.
                let (offset, step) = bounds == nil ? (0, 0) : (hint.offset, hint.step * hint.stepScale(to: weights))
                brackets = zip(hint.quantiles, densities).flatMap { q, density in
                    // A floor or cap holds many draws at its bound: the quantile stays there.
                    let moved = mean + offset + step + (q - hint.mean - offset) * ratio
                    let center = bounds.map { Swift.min(Swift.max(moved, $0.lower[r]), $0.upper[r]) } ?? moved
                    // A second try also allows half the quantile's own sampling noise.
                    let noise = widening > 1 ? 0.5 * Double(draws).squareRoot() / density : 0
                    let width = widening * (2 + 4 * abs(step) + spread * (0.002 + 4 * (drift / density).squareRoot() + 4 / density)) + spread * noise
                    return SlotStatistics.brackets(around: [center], width: width)
                }
            }
            slots.append(SlotStatistics(baseline: baseline, brackets: brackets))
        }
        var count = 0
        for slot in slots {
            tallyStarts.append(count)
            count += slot.tallySize
        }
        tallies = Array(repeating: 0, count: count)
        if case .whole = pass { column = Array(repeating: 0, count: regions * draws) } else { column = [] }
    }

    /// Draws per standard deviation at P5, P50 and P95 for normal amounts: n x the standard
    /// normal density there.
    static func quantileDensities(draws: Int) -> [Double] {
        [0.103_136, 0.398_942, 0.103_136].map { Double(Swift.max(draws, 1)) * $0 }
    }

    func add(_ block: DrawBlock) {
        let width = block.width
        tallies.withUnsafeMutableBufferPointer { t in
            let tallies = MutableBufferHandle(t)
            for r in 0..<regions {
                slots[r].add(
                    block.amounts.slice(from: r * width, count: width), count: width, start: block.start,
                    tallies: tallies.slice(from: tallyStarts[r], count: slots[r].tallySize))
            }
        }
        guard case .whole = pass else { return }
        for r in 0..<regions {
            for j in 0..<width { column[r * draws + block.start + j] = block.amounts[r * width + j] }
        }
    }

    /// Every region's summary in euros, or `nil` when a bracket missed the ranks it was
    /// meant to hold (the variant then runs again).
    func summaries(_ quantiles: inout ExactQuantiles) -> [DrawSummary]? {
        var summaries = [DrawSummary]()
        for r in 0..<regions {
            let q: [Double]?
            if case .whole = pass {
                q = column.withUnsafeBufferPointer { quantiles.quantiles(BufferHandle($0).slice(from: r * draws, count: draws)) }
            } else {
                q = tallies.withUnsafeBufferPointer { slots[r].bracketedQuantiles(tallies: BufferHandle($0).slice(from: tallyStarts[r], count: slots[r].tallySize)) }
            }
            guard let q else { return nil }
            let moments = slots[r].moments
            summaries.append(DrawSummary(
                mean: moments.mean * unitEuros, standardDeviation: moments.standardDeviation * unitEuros,
                p05: q[0] * unitEuros, p50: q[1] * unitEuros, p95: q[2] * unitEuros,
                probabilityBelowBaseline: moments.probabilityBelowBaseline))
            if r < predictions.count {
                predictions[r].quantiles = q
                predictions[r].offset = moments.mean - predictions[r].mean
                predictions[r].step = predictions[r].previous.map { predictions[r].offset - $0.offset } ?? 0
            }
        }
        return summaries
    }

    /// Leaves this variant's quantiles as the hints for the worker's next variant.
    func keepHints(in hints: AmountHints, firstSlot: Int) {
        for (r, prediction) in predictions.enumerated() { hints.slots[firstSlot + r] = prediction }
    }
}

/// One worker's hints: per slot (measure, year, region), where the quantiles fell for the
/// last variant it finished, with that variant's predicted mean and spread and its weights.
final class AmountHints {
    struct Hint {
        var quantiles: [Double]
        var mean: Double
        var spread: Double
        var weights: [Double]
        /// The variant's mean as measured less as predicted (units), and how much that
        /// changed from the hint it was run with (`previous`: that hint's offset and the
        /// distance between the two variants' weights).
        var offset: Double
        var step: Double
        var previous: (offset: Double, distance: Double)?

        /// The share of ``step`` expected from this variant to one with `weights`: the ratio
        /// of the distances between their weights (1 when the step's is 0).
        func stepScale(to weights: [Double]) -> Double {
            guard let previous, previous.distance > 0 else { return 1 }
            return AmountHints.distance(self.weights, weights) / previous.distance
        }
    }

    /// The Euclidean distance between two variants' key weights.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    var slots: [Hint?]

    init(slots: Int) {
        self.slots = Array(repeating: nil, count: slots)
    }
}
