/// Sobol indices of one output, per group (or factor): first order S1, total ST, their
/// bootstrap half-widths, and with second order S2 for every pair (j < k).
public struct SobolIndices: Sendable, Equatable {
    public var s1: [Double]
    public var s1Confidence: [Double]
    public var st: [Double]
    public var stConfidence: [Double]
    /// `s2[j][k]` for j < k; nil without second order.
    public var s2: [[Double]]?
    public var s2Confidence: [[Double]]?
    /// The output has the same value in every row: every index is 0 by definition.
    public var isConstant: Bool

    static func zero(groups: Int, secondOrder: Bool, constant: Bool) -> SobolIndices {
        let zeros = [Double](repeating: 0, count: groups)
        let pairs = secondOrder ? [[Double]](repeating: zeros, count: groups) : nil
        return SobolIndices(s1: zeros, s1Confidence: zeros, st: zeros, stConfidence: zeros, s2: pairs, s2Confidence: pairs, isConstant: constant)
    }
}
