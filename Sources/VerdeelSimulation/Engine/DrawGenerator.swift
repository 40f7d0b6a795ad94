import Dispatch
import RealModule
import Synchronization
import VerdeelCore
import VerdeelModel
import VerdeelLinearAlgebra
import VerdeelRandom

/// Turns a Monte Carlo plan into criterion shares for every draw: perturbs the indicators
/// (correlated through the Cholesky factor of the correlation matrix), evaluates every
/// criterion on each draw's own data, validates it, and stores its shares region-major
/// (`shares[c][r * draws + d]`). Draw `d` depends only on (seed, d), never on threads.
struct DrawGenerator {
    let table: RegionTable
    let criteria: [Criterion]
    let plan: MonteCarloPlan?
    let draws: Int

    /// Draws evaluated together: stacked evaluation amortises the expression tree walk.
    static let chunk = 256

    /// The number of chunks of draws ``shares(threads:steps:)`` generates.
    var chunkCount: Int { (draws + Self.chunk - 1) / Self.chunk }

    /// Every criterion's shares for every draw; `steps` (one per chunk) stops it when the
    /// run is cancelled, which then throws ``SimulationError/interrupted``.
    func shares(threads: Int = 1, steps: DrawSteps? = nil) throws(SimulationError) -> [[Double]] {
        let regions = table.count
        let count = draws * regions
        guard let plan, !plan.perturbations.isEmpty else {
            var result = criteria.map { _ in [Double](repeating: 0, count: count) }
            for (index, criterion) in criteria.enumerated() {
                let nominal: [Double]
                do { nominal = try criterion.shares(over: table) } catch { throw .invalidDraw(draw: 0, error) }
                for r in 0..<regions { for d in 0..<draws { result[index][r * draws + d] = nominal[r] } }
            }
            return result
        }
        let factor = try cholesky(plan)
        let spreads = try spreadValues(plan)
        let generator = Philox(seed: plan.seed)
        let p = plan.perturbations.count
        let nominal = plan.perturbations.map { table.indicators[$0.indicator] ?? [] }
        // Chunks of draws are independent (each draw's numbers depend only on the seed and
        // the draw), so threads take them in any order; the first failing draw is reported.
        let outputs = SharedRows(rows: criteria.count, count: count)
        let chunks = (draws + Self.chunk - 1) / Self.chunk
        let next = Atomic<Int>(0)
        let failures = Mutex<[Int: SimulationError]>([:])
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, chunks))) { _ in
            var normals = [Double]()
            var independent = [[Double]](repeating: [], count: p)
            while true {
                let chunk = next.add(1, ordering: .relaxed).oldValue
                guard chunk < chunks, failures.withLock({ $0.isEmpty }), steps?.next() ?? true else { break }
                do throws(SimulationError) {
                    try draw(chunk: chunk, factor: factor, spreads: spreads, nominal: nominal, generator: generator, normals: &normals, independent: &independent, into: outputs)
                } catch {
                    failures.withLock { $0[chunk] = error }
                }
            }
        }
        if let first = failures.withLock({ $0.min { $0.key < $1.key } }) { throw first.value }
        // A cancelled run's shares are incomplete: abandon them before copying them out.
        if steps?.control.isCancelled == true { throw .interrupted }
        return outputs.arrays()
    }

    private func draw(
        chunk: Int, factor: [Double], spreads: [[Double]], nominal: [[Double]], generator: Philox, normals: inout [Double], independent: inout [[Double]],
        into outputs: SharedRows
    ) throws(SimulationError) {
        let start = chunk * Self.chunk
        let size = min(Self.chunk, draws - start)
        let values = try criterionValues(
            start: start, size: size, factor: factor, spreads: spreads, nominal: nominal, generator: generator, normals: &normals, independent: &independent)
        for (index, criterion) in criteria.enumerated() {
            try store(values[index], criterion: criterion, start: start, size: size, into: outputs.row(index))
        }
    }

    /// Every criterion's values for draws `start..<start + size` (`[c][j * regions + r]`),
    /// unvalidated: the perturbed indicators, then the criteria evaluated on them.
    private func criterionValues(
        start: Int, size: Int, factor: [Double], spreads: [[Double]], nominal: [[Double]], generator: Philox, normals: inout [Double], independent: inout [[Double]]
    ) throws(SimulationError) -> [[Double]] {
        guard let plan else { return [] }
        let perturbed = perturbedIndicators(
            start: start, size: size, factor: factor, spreads: spreads, nominal: nominal, generator: generator, normals: &normals, independent: &independent)
        var columns = [String: [Double]]()
        for (q, perturbation) in plan.perturbations.enumerated() { columns[perturbation.indicator] = perturbed[q] }
        var result = [[Double]]()
        for criterion in criteria {
            do {
                result.append(try criterion.expression.evaluate(stacked: columns, groups: size, over: table))
            } catch {
                throw .invalidDraw(draw: start, .expression(criterion: criterion.name, error))
            }
        }
        return result
    }

    /// Each perturbed indicator's values in draws `start..<start + size` (`[q][j * regions + r]`).
    private func perturbedIndicators(
        start: Int, size: Int, factor: [Double], spreads: [[Double]], nominal: [[Double]], generator: Philox, normals: inout [Double], independent: inout [[Double]]
    ) -> [[Double]] {
        guard let plan else { return [] }
        let regions = table.count
        let p = plan.perturbations.count
        var perturbed = plan.perturbations.map { _ in [Double](repeating: 0, count: size * regions) }
        for j in 0..<size {
            let draw = start + j
            for stream in 0..<p {
                generator.normals(draw: draw, stream: stream, count: regions, into: &normals)
                independent[stream] = normals
            }
            for r in 0..<regions {
                for (q, perturbation) in plan.perturbations.enumerated() {
                    var z = 0.0
                    for k in 0...q { z += factor[q * p + k] * independent[k][r] }
                    perturbed[q][j * regions + r] = perturbation.value(nominal[q][r], spread: spreads[q][r], z: z)
                }
            }
        }
        return perturbed
    }

    /// Every perturbed indicator's value in every draw, region-major as the shares
    /// (`[q][r * draws + d]`): exactly the values the draw's criteria were evaluated on.
    func perturbedInputs() throws(SimulationError) -> [[Double]] {
        guard let plan, !plan.perturbations.isEmpty else { return [] }
        let regions = table.count
        let (factor, spreads, generator) = (try cholesky(plan), try spreadValues(plan), Philox(seed: plan.seed))
        let nominal = plan.perturbations.map { table.indicators[$0.indicator] ?? [] }
        var result = plan.perturbations.map { _ in [Double](repeating: 0, count: draws * regions) }
        var normals = [Double](), independent = [[Double]](repeating: [], count: plan.perturbations.count)
        for chunk in 0..<chunkCount {
            let start = chunk * Self.chunk, size = min(Self.chunk, draws - start)
            let values = perturbedIndicators(
                start: start, size: size, factor: factor, spreads: spreads, nominal: nominal, generator: generator, normals: &normals, independent: &independent)
            for q in values.indices {
                for j in 0..<size { for r in 0..<regions { result[q][r * draws + start + j] = values[q][j * regions + r] } }
            }
        }
        return result
    }

    /// One draw's criterion values exactly as ``shares(threads:steps:)`` computes them before
    /// dividing by their totals, by criterion name: what an exact rounding decision needs.
    /// Draw `d` depends only on (seed, d), so it is recomputed rather than kept.
    func values(draw: Int) throws(SimulationError) -> [String: [Double]] {
        var result = [String: [Double]]()
        guard let plan, !plan.perturbations.isEmpty else {
            for criterion in criteria {
                do { result[criterion.name] = try criterion.values(over: table) } catch { throw .invalidDraw(draw: draw, error) }
            }
            return result
        }
        var normals = [Double]()
        var independent = [[Double]](repeating: [], count: plan.perturbations.count)
        let values = try criterionValues(
            start: draw, size: 1, factor: try cholesky(plan), spreads: try spreadValues(plan),
            nominal: plan.perturbations.map { table.indicators[$0.indicator] ?? [] }, generator: Philox(seed: plan.seed),
            normals: &normals, independent: &independent)
        for (criterion, value) in zip(criteria, values) { result[criterion.name] = value }
        return result
    }

    /// Validates each draw's values like ``Criterion/shares(over:)`` and stores the shares.
    private func store(_ values: [Double], criterion: Criterion, start: Int, size: Int, into output: MutableBufferHandle<Double>) throws(SimulationError) {
        let regions = table.count
        for j in 0..<size {
            var total = 0.0
            for r in 0..<regions {
                let value = values[j * regions + r]
                if !value.isFinite { throw .invalidDraw(draw: start + j, .notFinite(criterion: criterion.name, region: table.regions[r].code, value: value)) }
                if value < 0 { throw .invalidDraw(draw: start + j, .negative(criterion: criterion.name, region: table.regions[r].code, value: value)) }
                total += value
            }
            guard total.isFinite else { throw .invalidDraw(draw: start + j, .totalNotFinite(criterion: criterion.name)) }
            guard total > 0 else { throw .invalidDraw(draw: start + j, .sumIsZero(criterion: criterion.name)) }
            for r in 0..<regions { output[r * draws + start + j] = values[j * regions + r] / total }
        }
    }

    /// Each perturbation's spread per region: relative spreads times the value, or the
    /// spread expression on the nominal data; lognormal keeps sigma.
    private func spreadValues(_ plan: MonteCarloPlan) throws(SimulationError) -> [[Double]] {
        var result = [[Double]]()
        for perturbation in plan.perturbations {
            let spreads: [Double]
            do { spreads = try perturbation.spreads(over: table) } catch {
                throw .badSpread(SiteMessage(at: perturbation.site, "the spread of '\(perturbation.indicator)' cannot be computed: \(error)"))
            }
            if case .absolute = perturbation.spread {
                for (r, spread) in spreads.enumerated() where !(spread >= 0 && spread.isFinite) {
                    throw .badSpread(SiteMessage(at: perturbation.site, "the spread of '\(perturbation.indicator)' is \(spread) for region \(table.regions[r].code); it must be a finite number >= 0", suggestion: "check the columns the spread uses for that region"))
                }
            }
            result.append(spreads)
        }
        return result
    }

    /// The lower Cholesky factor (row-major, p x p) of the perturbations' correlation matrix.
    private func cholesky(_ plan: MonteCarloPlan) throws(SimulationError) -> [Double] {
        let p = plan.perturbations.count
        var rows = (0..<p).map { i in (0..<p).map { j in i == j ? 1.0 : 0.0 } }
        for correlation in plan.correlations {
            guard (0..<p).contains(correlation.first), (0..<p).contains(correlation.second) else {
                throw .invalidPlan("a correlation names perturbation \(max(correlation.first, correlation.second) + 1) of \(p); correlate only perturbed inputs")
            }
            rows[correlation.first][correlation.second] = correlation.value
            rows[correlation.second][correlation.first] = correlation.value
        }
        guard !plan.correlations.isEmpty else { return rows.flatMap { $0 } }
        do {
            return try Matrix(rows).choleskyFactor().elements
        } catch {
            let names = plan.perturbations.map(\.indicator).joined(separator: ", ")
            let message = "the correlation matrix of \(names) is not positive definite, so no inputs can have these correlations (\(error))"
            // Correlations always come with the lines they were written on; the first
            // perturbation's line stands in should a plan be built without them.
            let site = plan.correlationSite ?? plan.perturbations[0].site
            throw .correlationNotPositiveDefinite(SiteMessage(at: site, message, suggestion: "lower some correlations; three inputs cannot be pairwise strongly correlated with opposite signs"))
        }
    }
}

/// Rows of doubles that threads fill in disjoint places (each chunk of draws its own).
private final class SharedRows: @unchecked Sendable {
    private let storage: [MutableBufferHandle<Double>]

    init(rows: Int, count: Int) {
        storage = (0..<rows).map { _ in .allocate(count, repeating: 0) }
    }

    deinit { for row in storage { row.deallocate() } }

    func row(_ index: Int) -> MutableBufferHandle<Double> { storage[index] }

    func arrays() -> [[Double]] { storage.map { Array($0.reading.buffer) } }
}
