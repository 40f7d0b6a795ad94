import Foundation
import Numerics
import Testing
import VerdeelAnalysis
import VerdeelDesign
import VerdeelRandom

/// Sobol and Morris estimates worked out by hand and by an independent bootstrap.
struct SensitivityAnalysisTests {
    /// One factor, N = 2, rows A, AB, B per base point: y = 1, 3, 3 and 2, 0, 0. The
    /// normalisation is affine, so S1 = mean((B - m)(AB - A)) / Var(A, B) with m = 1.5 the
    /// mean of all six values: (1.5 x 2 + (-1.5) x (-2)) / 2 = 3 over Var(1, 2, 3, 0) = 1.25,
    /// S1 = 2.4; ST = mean((A - AB)^2) / 2 / 1.25 = 4 / 2.5 = 1.6.
    @Test func firstAndTotalOrderByHand() throws {
        let analysis = try SobolAnalysis(groups: 1, secondOrder: false, resamples: 10, seed: 1)
        let indices = try analysis.analyze(values: [1, 3, 3, 2, 0, 0], rows: 6, outputs: 1, threads: 1)
        #expect(indices[0].s1[0].isApproximatelyEqual(to: 2.4, relativeTolerance: 1e-12))
        #expect(indices[0].st[0].isApproximatelyEqual(to: 1.6, relativeTolerance: 1e-12))
    }

    /// Outputs so large that their squares overflow give the indices of the same outputs
    /// at a readable scale (the ratios of variances do not change): those of the test above.
    @Test func hugeOutputsGiveTheIndicesOfTheirScaledValues() throws {
        let analysis = try SobolAnalysis(groups: 1, secondOrder: false, resamples: 10, seed: 1)
        let indices = try analysis.analyze(values: [1, 3, 3, 2, 0, 0].map { $0 * 1e300 }, rows: 6, outputs: 1, threads: 1)
        #expect(indices[0].s1[0].isApproximatelyEqual(to: 2.4, relativeTolerance: 1e-12))
        #expect(indices[0].st[0].isApproximatelyEqual(to: 1.6, relativeTolerance: 1e-12))
    }

    /// Second order on y = x1 x2 with N = 2, rows A, AB1, AB2, BA1, BA2, B:
    /// S2_12 = mean(BA1 AB2 - A B) / V - S1_1 - S1_2, all on the values centred by their
    /// mean (the sd cancels). Worked in the comment lines below.
    @Test func secondOrderByHand() throws {
        // Rows for base point 1: A (1, 2) -> 2, AB1 (3, 2) -> 6, AB2 (1, 4) -> 4, BA1 (1, 4) -> 4,
        // BA2 (3, 2) -> 6, B (3, 4) -> 12; base point 2: A (2, 1) -> 2, AB1 (1, 1) -> 1,
        // AB2 (2, 3) -> 6, BA1 (2, 3) -> 6, BA2 (1, 1) -> 1, B (1, 3) -> 3.
        let y: [Double] = [2, 6, 4, 4, 6, 12, 2, 1, 6, 6, 1, 3]
        let mean = y.reduce(0, +) / 12
        let c = y.map { $0 - mean }
        let a = [c[0], c[6]], b = [c[5], c[11]], ab1 = [c[1], c[7]], ab2 = [c[2], c[8]], ba1 = [c[3], c[9]]
        let both = a + b
        let bothMean = both.reduce(0, +) / 4
        let v = both.reduce(0) { $0 + ($1 - bothMean) * ($1 - bothMean) } / 4
        let s1 = [(b[0] * (ab1[0] - a[0]) + b[1] * (ab1[1] - a[1])) / 2 / v, (b[0] * (ab2[0] - a[0]) + b[1] * (ab2[1] - a[1])) / 2 / v]
        let s2 = (ba1[0] * ab2[0] - a[0] * b[0] + ba1[1] * ab2[1] - a[1] * b[1]) / 2 / v - s1[0] - s1[1]
        let indices = try SobolAnalysis(groups: 2, secondOrder: true, resamples: 10).analyze(values: y, rows: 12, outputs: 1, threads: 1)
        #expect(indices[0].s1[0].isApproximatelyEqual(to: s1[0], relativeTolerance: 1e-12) && indices[0].s1[1].isApproximatelyEqual(to: s1[1], relativeTolerance: 1e-12))
        #expect((indices[0].s2?[0][1] ?? .nan).isApproximatelyEqual(to: s2, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    }

    /// A group that cannot move an output (AB = A exactly) gets S1 = ST = 0 exactly and a
    /// zero interval; a constant output gets zeros and is flagged, never a division by 0.
    @Test func exactZerosAndConstantOutputs() throws {
        let design = try SaltelliDesign(
            problem: SensitivityProblem(factors: [.init(name: "x", lower: 0, upper: 1), .init(name: "unused", lower: 0, upper: 1)]),
            baseCount: 64, secondOrder: false
        ).matrix(seed: 2)
        var values = [Double]()
        for r in 0..<design.rows { values += [design[r, 0] * design[r, 0], 7] }
        let indices = try SobolAnalysis(groups: 2, secondOrder: false, resamples: 20).analyze(values: values, rows: design.rows, outputs: 2, threads: 2)
        #expect(indices[0].s1[1] == 0 && indices[0].st[1] == 0 && indices[0].s1Confidence[1] == 0 && indices[0].stConfidence[1] == 0)
        #expect(indices[0].st[0] > 0.9 && !indices[0].isConstant)
        #expect(indices[1].isConstant && indices[1].s1 == [0, 0] && indices[1].st == [0, 0])
    }

    /// The intervals are `z sd` (divisor R - 1) of the estimates on the documented
    /// resamples, here recomputed directly with SALib's formulas on the resampled rows.
    @Test func intervalsAreTheDocumentedBootstrap() throws {
        let n = 37, resamples = 25, seed: UInt64 = 4
        var generator = Philox(seed: 99)
        var y = [Double]()
        for i in 0..<(n * 3) { y.append(generator.uniforms(draw: i, stream: 0, index: 0).0 * Double(i % 5)) }
        generator = Philox(seed: seed)
        let mean = y.reduce(0, +) / Double(y.count)
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
        let z = y.map { ($0 - mean) / sd }
        var s1 = [Double](), st = [Double]()
        for r in 0..<resamples {
            let rows = (0..<n).map { k -> Int in
                let u = generator.uniforms(draw: r, stream: 0xB007, index: k / 4)
                return Int(Double(n) * [u.0, u.1, u.2, u.3][k % 4])
            }
            let a = rows.map { z[$0 * 3] }, ab = rows.map { z[$0 * 3 + 1] }, b = rows.map { z[$0 * 3 + 2] }
            let both = a + b
            let m = both.reduce(0, +) / Double(both.count)
            let v = both.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(both.count)
            s1.append(zip(b, zip(ab, a)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) } / Double(n) / v)
            st.append(0.5 * zip(a, ab).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n) / v)
        }
        func spread(_ values: [Double]) -> Double {
            let m = values.reduce(0, +) / Double(values.count)
            return 1.959963984540054 * (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
        }
        let indices = try SobolAnalysis(groups: 1, secondOrder: false, resamples: resamples, seed: seed).analyze(values: y, rows: n * 3, outputs: 1, threads: 1)
        #expect(indices[0].s1Confidence[0].isApproximatelyEqual(to: spread(s1), relativeTolerance: 1e-12))
        #expect(indices[0].stConfidence[0].isApproximatelyEqual(to: spread(st), relativeTolerance: 1e-12))
    }

    @Test func sameForAnyThreadCount() throws {
        let design = try SaltelliDesign(
            problem: SensitivityProblem(factors: (0..<4).map { .init(name: "x\($0)", lower: 0, upper: 1) }), baseCount: 128, secondOrder: true
        ).matrix(seed: 5)
        var values = [Double]()
        for r in 0..<design.rows {
            for o in 0..<40 { values.append(sin(Double(o + 1) * design[r, o % 4]) + design[r, 3] * design[r, (o + 1) % 4]) }
        }
        let analysis = try SobolAnalysis(groups: 4, secondOrder: true, resamples: 30, seed: 8)
        let one = try analysis.analyze(values: values, rows: design.rows, outputs: 40, threads: 1)
        let three = try analysis.analyze(values: values, rows: design.rows, outputs: 40, threads: 3)
        #expect(one == three)
    }

    @Test func rowsThatDoNotFitTheLayoutAreRefused() throws {
        let analysis = try SobolAnalysis(groups: 2, secondOrder: false)
        #expect(throws: DesignError.self) { try analysis.analyze(values: [Double](repeating: 1, count: 9), rows: 9, outputs: 1, threads: 1) }
        do {
            _ = try analysis.baseCount(rows: 9)
        } catch {
            #expect(error.message.hasPrefix("9 rows do not fit a Saltelli design of 2 groups: the rows must be N x (G + 2 = 4)"))
        }
        #expect(throws: DesignError.self) { try SobolAnalysis(groups: 2, secondOrder: false, resamples: 1) }
    }

    /// Two trajectories of y = x1 x2 - x2 on 4 levels (delta = 2/3), worked by hand:
    /// T1 (0, 1/3) -> (2/3, 1/3) -> (2/3, 1): y = -1/3, -1/9, -1/3; effects x1 1/3, x2 -1/3.
    /// T2 (1/3, 1) -> (1/3, 1/3) -> (1, 1/3): y = -2/3, -2/9, 0; x2 fell in step 1, so its
    /// effect is (y0 - y1) / delta = -2/3; x1 rose in step 2: 1/3.
    /// x1: mu = mu* = 1/3, sigma 0; x2: mu = -1/2, mu* = 1/2, sigma = sqrt(2) / 6.
    @Test func morrisEffectsByHand() throws {
        let problem = try SensitivityProblem(factors: [.init(name: "x1", lower: 0, upper: 1), .init(name: "x2", lower: 0, upper: 1)])
        let inputs = DesignMatrix(rows: 6, columns: 2, values: [0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3, 1, 1.0 / 3, 1, 1.0 / 3, 1.0 / 3, 1, 1.0 / 3])
        let y = (0..<6).map { inputs[$0, 0] * inputs[$0, 1] - inputs[$0, 1] }
        let indices = try MorrisAnalysis(problem: problem, levels: 4, resamples: 10).analyze(inputs: inputs, outputs: y, count: 1)
        #expect(indices[0].mu[0].isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12) && indices[0].muStar[0].isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12) && indices[0].sigma[0].isApproximatelyEqual(to: 0, absoluteTolerance: 1e-12))
        #expect(indices[0].mu[1].isApproximatelyEqual(to: -0.5, relativeTolerance: 1e-12) && indices[0].muStar[1].isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(indices[0].sigma[1].isApproximatelyEqual(to: 2.0.squareRoot() / 6, relativeTolerance: 1e-12))
        // The same outputs times 1e300 (their differences and squares would overflow): the
        // same effects times 1e300.
        let huge = try MorrisAnalysis(problem: problem, levels: 4, resamples: 10).analyze(inputs: inputs, outputs: y.map { $0 * 1e300 }, count: 1)
        #expect(huge[0].muStar[1].isApproximatelyEqual(to: 0.5e300, relativeTolerance: 1e-12))
        #expect(huge[0].sigma[1].isApproximatelyEqual(to: 2.0.squareRoot() / 6 * 1e300, relativeTolerance: 1e-12))
        let stuck = DesignMatrix(rows: 6, columns: 2, values: [0, 0, 0, 0, 2.0 / 3, 0, 0, 0, 2.0 / 3, 0, 2.0 / 3, 2.0 / 3])
        #expect(throws: DesignError.self) { try MorrisAnalysis(problem: problem).analyze(inputs: stuck, outputs: [Double](repeating: 0, count: 6), count: 1) }
        // The trajectories above step by delta = 4 / (2 x 3) = 2/3; with 6 levels the step is
        // 6 / 10 = 0.6, so they are not samples of 6 levels: refused at row 2.
        #expect(throws: DesignError("row 2 moves factor 'x1' by 0.6666666666666666, not the step 0.6 of 6 levels; give the --levels the samples were made with")) {
            try MorrisAnalysis(problem: problem, levels: 6).analyze(inputs: inputs, outputs: y, count: 1)
        }
        // Row 2 moves both factors at once: no single step.
        let both = DesignMatrix(rows: 6, columns: 2, values: [0, 1.0 / 3, 2.0 / 3, 1, 2.0 / 3, 1, 1.0 / 3, 1, 1.0 / 3, 1.0 / 3, 1, 1.0 / 3])
        #expect(throws: DesignError("row 2 moves 2 groups from the row before; each step of a Morris trajectory moves one group: the samples are not Morris trajectories of this problem")) {
            try MorrisAnalysis(problem: problem).analyze(inputs: both, outputs: y, count: 1)
        }
    }
}
