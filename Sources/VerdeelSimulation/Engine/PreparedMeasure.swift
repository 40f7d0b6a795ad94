import RealModule
import VerdeelCore
import VerdeelModel
import VerdeelRandom

/// A measure ready for the engine: the per-draw shares of its key's criteria in draw
/// blocks, each block a contiguous K x (regions x block width) matrix for BLAS, and a fixed
/// share row for each component with its own key (block-major too). With a Dirichlet
/// perturbation the key's weights differ per draw, so the weighted shares are combined
/// here into one row with weight 1. Each criterion's mean share and their covariances over
/// the draws, per region, predict where a variant's quantiles fall.
struct PreparedMeasure: Sendable {
    enum PoolKey: Sendable {
        case measureKey
        case fixed([Double])
    }

    let planned: PlannedMeasure
    let index: Int
    let keyMatrix: [Double]
    let criteriaCount: Int
    let perturbedWeights: Bool
    let pools: [PoolKey]
    /// Per region, each criterion's mean share over the draws (`[r * K + k]`).
    let keyMeans: [Double]
    /// Per region, the covariances of the criteria's shares over the draws (`[(r * K + k) * K + l]`).
    let keyCovariances: [Double]
    /// Per pool with a fixed key, each region's mean share over the draws.
    let fixedMeans: [[Double]]
    /// The most weighted criteria of any of the measure's keys (its own, its components').
    var keyTermsCount: Int {
        ([planned.measure.key.terms.count] + planned.measure.components.map { $0.key?.terms.count ?? 0 }).max() ?? 0
    }
    /// A Dirichlet perturbation of the key's weights: its concentration and the run's seed.
    let dirichlet: (concentration: Double, seed: UInt64)?

    init(_ planned: PlannedMeasure, index: Int, criteria: [Criterion], shares: [[Double]], blocks: DrawBlocks, monteCarlo: MonteCarloPlan?) {
        let (draws, regions) = (blocks.draws, blocks.regions)
        self.planned = planned
        self.index = index
        let columns = draws * regions
        func row(_ criterion: Criterion) -> [Double] {
            shares[criteria.firstIndex { $0.name == criterion.name } ?? 0]
        }
        let terms = planned.measure.key.terms
        let keyRows: [[Double]]
        if let concentration = monteCarlo?.dirichlets.first(where: { $0.measure == planned.id })?.concentration, let seed = monteCarlo?.seed {
            let dirichlet = (concentration: concentration, seed: seed)
            self.dirichlet = dirichlet
            let rows = terms.map { row($0.criterion) }
            var combined = [Double](repeating: 0, count: columns)
            for d in 0..<draws {
                for (k, w) in Self.drawnWeights(dirichlet, terms: terms, measure: index, draw: d).enumerated() where w > 0 {
                    for r in 0..<regions { combined[r * draws + d] += w * rows[k][r * draws + d] }
                }
            }
            keyRows = [combined]
            perturbedWeights = true
        } else {
            dirichlet = nil
            keyRows = terms.map { row($0.criterion) }
            perturbedWeights = false
        }
        let k = keyRows.count
        criteriaCount = k
        var matrix = [Double](repeating: 0, count: k * columns)
        for (c, keyRow) in keyRows.enumerated() {
            for b in 0..<blocks.count {
                let (range, width, offset) = (blocks.range(b), blocks.width(b), k * blocks.offset(b) + c * regions * blocks.width(b))
                for r in 0..<regions {
                    for (j, d) in range.enumerated() { matrix[offset + r * width + j] = keyRow[r * draws + d] }
                }
            }
        }
        keyMatrix = matrix
        var means = [Double](repeating: 0, count: regions * k)
        var covariances = [Double](repeating: 0, count: regions * k * k)
        for r in 0..<regions {
            for c in 0..<k { means[r * k + c] = Self.mean(keyRows[c][(r * draws)..<((r + 1) * draws)]) }
            for c in 0..<k {
                for l in 0..<k {
                    var sum = 0.0
                    for d in 0..<draws {
                        sum += (keyRows[c][r * draws + d] - means[r * k + c]) * (keyRows[l][r * draws + d] - means[r * k + l])
                    }
                    covariances[(r * k + c) * k + l] = sum / Double(Swift.max(draws, 1))
                }
            }
        }
        keyMeans = means
        keyCovariances = covariances
        var fixedMeans = [[Double]]()
        pools = planned.measure.components.isEmpty ? [.measureKey] : planned.measure.components.map { component in
            guard let key = component.key else { return .measureKey }
            var fixed = [Double](repeating: 0, count: columns)
            for term in key.terms {
                let weight = term.weight.doubleValue
                let shares = row(term.criterion)
                for i in 0..<columns { fixed[i] += weight * shares[i] }
            }
            fixedMeans.append((0..<regions).map { r in Self.mean(fixed[(r * draws)..<((r + 1) * draws)]) })
            return .fixed(blocks.blockMajor(fixed))
        }
        self.fixedMeans = fixedMeans
    }

    /// Draw `d`'s key weights under the Dirichlet perturbation, `w_k = g_k / sum(g)` with
    /// `g_k ~ Gamma(concentration * w_k)`; `nil` without one.
    func drawnWeights(draw d: Int) -> [Double]? {
        dirichlet.map { Self.drawnWeights($0, terms: planned.measure.key.terms, measure: index, draw: d) }
    }

    private static func drawnWeights(_ dirichlet: (concentration: Double, seed: UInt64), terms: [Key.Term], measure index: Int, draw d: Int) -> [Double] {
        let generator = Philox(seed: dirichlet.seed)
        let gammas = terms.enumerated().map { k, term in
            let alpha = dirichlet.concentration * term.weight.doubleValue
            return alpha > 0 ? gamma(shape: alpha, generator: generator, draw: d, stream: 1_000_000 + index, item: k) : 0
        }
        let total = gammas.reduce(0, +)
        return gammas.map { $0 > 0 ? $0 / total : 0 }
    }

    private static func mean(_ values: ArraySlice<Double>) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The correlation over the draws of a region's key shares under two weightings (1 when
    /// either does not vary).
    func correlation(region r: Int, _ a: [Double], _ b: [Double]) -> Double {
        let k = criteriaCount
        func covariance(_ x: [Double], _ y: [Double]) -> Double {
            var sum = 0.0
            for c in 0..<k { for l in 0..<k { sum += x[c] * y[l] * keyCovariances[(r * k + c) * k + l] } }
            return sum
        }
        let (aa, bb) = (covariance(a, a), covariance(b, b))
        guard a.count == k, b.count == k, aa > 0, bb > 0 else { return 1 }
        return covariance(a, b) / (aa * bb).squareRoot()
    }

    /// Where a variant's amounts in one slot centre and how widely they spread, from the
    /// shares' moments: `amount = sum over pools of base + remainder x share`.
    func prediction(region r: Int, weights: [Double], pools: [(base: Double, remainder: Double)]) -> (mean: Double, spread: Double) {
        let k = criteriaCount
        var keyMean = 0.0, variance = 0.0
        for c in 0..<k {
            keyMean += weights[c] * keyMeans[r * k + c]
            for l in 0..<k { variance += weights[c] * weights[l] * keyCovariances[(r * k + c) * k + l] }
        }
        var mean = 0.0, scale = 0.0, fixed = 0
        for (pool, (base, remainder)) in zip(self.pools, pools) {
            switch pool {
            case .measureKey:
                mean += base + remainder * keyMean
                scale += remainder
            case .fixed:
                mean += base + remainder * fixedMeans[fixed][r]
                fixed += 1
            }
        }
        return (mean, abs(scale) * Swift.max(variance, 0).squareRoot())
    }

    /// A Gamma(shape, 1) draw by Marsaglia and Tsang's method, from counter-based uniforms
    /// of (draw, stream, item, attempt): the same draw always gives the same value.
    static func gamma(shape: Double, generator: Philox, draw: Int, stream: Int, item: Int) -> Double {
        let boosted = shape < 1
        let a = boosted ? shape + 1 : shape
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        for attempt in 0..<1_000 {
            let (u1, u2, u3, u4) = generator.uniforms(draw: draw, stream: stream, index: item << 12 | attempt)
            let z = (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
            let t = 1 + c * z
            guard t > 0 else { continue }
            let v = t * t * t
            if Double.log(u3) < 0.5 * z * z + d - d * v + d * Double.log(v) {
                return boosted ? d * v * Double.pow(u4, 1 / shape) : d * v
            }
        }
        return shape
    }
}
