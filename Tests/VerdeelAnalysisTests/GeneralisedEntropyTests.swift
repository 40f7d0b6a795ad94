import Foundation
import Numerics
import Testing
import VerdeelAnalysis

/// The generalised entropy family worked out by hand (values derived in the comments).
@Suite struct GeneralisedEntropyTests {
    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil) {
        #expect((value ?? .nan).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-14, relativeTolerance: 1e-13), comment)
    }

    /// Populations 1 and 3 with 1 and 3 per person: mu = 2.5, pi = (1/4, 3/4), q = y / mu =
    /// (0.4, 1.2). GE(2) = (0.25 x 0.16 + 0.75 x 1.44 - 1) / 2 = 0.12 / 2 = 0.06 (= cv^2 / 2,
    /// cv^2 = 0.25 x 0.36 + 0.75 x 0.04 = 0.12); GE(0) = -(0.25 ln 0.4 + 0.75 ln 1.2);
    /// GE(1) = 0.1 ln 0.4 + 0.9 ln 1.2, Theil's; GE(-1) = (0.25 x 2.5 + 0.75 / 1.2 - 1) / 2 =
    /// 0.125; GE(3) = (0.25 x 0.064 + 0.75 x 1.728 - 1) / 6 = 0.312 / 6 = 0.052.
    @Test func theFamilyOnTwoRegions() throws {
        let two = try FairnessInput(codes: ["A", "B"], amounts: [1, 9], populations: [1, 3])
        close(Inequality.entropy(two, alpha: 2), 0.06)
        close(Inequality.entropy(two, alpha: 0), -(0.25 * log(0.4) + 0.75 * log(1.2)))
        close(Inequality.entropy(two, alpha: 1), 0.1 * log(0.4) + 0.9 * log(1.2))
        close(Inequality.entropy(two, alpha: -1), 0.125)
        close(Inequality.entropy(two, alpha: 3), 0.052)
    }

    /// A region with nothing: GE(0) and GE(-1) are infinite, so empty; GE(2) of q = (0, 4/3)
    /// with pi = (1/4, 3/4) is (0.75 x 16/9 - 1) / 2 = 1/6. Nothing at all: empty.
    @Test func nothingForSomeoneOrForAll() throws {
        let some = try FairnessInput(codes: ["A", "B"], amounts: [0, 10], populations: [1, 3])
        #expect(Inequality.entropy(some, alpha: 0) == nil && Inequality.entropy(some, alpha: -1) == nil)
        close(Inequality.entropy(some, alpha: 2), 1.0 / 6)
        let none = try FairnessInput(codes: ["A", "B"], amounts: [0, 0], populations: [1, 3])
        #expect(Inequality.entropy(none, alpha: 2) == nil)
    }

    /// Groups n (A: 1 person with 1, B: 3 with 3 each) and s (C: 2 with 1, D: 2 with 3):
    /// P = 8, total 18, mu = 2.25. Groups: s_n = 10/18 = 5/9, s_s = 4/9, pi_n = pi_s = 1/2.
    /// GE(2): whole = (32/27 - 1) / 2 = 5/54 (sum pi q^2 = (16 + 432 + 32 + 288) / 648);
    /// between = (1/2 (100/81 + 64/81) - 1) / 2 = 1/162; within = 2 x 25/81 x 0.06 (n: as
    /// above) + 2 x 16/81 x 0.125 (s: q = 0.5, 1.5) = 7/81; 1/162 + 14/162 = 15/162 = 5/54.
    /// GE(0): between = -1/2 (ln 10/9 + ln 8/9) = 1/2 ln(81/80); whole = -(3/8 ln 4/9 + 5/8 ln 4/3).
    @Test func theSplitOverGroupsAddsUp() throws {
        let four = try FairnessInput(codes: ["A", "B", "C", "D"], amounts: [1, 9, 2, 6], populations: [1, 3, 2, 2], groups: ["n", "n", "s", "s"])
        close(Inequality.entropy(four, alpha: 2), 5.0 / 54)
        let two = try #require(Inequality.entropyDecomposition(four, alpha: 2))
        close(two.between ?? .nan, 1.0 / 162)
        close(two.within ?? .nan, 7.0 / 81)
        let whole = -(3.0 / 8 * log(4.0 / 9) + 5.0 / 8 * log(4.0 / 3))
        close(Inequality.entropy(four, alpha: 0), whole)
        let zero = try #require(Inequality.entropyDecomposition(four, alpha: 0))
        close(zero.between ?? .nan, 0.5 * log(81.0 / 80))
        close(zero.within ?? .nan, 0.5 * (-(0.25 * log(0.4) + 0.75 * log(1.2))) + 0.5 * (-0.5 * log(0.75)))
        close((zero.between ?? .nan) + (zero.within ?? .nan), whole)
        let one = try #require(Inequality.entropyDecomposition(four, alpha: 1))
        let theil = try #require(Inequality.theilDecomposition(four))
        close(one.between ?? .nan, theil.between)
        close(one.within ?? .nan, theil.within)
    }

    /// C gets nothing: GE(0) within its group is infinite, so GE(0) and its within part are
    /// undefined, while the groups' own means (n 10 for 4, s 6 for 4) still give
    /// between = -1/2 (ln(10/16 / (1/2)) + ln(6/16 / (1/2))) = -1/2 ln(15/16).
    @Test func aRegionWithNothingLeavesTheGroupsSplit() throws {
        let four = try FairnessInput(codes: ["A", "B", "C", "D"], amounts: [1, 9, 0, 6], populations: [1, 3, 2, 2], groups: ["n", "n", "s", "s"])
        let zero = try #require(Inequality.entropyDecomposition(four, alpha: 0))
        #expect(Inequality.entropy(four, alpha: 0) == nil && zero.within == nil)
        close(zero.between ?? .nan, -0.5 * log(15.0 / 16))
    }

    /// The metrics' names, as fairness tables write and read them.
    @Test func namesReadBack() {
        let metrics = FairnessSettings(epsilons: [], alphas: [0, 2.5], grouped: true).metrics.filter { $0.description.hasPrefix("ge_") }
        #expect(metrics.map(\.description) == ["ge_0", "ge_0_between", "ge_0_within", "ge_2.5", "ge_2.5_between", "ge_2.5_within"])
        #expect(metrics.map { FairnessMetric(code: $0.description) } == metrics)
        #expect(FairnessMetric(code: "ge_2_sideways") == nil && FairnessMetric(code: "ge_x") == nil)
    }
}
