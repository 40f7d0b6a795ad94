/// SALib 1.6's estimators on one output's normalised columns (``SaltelliOutput``), for
/// group j (N base points, V = Var(A, B)):
/// - first order (Saltelli et al. 2010): `S1_j = mean_i(B_i (AB_ji - A_i)) / V`;
/// - total (Jansen 1999): `ST_j = mean_i((A_i - AB_ji)^2) / (2 V)`;
/// - second order (Saltelli 2002): `S2_jk = mean_i(BA_ji AB_ki - A_i B_i) / V - S1_j - S1_k`.
/// As in SALib, every index is 0 when the range of A and B is at most machine epsilon or V
/// is. A group that does not move the output has AB_j = A exactly, so S1 = ST = 0 exactly.
enum SobolEstimators {
    static let epsilon = Double.ulpOfOne

    static func pointEstimates(_ output: SaltelliOutput, secondOrder: Bool) -> SobolIndices {
        let groups = output.ab.count
        var indices = SobolIndices.zero(groups: groups, secondOrder: secondOrder, constant: false)
        guard output.range > epsilon, output.variance > epsilon else { return indices }
        let n = Double(output.a.count)
        for j in 0..<groups {
            var first = 0.0, total = 0.0
            for i in output.a.indices {
                let change = output.ab[j][i] - output.a[i]
                first += output.b[i] * change
                total += change * change
            }
            indices.s1[j] = first / n / output.variance
            indices.st[j] = 0.5 * (total / n) / output.variance
        }
        if secondOrder {
            for j in 0..<groups {
                for k in (j + 1)..<max(j + 1, groups) {
                    var sum = 0.0
                    for i in output.a.indices { sum += output.ba[j][i] * output.ab[k][i] - output.a[i] * output.b[i] }
                    indices.s2?[j][k] = sum / n / output.variance - indices.s1[j] - indices.s1[k]
                }
            }
        }
        return indices
    }
}
