/// The per-base-point values whose sums the Sobol estimators need, for one output with
/// normalised values A, B, AB_j, BA_j: `A + B`, `A^2 + B^2`, then per group j
/// `B (AB_j - A)` and `(A - AB_j)^2`, then per pair j < k `BA_j AB_k - A B` (second order).
/// Summed with weight 1 they give the point estimates; weighted by a resample's counts,
/// that resample's (``BootstrapCounts``).
struct SobolFeatures {
    let groups: Int
    let secondOrder: Bool
    let pairs: [(Int, Int)]

    init(groups: Int, secondOrder: Bool) {
        self.groups = groups
        self.secondOrder = secondOrder
        pairs = secondOrder ? (0..<groups).flatMap { j in ((j + 1)..<max(j + 1, groups)).map { (j, $0) } } : []
    }

    var count: Int { 2 + 2 * groups + pairs.count }
    var rowsPerBasePoint: Int { (secondOrder ? 2 : 1) * groups + 2 }

    /// Writes the features of output column `o` for base point `i` (rows `i x step ...` of
    /// the table) at `features[offset...]`; returns min and max of its A and B.
    @inline(__always)
    func fill(
        _ table: UnsafeBufferPointer<Double>, columns: Int, basePoint i: Int, output o: Int, mean: Double, sd: Double,
        into features: UnsafeMutableBufferPointer<Double>, at offset: Int
    ) -> (low: Double, high: Double) {
        let first = i * rowsPerBasePoint
        func value(_ row: Int) -> Double { (table[(first + row) * columns + o] - mean) / sd }
        let a = value(0), b = value(rowsPerBasePoint - 1)
        features[offset] = a + b
        features[offset + 1] = a * a + b * b
        for j in 0..<groups {
            let change = value(1 + j) - a
            features[offset + 2 + j] = b * change
            features[offset + 2 + groups + j] = change * change
        }
        for (p, (j, k)) in pairs.enumerated() {
            features[offset + 2 + 2 * groups + p] = value(1 + groups + j) * value(1 + k) - a * b
        }
        return (min(a, b), max(a, b))
    }
}
