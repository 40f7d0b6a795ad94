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
    /// The output's variance over the design's rows (divisor n): its weight in aggregated
    /// indices (``SobolAggregate``).
    public var variance: Double
    /// S1 and ST of every bootstrap resample (`[b][g]`, the resamples of the intervals;
    /// empty when the indices are 0 by definition), which aggregated indices are resampled by.
    public var s1Resamples: [[Double]]
    public var stResamples: [[Double]]

    public init(
        s1: [Double], s1Confidence: [Double], st: [Double], stConfidence: [Double], s2: [[Double]]?, s2Confidence: [[Double]]?, isConstant: Bool,
        variance: Double = 0, s1Resamples: [[Double]] = [], stResamples: [[Double]] = []
    ) {
        (self.s1, self.s1Confidence, self.st, self.stConfidence, self.s2, self.s2Confidence) = (s1, s1Confidence, st, stConfidence, s2, s2Confidence)
        (self.isConstant, self.variance, self.s1Resamples, self.stResamples) = (isConstant, variance, s1Resamples, stResamples)
    }

    static func zero(groups: Int, secondOrder: Bool, constant: Bool, variance: Double) -> SobolIndices {
        let zeros = [Double](repeating: 0, count: groups)
        let pairs = secondOrder ? [[Double]](repeating: zeros, count: groups) : nil
        return SobolIndices(s1: zeros, s1Confidence: zeros, st: zeros, stConfidence: zeros, s2: pairs, s2Confidence: pairs, isConstant: constant, variance: variance)
    }
}
