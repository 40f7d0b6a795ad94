import Numerics
import Testing
import VerdeelAnalysis

/// The Gini split by source (Lerman-Yitzhaki) and by region, worked out by hand.
@Suite struct GiniDecompositionTests {
    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil) {
        #expect((value ?? .nan).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-15, relativeTolerance: 1e-13), comment)
    }

    /// Populations 1 and 3; part a gives 2 euros to each region (2 and 2/3 per person), part
    /// b 0 and 6 (0 and 2 per person). Totals 2 and 8 euros, y = (2, 8/3), pi = (1/4, 3/4),
    /// mu = 2.5; pairwise G = 2 x 3/16 x 2/3 / (2 x 2.5) = 0.05. Mid-ranks by y: F = (1/8,
    /// 5/8). cov(a, F) = 1/4 x 2 x (-3/8) + 3/4 x 2/3 x 1/8 = -1/8, so C_a = -0.25 / 2.5 = -0.1;
    /// cov(b, F) = 3/4 x 2 x 1/8 = 3/16, C_b = 0.15; -0.1 + 0.15 = 0.05. S_a = 1 / 2.5 = 0.4,
    /// S_b = 1.5 / 2.5 = 0.6. a ranked by itself: F_a = (7/8, 3/8), cov(a, F_a) = 3/16 - 1/16 =
    /// 1/8, G_a = 2 x 1/8 / 1 = 0.25 (pairwise: 3/16 x 2 x 4/3 / 2 = 0.25), R_a = -1; b ranks as
    /// y: G_b = 2 x 3/16 / 1.5 = 0.25, R_b = 1. Elasticities -0.1 / 0.05 - 0.4 = -2.4 and 2.4.
    /// By region: c_1 = 1/4 x (3/4 x 2/3) / 5 = 0.025, c_2 = 3/4 x (1/4 x 2/3) / 5 = 0.025.
    @Test func twoPartsOnTwoRegions() throws {
        let parts = [
            GiniDecomposition.Part(perPerson: [2, 2.0 / 3], isBalanced: false),
            GiniDecomposition.Part(perPerson: [0, 2], isBalanced: false),
        ]
        let sources = try #require(GiniDecomposition.sources(populations: [1, 3], parts: parts))
        close(sources[0].contribution, -0.1)
        close(sources[1].contribution, 0.15)
        close(sources[0].share, 0.4)
        close(sources[1].share, 0.6)
        close(sources[0].gini, 0.25)
        close(sources[1].gini, 0.25)
        close(sources[0].correlation, -1)
        close(sources[1].correlation, 1)
        close(sources[0].elasticity, -2.4)
        close(sources[1].elasticity, 2.4)
        let regions = try #require(GiniDecomposition.regions(try FairnessInput(codes: ["A", "B"], amounts: [2, 8], populations: [1, 3])))
        close(regions[0], 0.025)
        close(regions[1], 0.025)
    }

    /// A part that is the same per person everywhere has Gini 0, no correlation (its own
    /// covariance is 0) and contributes exactly 0; a balanced part (here +1 and -1/3 per
    /// person: +1 and -1 euro) has share 0 and no Gini of its own, but its contribution
    /// counts. With a = (3, 3) per person the total is y = (4, 8/3), mu = 1/4 x 4 + 3/4 x 8/3
    /// = 3, pairwise G = 2 x 3/16 x 4/3 / (2 x 3) = 1/12; F = (7/8, 3/8), cov(r, F) = 1/4 x 1 x
    /// 3/8 + 3/4 x (-1/3) x (-1/8) = 1/8, C_r = 2 x 1/8 / 3 = 1/12: all of G. The constant
    /// part's share is 1, its elasticity -1 (G / 1% more of it falls by 1%), r's +1.
    @Test func constantAndBalancedParts() throws {
        let parts = [
            GiniDecomposition.Part(perPerson: [3, 3], isBalanced: false),
            GiniDecomposition.Part(perPerson: [1, -1.0 / 3], isBalanced: true),
        ]
        let sources = try #require(GiniDecomposition.sources(populations: [1, 3], parts: parts))
        #expect(sources[0].contribution == 0)
        #expect(sources[0].gini == 0)
        #expect(sources[0].correlation == nil)
        close(sources[0].share, 1)
        #expect(sources[1].share == 0)
        #expect(sources[1].gini == nil)
        close(sources[1].contribution, 1.0 / 12)
        close(sources[0].elasticity, -1)
        close(sources[1].elasticity, 1)
    }

    /// Equal values share one mid-rank: (1, 1, 2) with weights (1/4, 1/4, 1/2) rank (1/4,
    /// 1/4, 3/4), and the Gini by source still adds up: y = (1, 1, 2), mu = 1.5, pairwise G =
    /// 2 x (2 x 1/4 x 1/2 x 1) / (2 x 1.5) = 1/6.
    @Test func tiesShareTheirMidRank() throws {
        let parts = [GiniDecomposition.Part(perPerson: [1, 1, 2], isBalanced: false)]
        let sources = try #require(GiniDecomposition.sources(populations: [1, 1, 2], parts: parts))
        close(sources[0].contribution, 1.0 / 6)
        close(sources[0].gini, 1.0 / 6)
        close(sources[0].correlation, 1)
        close(sources[0].elasticity, 0)
    }

    @Test func nothingAllocatedHasNoSplit() throws {
        #expect(GiniDecomposition.sources(populations: [1, 3], parts: [.init(perPerson: [0, 0], isBalanced: false)]) == nil)
        #expect(GiniDecomposition.regions(try FairnessInput(codes: ["A", "B"], amounts: [0, 0], populations: [1, 3])) == nil)
    }
}
