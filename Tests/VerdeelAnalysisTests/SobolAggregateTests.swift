import Numerics
import Testing
import VerdeelAnalysis
import VerdeelDesign

/// Aggregated Sobol indices: by hand, and on outputs whose aggregate is known.
@Suite struct SobolAggregateTests {
    /// Two outputs of variance 1 and 3 with S1 0.2 and 0.6 for the one factor: (0.2 + 1.8) / 4
    /// = 0.5. Three resamples each (A 0.1, 0.2, 0.3; B 0.5, 0.6, 0.7) aggregate to 0.4, 0.5,
    /// 0.6, whose sd (divisor 2) is 0.1: the half-width is z x 0.1. A constant output counts
    /// for nothing.
    @Test func weightedByVariance() throws {
        func output(_ s1: Double, variance: Double, resamples: [Double]) -> SobolIndices {
            SobolIndices(
                s1: [s1], s1Confidence: [0], st: [s1], stConfidence: [0], s2: nil, s2Confidence: nil, isConstant: false, variance: variance,
                s1Resamples: resamples.map { [$0] }, stResamples: resamples.map { [$0] })
        }
        let constant = SobolIndices(s1: [0], s1Confidence: [0], st: [0], stConfidence: [0], s2: nil, s2Confidence: nil, isConstant: true)
        let aggregate = try #require(SobolAggregate(
            measure: "m", year: 2026, [output(0.2, variance: 1, resamples: [0.1, 0.2, 0.3]), output(0.6, variance: 3, resamples: [0.5, 0.6, 0.7]), constant], z: 2))
        #expect(aggregate.outputs == 2)
        #expect(aggregate.s1[0].isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-15))
        #expect(aggregate.s1Confidence[0].isApproximatelyEqual(to: 0.2, absoluteTolerance: 1e-15))
        #expect(SobolAggregate(measure: "m", year: 2026, [constant], z: 2) == nil)
    }

    /// Y1 = X1 and Y2 = 2 X2 with X1, X2 uniform: V1 = 1/12, V2 = 4/12, so the aggregate gives
    /// X1 (1/12) / (5/12) = 0.2 and X2 0.8, first order and total (no interactions).
    @Test func twoOutputsOfKnownVariance() throws {
        let problem = try SensitivityProblem(factors: [.init(name: "x1", lower: 0, upper: 1), .init(name: "x2", lower: 0, upper: 1)])
        let design = try SaltelliDesign(problem: problem, baseCount: 4096, secondOrder: false).matrix(seed: 3)
        var values = [Double]()
        for r in 0..<design.rows { values += [design[r, 0], 2 * design[r, 1]] }
        let indices = try SobolAnalysis(groups: 2, secondOrder: false, resamples: 50, seed: 3).analyze(values: values, rows: design.rows, outputs: 2, threads: 2)
        let aggregate = try #require(SobolAggregate(measure: "m", year: 2026, indices, z: 1.96))
        for (g, truth) in [0.2, 0.8].enumerated() {
            #expect(abs(aggregate.s1[g] - truth) < 3 * aggregate.s1Confidence[g] + 0.01, "s1 \(g): \(aggregate.s1[g]) +- \(aggregate.s1Confidence[g])")
            #expect(abs(aggregate.st[g] - truth) < 3 * aggregate.stConfidence[g] + 0.01, "st \(g): \(aggregate.st[g]) +- \(aggregate.stConfidence[g])")
            #expect(aggregate.s1Confidence[g] > 0 && aggregate.s1Confidence[g] < 0.05)
        }
    }
}
