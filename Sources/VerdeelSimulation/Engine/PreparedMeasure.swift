import RealModule
import VerdeelCore
import VerdeelLanguage
import VerdeelRandom

/// A measure ready for the engine: the per-draw shares of its key's criteria as one
/// contiguous K x (regions x draws) matrix for BLAS, and a fixed share row for each
/// component with its own key. With a Dirichlet perturbation the key's weights differ per
/// draw, so the weighted shares are combined here into one row with weight 1.
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

    init(_ planned: PlannedMeasure, index: Int, criteria: [Criterion], shares: [[Double]], draws: Int, regions: Int, monteCarlo: MonteCarloPlan?) {
        self.planned = planned
        self.index = index
        let columns = draws * regions
        func row(_ criterion: Criterion) -> [Double] {
            shares[criteria.firstIndex { $0.name == criterion.name } ?? 0]
        }
        let terms = planned.measure.key.terms
        if let concentration = monteCarlo?.dirichlets.first(where: { $0.measure == planned.id })?.concentration, let seed = monteCarlo?.seed {
            let generator = Philox(seed: seed)
            let rows = terms.map { row($0.criterion) }
            let alphas = terms.map { concentration * $0.weight.doubleValue }
            var combined = [Double](repeating: 0, count: columns)
            for d in 0..<draws {
                let gammas = alphas.enumerated().map { k, alpha in
                    alpha > 0 ? Self.gamma(shape: alpha, generator: generator, draw: d, stream: 1_000_000 + index, item: k) : 0
                }
                let total = gammas.reduce(0, +)
                for (k, g) in gammas.enumerated() where g > 0 {
                    let w = g / total
                    for r in 0..<regions { combined[r * draws + d] += w * rows[k][r * draws + d] }
                }
            }
            keyMatrix = combined
            criteriaCount = 1
            perturbedWeights = true
        } else {
            keyMatrix = terms.flatMap { row($0.criterion) }
            criteriaCount = terms.count
            perturbedWeights = false
        }
        pools = planned.measure.components.isEmpty ? [.measureKey] : planned.measure.components.map { component in
            guard let key = component.key else { return .measureKey }
            var fixed = [Double](repeating: 0, count: columns)
            for term in key.terms {
                let weight = term.weight.doubleValue
                let shares = row(term.criterion)
                for i in 0..<columns { fixed[i] += weight * shares[i] }
            }
            return .fixed(fixed)
        }
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
