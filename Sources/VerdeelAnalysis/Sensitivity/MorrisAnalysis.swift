import VerdeelDesign
import VerdeelRandom

/// Morris elementary effects of one output, per group (or factor): mu (mean effect),
/// mu* (mean absolute effect), sigma (sample sd of the effects; NaN for a group of more
/// than one factor, as SALib reports) and a bootstrap half-width of mu*.
public struct MorrisIndices: Sendable, Equatable {
    public var mu: [Double]
    public var muStar: [Double]
    public var sigma: [Double]
    public var muStarConfidence: [Double]
}

/// SALib 1.6's `morris.analyze` for every output column of one design at once. In each
/// trajectory the effect of factor i is `(y_high - y_low) / delta` with y_high the
/// output at the trajectory's point where factor i is at its higher level and y_low where
/// it is at its lower one, delta = p / (2 (p - 1)). mu, mu* and sigma are over the r
/// trajectories per factor, then averaged over a group's factors; the half-width of mu*
/// is `z sd` over R resamples of the r effects (trajectory t of resample b is
/// `floor(r u)`, u the (t mod 4)-th uniform of ``Philox`` counter `(b, 0x3E0E + i, t / 4)`
/// for factor i).
public struct MorrisAnalysis: Sendable {
    public let problem: SensitivityProblem
    public let levels: Int
    public let resamples: Int
    public let confidenceLevel: Double
    public let seed: UInt64

    public init(problem: SensitivityProblem, levels: Int = 4, resamples: Int = 100, confidenceLevel: Double = 0.95, seed: UInt64 = 0) throws(DesignError) {
        guard levels >= 2, levels % 2 == 0 else { throw DesignError("the number of levels p must be even and at least 2, not \(levels)") }
        try SampleSpread.checkBootstrap(resamples: resamples, confidenceLevel: confidenceLevel)
        self.problem = problem
        self.levels = levels
        self.resamples = resamples
        self.confidenceLevel = confidenceLevel
        self.seed = seed
    }

    /// Indices for every column of `outputs` (`rows x count`, row-major) of the design `inputs`.
    public func analyze(inputs: DesignMatrix, outputs: [Double], count: Int) throws(DesignError) -> [MorrisIndices] {
        let k = problem.factors.count, step = problem.groups.count + 1
        guard inputs.columns == k else { throw DesignError("the samples have \(inputs.columns) columns but the problem has \(k) factors; one column per factor") }
        guard inputs.rows * count == outputs.count else { throw DesignError("the samples have \(inputs.rows) rows but the outputs \(count == 0 ? 0 : outputs.count / count); one output row per sample row") }
        guard inputs.rows % step == 0, inputs.rows / step >= 2 else {
            throw DesignError("\(inputs.rows) rows do not fit Morris trajectories of \(problem.groups.count) groups: the rows must be r x (G + 1) = r x \(step) with r >= 2")
        }
        let delta = Double(levels) / (2 * Double(levels - 1))
        try checkSteps(inputs, step: step, delta: delta)
        let moves = try moveSteps(inputs, step: step)
        let z = NormalQuantile.of(0.5 + confidenceLevel / 2)
        let generator = Philox(seed: seed)
        return (0..<count).map { o in
            // An output beyond 1e100 is divided by its largest magnitude first, so that its
            // differences and squares stay finite; the summaries scale back linearly.
            let largest = stride(from: o, to: outputs.count, by: count).reduce(0.0) { Swift.max($0, abs(outputs[$1])) }
            let scale = largest > 1e100 && largest.isFinite ? largest : 1
            let effects = moves.map { factor in
                factor.map { move in
                    let high = outputs[move.high * count + o] / scale, low = outputs[move.low * count + o] / scale
                    return (high - low) / delta
                }
            }
            let indices = summary(effects, z: z, generator: generator)
            guard scale != 1 else { return indices }
            return MorrisIndices(
                mu: indices.mu.map { $0 * scale }, muStar: indices.muStar.map { $0 * scale }, sigma: indices.sigma.map { $0 * scale },
                muStarConfidence: indices.muStarConfidence.map { $0 * scale })
        }
    }

    /// Every step of a trajectory moves exactly one group, each of its factors by the grid's
    /// step `delta = p / (2 (p - 1))` of its range (as `--levels p` samples it); row numbers
    /// in messages count the design's rows from 1.
    private func checkSteps(_ inputs: DesignMatrix, step: Int, delta: Double) throws(DesignError) {
        for row in 0..<inputs.rows where row % step != 0 {
            var moved = Set<Int>()
            for (i, factor) in problem.factors.enumerated() {
                let change = abs(inputs[row, i] - inputs[row - 1, i]), width = factor.upper - factor.lower
                guard change > 1e-9 * Swift.max(abs(width), 1) else { continue }
                guard abs(change - delta * width) <= 1e-6 * abs(width) else {
                    throw DesignError("row \(row + 1) moves factor '\(factor.name)' by \(change), not the step \(delta * width) of \(levels) levels; give the --levels the samples were made with")
                }
                moved.insert(problem.groupOfFactor[i])
            }
            guard moved.count == 1 else {
                throw DesignError("row \(row + 1) moves \(moved.isEmpty ? "no factor" : "\(moved.count) groups") from the row before; each step of a Morris trajectory moves one group: the samples are not Morris trajectories of this problem")
            }
        }
    }

    /// For every factor and trajectory the rows where it is high and low.
    private func moveSteps(_ inputs: DesignMatrix, step: Int) throws(DesignError) -> [[(high: Int, low: Int)]] {
        let trajectories = inputs.rows / step
        var moves = [[(high: Int, low: Int)]](repeating: [], count: problem.factors.count)
        for t in 0..<trajectories {
            for i in 0..<problem.factors.count {
                var found: (high: Int, low: Int)?
                for s in 1..<step {
                    let row = t * step + s
                    let change = inputs[row, i] - inputs[row - 1, i]
                    if change > 0 { found = (row, row - 1) } else if change < 0 { found = (row - 1, row) }
                    if found != nil { break }
                }
                guard let found else {
                    throw DesignError("factor '\(problem.factors[i].name)' does not move in trajectory \(t + 1) (rows \(t * step + 1)-\(t * step + step)); the samples are not Morris trajectories of this problem")
                }
                moves[i].append(found)
            }
        }
        return moves
    }

    private func summary(_ effects: [[Double]], z: Double, generator: Philox) -> MorrisIndices {
        let r = effects.first?.count ?? 0
        let mu = effects.map { $0.reduce(0, +) / Double(r) }
        let muStar = effects.map { $0.reduce(0) { $0 + abs($1) } / Double(r) }
        let sigma = effects.map { SampleSpread.sd($0) }
        let confidence = effects.enumerated().map { i, values in
            let means = (0..<resamples).map { b in
                var sum = 0.0
                for block in 0..<((r + 3) / 4) {
                    let (u0, u1, u2, u3) = generator.uniforms(draw: b, stream: 0x3E0E + i, index: block)
                    for (offset, u) in [u0, u1, u2, u3].enumerated() where block * 4 + offset < r {
                        sum += abs(values[min(r - 1, Int(Double(r) * u))])
                    }
                }
                return sum / Double(r)
            }
            return z * SampleSpread.sd(means)
        }
        let members = problem.groups.indices.map { g in problem.groupOfFactor.indices.filter { problem.groupOfFactor[$0] == g } }
        func grouped(_ values: [Double]) -> [Double] {
            members.map { m in m.reduce(0) { $0 + values[$1] } / Double(m.count) }
        }
        return MorrisIndices(
            mu: grouped(mu), muStar: grouped(muStar),
            sigma: members.map { $0.count == 1 ? sigma[$0[0]] : .nan },
            muStarConfidence: grouped(confidence))
    }
}
