/// SALib 1.6's estimators, from sums over the base points i = 1 ... N of one output's
/// normalised values (A, B, AB_j, BA_j per group j; see ``SobolFeatures``), V the variance
/// of A and B together (divisor 2N):
/// - first order (Saltelli et al. 2010): `S1_j = mean_i(B_i (AB_ji - A_i)) / V`;
/// - total (Jansen 1999): `ST_j = mean_i((A_i - AB_ji)^2) / (2 V)`;
/// - second order (Saltelli 2002): `S2_jk = mean_i(BA_ji AB_ki - A_i B_i) / V - S1_j - S1_k`.
/// The same formulas give a bootstrap resample's indices from its count-weighted sums.
/// As in SALib every index is 0 when V (or the range of A and B) is at most machine
/// epsilon. A group that does not move the output has AB_j = A exactly, so its sums, S1
/// and ST are exactly 0.
struct SobolEstimators {
    static let epsilon = Double.ulpOfOne
    let groups: Int
    let pairs: [(Int, Int)]

    /// Indices from one row of sums (`SobolFeatures` layout) over N base points.
    func indices(_ sums: UnsafeBufferPointer<Double>, at offset: Int, basePoints n: Double) -> (s1: [Double], st: [Double], s2: [Double]) {
        let mean = sums[offset] / (2 * n)
        let variance = sums[offset + 1] / (2 * n) - mean * mean
        guard variance > Self.epsilon else {
            return ([Double](repeating: 0, count: groups), [Double](repeating: 0, count: groups), [Double](repeating: 0, count: pairs.count))
        }
        let s1 = (0..<groups).map { sums[offset + 2 + $0] / n / variance }
        let st = (0..<groups).map { 0.5 * (sums[offset + 2 + groups + $0] / n) / variance }
        let s2 = pairs.enumerated().map { p, pair in
            sums[offset + 2 + 2 * groups + p] / n / variance - s1[pair.0] - s1[pair.1]
        }
        return (s1, st, s2)
    }
}
