/// Latin hypercube samples: each of `count` equal strata of every dimension holds exactly
/// one point, placed uniformly within it; the strata are permuted independently per
/// dimension. Seeded through ``Philox`` so a seed fixes the sample.
public enum LatinHypercube {
    /// `count` points in [0, 1)^dimensions.
    public static func points(_ count: Int, dimensions: Int, seed: UInt64) -> [[Double]] {
        let generator = Philox(seed: seed, stream: 0x4C48_53)
        var result = Array(repeating: [Double](repeating: 0, count: dimensions), count: count)
        for dimension in 0..<dimensions {
            var strata = Array(0..<count)
            // Fisher-Yates with counter-based uniforms: draw i of stream `dimension`.
            for i in stride(from: count - 1, to: 0, by: -1) {
                let (u, _, _, _) = generator.uniforms(draw: i, stream: dimension, index: 0)
                strata.swapAt(i, min(Int(u * Double(i + 1)), i))
            }
            for i in 0..<count {
                let (_, jitter, _, _) = generator.uniforms(draw: i, stream: dimension, index: 1)
                result[i][dimension] = (Double(strata[i]) + jitter) / Double(count)
            }
        }
        return result
    }
}
