import VerdeelRandom

/// Resampling N rows with replacement R times, as counts: `counts[b * N + i]` is how often
/// row i is in resample b (b = 1 ... R); row 0 of the counts is all ones (the sample
/// itself, for the point estimates). A statistic that is a sum over rows is then, for every
/// resample at once, one matrix product `counts x features` (BLAS), the same sums SALib
/// forms by indexing `A[r]` with the resampled rows r.
///
/// Resample b draws its N rows one after another: draw k is `floor(N u)` with u the
/// (k mod 4)-th uniform in (0, 1) of ``Philox`` counter `(b, 0xB007, k / 4)` for the seed.
struct BootstrapCounts {
    static let stream = 0xB007
    let resamples: Int
    let rows: Int
    let counts: [Double]

    /// Columns `first ..< first + count` of the counts (every row), contiguous.
    func block(_ first: Int, _ count: Int) -> [Double] {
        (0...resamples).flatMap { b in counts[(b * rows + first)..<(b * rows + first + count)] }
    }

    init(resamples: Int, rows: Int, seed: UInt64) {
        let generator = Philox(seed: seed)
        var counts = [Double](repeating: 0, count: (resamples + 1) * rows)
        for i in 0..<rows { counts[i] = 1 }
        for b in 0..<resamples {
            for block in 0..<((rows + 3) / 4) {
                let (u0, u1, u2, u3) = generator.uniforms(draw: b, stream: Self.stream, index: block)
                for (offset, u) in [u0, u1, u2, u3].enumerated() where block * 4 + offset < rows {
                    let row = min(rows - 1, Int(Double(rows) * u))
                    counts[(b + 1) * rows + row] += 1
                }
            }
        }
        self.resamples = resamples
        self.rows = rows
        self.counts = counts
    }
}
