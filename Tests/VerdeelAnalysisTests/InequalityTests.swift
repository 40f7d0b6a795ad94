import Foundation
import Numerics
import Testing
import VerdeelAnalysis

/// Hand-worked examples, each value derived in the comments (not taken from the code).
///
/// Two regions: populations 1 and 3, per-capita amounts 1 and 3, so amounts 1 and 9.
/// P = 4, mu = 10 / 4 = 2.5, pi = (1/4, 3/4), s = (1/10, 9/10).
@Suite struct InequalityTests {
    let two: FairnessInput

    init() throws {
        two = try FairnessInput(codes: ["A", "B"], amounts: [1, 9], populations: [1, 3], reference: [1, 1])
    }

    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil) {
        #expect((value ?? .nan).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), comment)
    }

    /// Pairs: 2 x (1 x 3 x |1 - 3|) = 12, over 2 P^2 mu = 2 x 16 x 2.5 = 80: 0.15.
    /// Unweighted (one person per region) it would be 2 x 2 / (2 x 4 x 2) = 0.25.
    @Test func gini() {
        close(Inequality.gini(two), 0.15)
        let unweighted = try? FairnessInput(codes: ["A", "B"], amounts: [1, 3], populations: [1, 1])
        close(unweighted.flatMap(Inequality.gini), 0.25)
    }

    /// 0.1 ln(0.1 / 0.25) + 0.9 ln(0.9 / 0.75) = 0.1 ln 0.4 + 0.9 ln 1.2.
    @Test func theil() {
        close(Inequality.theil(two), 0.1 * log(0.4) + 0.9 * log(1.2))
    }

    /// e = 0.5: (0.25 sqrt(0.4) + 0.75 sqrt(1.2))^2 = 0.7 + 0.375 sqrt(0.48) = 0.7 + 0.15 sqrt(3),
    /// so 1 - that = 0.3 - 0.15 sqrt(3). e = 1: the geometric mean 3^(3/4) over 2.5.
    /// e = 2: the harmonic mean 1 / (0.25 / 1 + 0.75 / 3) = 2 over 2.5, so 1 - 0.8 = 0.2.
    @Test func atkinson() {
        close(Inequality.atkinson(two, epsilon: 0.5), 0.3 - 0.15 * 3.0.squareRoot())
        close(Inequality.atkinson(two, epsilon: 1), 1 - pow(3, 0.75) / 2.5)
        close(Inequality.atkinson(two, epsilon: 2), 0.2)
        close(Inequality.atkinson(two, epsilon: 0), 0)
        // A region with nothing: 1 for e >= 1.
        let nothing = try? FairnessInput(codes: ["A", "B"], amounts: [0, 9], populations: [1, 3])
        #expect(nothing.flatMap { Inequality.atkinson($0, epsilon: 1) } == 1)
        #expect(nothing.flatMap { Inequality.atkinson($0, epsilon: 2) } == 1)
    }

    /// sqrt(0.25 x 1.5^2 + 0.75 x 0.5^2) / 2.5 = sqrt(0.75) / 2.5; max / min = 3 / 1.
    @Test func spread() {
        close(Inequality.coefficientOfVariation(two), 0.75.squareRoot() / 2.5)
        close(Inequality.maxMinRatio(two), 3)
        let nothing = try? FairnessInput(codes: ["A", "B"], amounts: [0, 9], populations: [1, 3])
        #expect(nothing.flatMap(Inequality.maxMinRatio) == nil)
    }

    /// Hoover: (|0.1 - 0.25| + |0.9 - 0.75|) / 2 = 0.15. Against the reference (1, 1), shares
    /// 1/2 each: Loosemore-Hanby (0.4 + 0.4) / 2 = 0.4.
    @Test func hooverAndLoosemoreHanby() {
        close(Inequality.hoover(two), 0.15)
        close(Inequality.loosemoreHanby(two), 0.4)
    }

    /// Reference (1, 1): per inhabitant 1 for A and 1/3 for B, so B comes first: X = (1/2, 1),
    /// Y = (9/10, 1); the area is 1/2 x 0.9 / 2 + 1/2 x 1.9 / 2 = 0.7 and suits 1 - 1.4 = -0.4
    /// (the money goes to the region with less reference per inhabitant). Reference (1, 3) is
    /// 1 per inhabitant in both: one merged point, the diagonal, suits 0. Amounts that follow
    /// a reference of (1, 2, 3) per (1, 1, 1) inhabitants exactly: 0.
    @Test func suits() throws {
        close(Inequality.suits(two), -0.4)
        close(Inequality.suits(try FairnessInput(codes: ["A", "B"], amounts: [1, 9], populations: [1, 3], reference: [1, 3])), 0)
        close(Inequality.suits(try FairnessInput(codes: ["A", "B", "C"], amounts: [2, 4, 6], populations: [1, 1, 1], reference: [1, 2, 3])), 0)
    }

    /// Four regions, populations (1, 1, 2, 2), amounts (1, 3, 2, 6): s = (1, 3, 2, 6) / 12,
    /// pi = (1, 1, 2, 2) / 6, so theil = (3/12) ln(1/2) + (9/12) ln(3/2). Grouped (G, G, H, H)
    /// both groups have money in proportion to people (between 0) and inside each the split
    /// is 1/4 : 3/4 over halves (within = theil). Grouped (G, H, G, H) it is the reverse.
    @Test func theilDecomposition() throws {
        let expected = 0.25 * log(0.5) + 0.75 * log(1.5)
        let sameInside = try FairnessInput(codes: ["A", "B", "C", "D"], amounts: [1, 3, 2, 6], populations: [1, 1, 2, 2], groups: ["G", "G", "H", "H"])
        close(Inequality.theil(sameInside), expected)
        close(Inequality.theilDecomposition(sameInside)?.between, 0)
        close(Inequality.theilDecomposition(sameInside)?.within, expected)
        let across = try sameInside.with(amounts: [1, 3, 2, 6])
        let crossed = try FairnessInput(codes: across.codes, amounts: across.amounts, populations: across.populations, groups: ["G", "H", "G", "H"])
        close(Inequality.theilDecomposition(crossed)?.between, expected)
        close(Inequality.theilDecomposition(crossed)?.within, 0)
    }

    /// Sorted by per-capita amount: A (1) then B (3): (0, 0), (1/4, 1/10), (1, 1); equal
    /// per-capita amounts keep code order.
    @Test func lorenzCurve() throws {
        let points = try #require(LorenzCurve(two)).points
        #expect(points.map(\.region) == [nil, "A", "B"])
        #expect(points.map(\.populationShare) == [0, 0.25, 1])
        #expect(points.map(\.amountShare) == [0, 0.1, 1])
        let tied = try #require(LorenzCurve(try FairnessInput(codes: ["B", "A"], amounts: [5, 5], populations: [1, 1])))
        #expect(tied.points.map(\.region) == [nil, "B", "A"])
    }

    /// Nothing allocated: every metric undefined, no Lorenz curve.
    @Test func nothingAllocated() throws {
        let empty = try FairnessInput(codes: ["A", "B"], amounts: [0, 0], populations: [1, 3], reference: [1, 1], groups: ["G", "G"])
        let settings = FairnessSettings(grouped: true, referenced: true)
        #expect(settings.values(empty).allSatisfy { $0 == nil })
        #expect(LorenzCurve(empty) == nil)
        #expect(settings.metrics.map(\.description) == [
            "gini", "theil", "theil_between", "theil_within", "atkinson_0.5", "atkinson_1", "atkinson_2", "ge_0", "ge_0_between", "ge_0_within",
            "ge_2", "ge_2_between", "ge_2_within", "cv", "max_min_ratio", "hoover", "loosemore_hanby", "suits",
        ])
    }

    /// Bad input: a region without population, a reference that is 0 everywhere.
    @Test func badInput() {
        #expect(throws: FairnessError.population(region: "B", value: 0)) {
            try FairnessInput(codes: ["A", "B"], amounts: [1, 9], populations: [1, 0])
        }
        #expect(throws: FairnessError.referenceSumsToZero) {
            try FairnessInput(codes: ["A", "B"], amounts: [1, 9], populations: [1, 3], reference: [0, 0])
        }
    }
}
