/// First-order Sobol indices from a sample that is already there (a Monte Carlo run's
/// draws), by ranks: the estimator of Gamboa, Klein and Lagnoux (2022, after Chatterjee
/// 2021) that R's `sensitivity::sobolrank` computes. With the draws sorted by the input x
/// (ties in draw order), `sigma(k)` the k-th of them and the chain closed (`sigma(n)` is
/// `sigma(0)`):
/// ```
/// S = (1/n sum_k Y_sigma(k) Y_sigma(k+1) - mean(Y)^2) / Var(Y)     (Var with n - 1)
/// ```
/// Neighbours in x have nearly the same `E[Y | x]`, so the mean of their products tends to
/// `E[E[Y | x]^2]`. The value is unchanged when a constant is taken from Y (each draw is
/// once first and once second in a pair), so it is computed on `Y - mean(Y)`.
///
/// Intervals come from K disjoint subsamples (draws `d` with `d K / n = b`), each with its
/// own chain in the same order: `conf = 1.96 sd(S_b) / sqrt(K)`, since the estimator's
/// variance falls as 1/n (subsampling, as `sobolrank`'s subsamples of 0.8 n; the
/// subsamples cost one more pass, a bootstrap would cost one per replicate).
public enum RankSobol {
    /// The subsamples of the intervals.
    public static let subsamples = 20
    /// The fewest draws per subsample for an interval.
    public static let smallestSubsample = 10

    /// The draws in ascending order of `x`, ties by draw.
    public static func order(_ x: [Double]) -> [Int32] {
        x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }.map { Int32($0) }
    }

    /// Whether `x` takes more than one value (a constant input has no index).
    public static func varies(_ x: [Double]) -> Bool {
        guard let first = x.first else { return false }
        return x.contains { $0 != first }
    }

    /// Four outputs at a time.
    public typealias Lanes = SIMD4<Double>

    /// Sums over one chain per output: for every output r, `sum_k Yc[sigma(k), r] Yc[sigma(k+1), r]`
    /// over the whole sample (`whole[r / 4][r % 4]`) and over each subsample's own chain
    /// (`parts[b * L + r / 4]`, L lanes per draw). `centred[d * L + r / 4]` holds output r in
    /// draw d less its mean over the draws (0 in the lanes past the last output).
    static func chainSums(order: [Int32], centred: [Lanes], lanes: Int, workspace: inout Workspace) {
        let n = order.count
        let k = subsamples
        for l in 0..<lanes { workspace.whole[l] = Lanes() }
        for index in workspace.parts.indices { workspace.parts[index] = Lanes() }
        for b in 0..<k { (workspace.first[b], workspace.last[b]) = (-1, -1) }
        guard n > 0 else { return }
        var previous = Int(order[n - 1])
        for position in 0..<n {
            let d = Int(order[position])
            let (from, to) = (previous * lanes, d * lanes)
            for l in 0..<lanes { workspace.whole[l] += centred[from + l] * centred[to + l] }
            let b = d * k / n
            let before = workspace.last[b]
            if before >= 0 {
                let (part, start) = (b * lanes, before * lanes)
                for l in 0..<lanes { workspace.parts[part + l] += centred[start + l] * centred[to + l] }
            } else {
                workspace.first[b] = d
            }
            workspace.last[b] = d
            previous = d
        }
        for b in 0..<k where workspace.first[b] >= 0 {
            let (part, from, to) = (b * lanes, workspace.last[b] * lanes, workspace.first[b] * lanes)
            for l in 0..<lanes { workspace.parts[part + l] += centred[from + l] * centred[to + l] }
        }
    }

    /// What the indices of many inputs share for one set of outputs: each output's centred
    /// values, variance and, per subsample, its draws' count, mean and variance.
    public struct Outputs {
        public let outputs: Int
        public let draws: Int
        /// Lanes per draw.
        let lanes: Int
        let centred: [Lanes]
        let variance: [Double]
        let partDraws: [Int]
        let partMean: [Double]
        let partVariance: [Double]

        /// `values[d * outputs + r]`: output r in draw d.
        public init(values: [Double], outputs: Int) {
            let n = outputs > 0 ? values.count / outputs : 0
            let k = RankSobol.subsamples
            var mean = [Double](repeating: 0, count: outputs)
            for d in 0..<n { for r in 0..<outputs { mean[r] += values[d * outputs + r] } }
            for r in 0..<outputs { mean[r] /= Double(Swift.max(n, 1)) }
            let lanes = (outputs + Lanes.scalarCount - 1) / Lanes.scalarCount
            var centred = [Lanes](repeating: Lanes(), count: n * lanes)
            for d in 0..<n {
                for r in 0..<outputs { centred[d * lanes + r / Lanes.scalarCount][r % Lanes.scalarCount] = values[d * outputs + r] - mean[r] }
            }
            var variance = [Double](repeating: 0, count: outputs)
            var partDraws = [Int](repeating: 0, count: k)
            var partSum = [Double](repeating: 0, count: k * outputs), partSquares = partSum
            for d in 0..<n {
                let b = d * k / n
                partDraws[b] += 1
                for r in 0..<outputs {
                    let value = values[d * outputs + r] - mean[r]
                    variance[r] += value * value
                    partSum[b * outputs + r] += value
                    partSquares[b * outputs + r] += value * value
                }
            }
            for r in 0..<outputs { variance[r] /= Double(Swift.max(n - 1, 1)) }
            var partMean = partSum, partVariance = partSum
            for b in 0..<k {
                let m = Double(partDraws[b])
                for r in 0..<outputs {
                    let index = b * outputs + r
                    partMean[index] = m > 0 ? partSum[index] / m : 0
                    partVariance[index] = m > 1 ? (partSquares[index] - m * partMean[index] * partMean[index]) / (m - 1) : 0
                }
            }
            (self.outputs, self.draws, self.lanes, self.centred, self.variance) = (outputs, n, lanes, centred, variance)
            (self.partDraws, self.partMean, self.partVariance) = (partDraws, partMean, partVariance)
        }
    }

    /// One input's index for every output and its subsamples' indices (NaN where an output
    /// does not vary), computed with the scratch of `workspace`.
    public static func indices(order: [Int32], of outputs: Outputs, workspace: inout Workspace) -> (whole: [Double], parts: [Double]) {
        let (count, n, k) = (outputs.outputs, outputs.draws, subsamples)
        let lanes = outputs.lanes
        workspace.prepare(lanes: lanes)
        chainSums(order: order, centred: outputs.centred, lanes: lanes, workspace: &workspace)
        var whole = [Double](repeating: .nan, count: count)
        var parts = [Double](repeating: .nan, count: k * count)
        for r in 0..<count where outputs.variance[r] > 0 {
            let (l, lane) = (r / Lanes.scalarCount, r % Lanes.scalarCount)
            whole[r] = workspace.whole[l][lane] / Double(n) / outputs.variance[r]
            for b in 0..<k {
                let index = b * count + r
                let m = Double(outputs.partDraws[b])
                guard outputs.partVariance[index] > 0, m > 0 else { continue }
                let mean = outputs.partMean[index]
                parts[index] = (workspace.parts[b * lanes + l][lane] / m - mean * mean) / outputs.partVariance[index]
            }
        }
        return (whole, parts)
    }

    /// `1.96 sd(S_b) / sqrt(K)` over the subsamples' indices `parts[b]`; NaN when any is
    /// missing or the subsamples are smaller than ``smallestSubsample``.
    public static func confidence(_ parts: [Double], draws: Int) -> Double {
        guard draws / subsamples >= smallestSubsample, parts.count == subsamples, parts.allSatisfy(\.isFinite) else { return .nan }
        let mean = parts.reduce(0, +) / Double(parts.count)
        let variance = parts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(parts.count - 1)
        return 1.96 * variance.squareRoot() / Double(parts.count).squareRoot()
    }

    /// Scratch that ``indices(order:of:workspace:)`` reuses from input to input.
    public struct Workspace {
        var whole = [Lanes](), parts = [Lanes](), first = [Int](), last = [Int]()

        public init() {}

        mutating func prepare(lanes: Int) {
            if whole.count != lanes { whole = [Lanes](repeating: Lanes(), count: lanes) }
            if parts.count != RankSobol.subsamples * lanes { parts = [Lanes](repeating: Lanes(), count: RankSobol.subsamples * lanes) }
            if first.count != RankSobol.subsamples {
                first = [Int](repeating: -1, count: RankSobol.subsamples)
                last = first
            }
        }
    }
}
