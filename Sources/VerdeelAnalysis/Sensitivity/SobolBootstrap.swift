import VerdeelLinearAlgebra

/// Bootstrap half-widths of Sobol indices for several outputs at once: per output the
/// per-row features whose sums the estimators need (A + B, A^2 + B^2, B (AB_j - A),
/// (A - AB_j)^2 and, with second order, BA_j AB_k - A B), multiplied by the resample
/// counts in one BLAS product; then per resample b `V_b = sum(A^2 + B^2) / 2N -
/// (sum(A + B) / 2N)^2`, the estimators of ``SobolEstimators`` on the resampled sums, and
/// half-width `z sd_b` (sd with divisor R - 1), as SALib's `S1_conf` and `ST_conf`.
struct SobolBootstrap {
    let counts: BootstrapCounts
    let groups: Int
    let secondOrder: Bool
    let z: Double

    var pairs: [(Int, Int)] {
        secondOrder ? (0..<groups).flatMap { j in ((j + 1)..<max(j + 1, groups)).map { (j, $0) } } : []
    }

    var featureCount: Int { 2 + 2 * groups + pairs.count }

    /// Fills the half-widths of `indices` (one per output, in the order of `outputs`).
    func confidence(_ outputs: [SaltelliOutput?], into indices: inout [SobolIndices]) {
        let n = counts.rows, f = featureCount, columns = outputs.count * f
        var features = [Double](repeating: 0, count: n * columns)
        for (o, output) in outputs.enumerated() {
            guard let output else { continue }
            fill(output, into: &features, column: o * f, stride: columns)
        }
        var sums = [Double](repeating: 0, count: counts.resamples * columns)
        counts.counts.withUnsafeBufferPointer { c in
            features.withUnsafeBufferPointer { x in
                sums.withUnsafeMutableBufferPointer { s in
                    BlockProduct.multiply(m: counts.resamples, n: columns, k: n, a: c, b: x, into: s)
                }
            }
        }
        for (o, output) in outputs.enumerated() where output != nil && !indices[o].isConstant {
            halfWidths(sums, column: o * f, stride: columns, into: &indices[o])
        }
    }

    private func fill(_ output: SaltelliOutput, into features: inout [Double], column: Int, stride: Int) {
        let g = groups
        let pairs = self.pairs
        for i in output.a.indices {
            let a = output.a[i], b = output.b[i]
            let row = i * stride + column
            features[row] = a + b
            features[row + 1] = a * a + b * b
            for j in 0..<g {
                let change = output.ab[j][i] - a
                features[row + 2 + j] = b * change
                features[row + 2 + g + j] = change * change
            }
            for (p, (j, k)) in pairs.enumerated() {
                features[row + 2 + 2 * g + p] = output.ba[j][i] * output.ab[k][i] - a * b
            }
        }
    }

    private func halfWidths(_ sums: [Double], column: Int, stride: Int, into indices: inout SobolIndices) {
        let n = Double(counts.rows), g = groups
        let pairs = self.pairs
        var s1 = [[Double]](repeating: [], count: g), st = s1
        var s2 = [[Double]](repeating: [], count: pairs.count)
        for b in 0..<counts.resamples {
            let row = b * stride + column
            let mean = sums[row] / (2 * n)
            let variance = sums[row + 1] / (2 * n) - mean * mean
            let usable = variance > SobolEstimators.epsilon
            var first = [Double](repeating: 0, count: g)
            for j in 0..<g {
                first[j] = usable ? sums[row + 2 + j] / n / variance : 0
                s1[j].append(first[j])
                st[j].append(usable ? 0.5 * (sums[row + 2 + g + j] / n) / variance : 0)
            }
            for (p, (j, k)) in pairs.enumerated() {
                s2[p].append(usable ? sums[row + 2 + 2 * g + p] / n / variance - first[j] - first[k] : 0)
            }
        }
        indices.s1Confidence = s1.map { z * Self.sampleSD($0) }
        indices.stConfidence = st.map { z * Self.sampleSD($0) }
        for (p, (j, k)) in pairs.enumerated() { indices.s2Confidence?[j][k] = z * Self.sampleSD(s2[p]) }
    }

    /// Standard deviation with divisor count - 1 (0 for fewer than two values).
    static func sampleSD(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
