/// One output's values in a Saltelli design, normalised as SALib normalises them
/// (`(y - mean) / sd` over all rows, sd with divisor n) and split into the columns of the
/// estimators: A, B, AB_g and BA_g per group g (see ``VerdeelDesign/SaltelliDesign``).
struct SaltelliOutput {
    let a: [Double]
    let b: [Double]
    let ab: [[Double]]
    let ba: [[Double]]
    /// Var of A and B together (divisor 2N).
    let variance: Double
    /// max - min of A and B together.
    let range: Double

    /// nil when every value of the output is the same (sd 0).
    init?(column y: UnsafeBufferPointer<Double>, groups: Int, secondOrder: Bool) {
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard sd > 0 else { return nil }
        let step = (secondOrder ? 2 : 1) * groups + 2
        let count = y.count / step
        func column(_ offset: Int) -> [Double] {
            (0..<count).map { (y[$0 * step + offset] - mean) / sd }
        }
        a = column(0)
        b = column(step - 1)
        ab = (0..<groups).map { column(1 + $0) }
        ba = secondOrder ? (0..<groups).map { column(1 + groups + $0) } : []
        let both = a + b
        let bothMean = both.reduce(0, +) / Double(both.count)
        variance = both.reduce(0) { $0 + ($1 - bothMean) * ($1 - bothMean) } / Double(both.count)
        range = (both.max() ?? 0) - (both.min() ?? 0)
    }
}
