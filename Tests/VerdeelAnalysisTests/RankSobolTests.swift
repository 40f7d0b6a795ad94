import Foundation
import Numerics
import Testing
import VerdeelAnalysis

/// The rank estimator of first-order Sobol indices (R's sobolrank), worked by hand and on a
/// model whose indices are known.
@Suite struct RankSobolTests {
    /// Four draws, x = (0.3, 0.1, 0.4, 0.2), so the order is draws 1, 3, 0, 2, and Y = (1, 2, 3, 4):
    /// the chain 2, 4, 1, 3 (closed) pairs 2x4 + 4x1 + 1x3 + 3x2 = 21, mean 21/4; mean(Y) = 2.5,
    /// Var(Y) = 5/3 (n - 1), so S = (5.25 - 6.25) / (5/3) = -0.6 (R: (mean(Y[o] * Y[o[c(2:n, 1)]]) - EY^2) / VarY).
    @Test func fourDrawsByHand() {
        let order = RankSobol.order([0.3, 0.1, 0.4, 0.2])
        #expect(order == [1, 3, 0, 2])
        let outputs = RankSobol.Outputs(values: [1, 2, 3, 4], outputs: 1)
        var workspace = RankSobol.Workspace()
        let found = RankSobol.indices(order: order, of: outputs, workspace: &workspace)
        #expect(found.whole[0].isApproximatelyEqual(to: -0.6, absoluteTolerance: 1e-15))
    }

    /// Equal inputs keep draw order (R's stable sort); a constant input or output has no index.
    @Test func tiesAndConstants() {
        #expect(RankSobol.order([2, 1, 2, 1]) == [1, 3, 0, 2])
        #expect(!RankSobol.varies([3, 3, 3]) && RankSobol.varies([3, 3, 4]))
        let outputs = RankSobol.Outputs(values: [5, 5, 5, 5], outputs: 1)
        var workspace = RankSobol.Workspace()
        #expect(RankSobol.indices(order: [0, 1, 2, 3], of: outputs, workspace: &workspace).whole[0].isNaN)
    }

    /// Y = X1 + 0.5 X2 (+ nothing of X3) with independent uniform inputs: Var = (1 + 0.25) / 12,
    /// S1 = 1 / 1.25 = 0.8, S2 = 0.25 / 1.25 = 0.2, S3 = 0. With 20,000 draws the estimates lie
    /// within their 95% intervals' reach (three half-widths) of the truth, and the intervals are
    /// about 1.96 x 0.7 / sqrt(20,000) wide or less.
    @Test func anAdditiveModel() {
        var generator = SplitMix(state: 42)
        let n = 20_000
        let x = (0..<3).map { _ in (0..<n).map { _ in generator.unit() } }
        let y = (0..<n).map { x[0][$0] + 0.5 * x[1][$0] }
        let outputs = RankSobol.Outputs(values: y, outputs: 1)
        var workspace = RankSobol.Workspace()
        for (input, truth) in zip(0..<3, [0.8, 0.2, 0.0]) {
            let found = RankSobol.indices(order: RankSobol.order(x[input]), of: outputs, workspace: &workspace)
            let conf = RankSobol.confidence((0..<RankSobol.subsamples).map { found.parts[$0] }, draws: n)
            #expect(conf > 0 && conf < 0.03, "input \(input): conf \(conf)")
            #expect(abs(found.whole[0] - truth) < 3 * conf + 1e-3, "input \(input): \(found.whole[0]) against \(truth) +- \(conf)")
        }
    }

    /// More regions than the statistic is computed for, or nothing perturbed: no statistic
    /// (the session then says so).
    @Test func tooManyRegionsAreSaid() throws {
        #expect(RankSobolOverDraws(indicators: ["inhabitants"], seed: 1, regions: RankSobolOverDraws.largestRegions + 1) == nil)
        #expect(RankSobolOverDraws(indicators: [], seed: 1, regions: 2) == nil)
        #expect(RankSobolOverDraws(indicators: ["inhabitants"], seed: 1, regions: 2) != nil)
    }

    /// A small, seeded generator for the test's inputs (SplitMix64).
    struct SplitMix {
        var state: UInt64
        mutating func unit() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }
}
