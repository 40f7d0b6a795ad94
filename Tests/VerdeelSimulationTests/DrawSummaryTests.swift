import Foundation
import Numerics
import Testing
@testable import VerdeelSimulation
import VerdeelRandom

/// Statistics against hand-worked values and a sorted reference.
@Suite struct DrawSummaryTests {
    /// Moments as the engine's block statistics compute them, quantiles from the histogram.
    func summarise(_ values: [Double], baseline: Double) -> DrawSummary {
        var statistics = SlotStatistics(baseline: baseline)
        var quantiles = ExactQuantiles()
        var unused: [UInt32] = [0]
        let q = values.withUnsafeBufferPointer { v in
            unused.withUnsafeMutableBufferPointer { t in
                statistics.add(BufferHandle(v), count: v.count, start: 0, tallies: MutableBufferHandle(t))
            }
            return quantiles.quantiles(BufferHandle(v))
        }
        let m = statistics.moments
        return DrawSummary(mean: m.mean, standardDeviation: m.standardDeviation, p05: q[0], p50: q[1], p95: q[2], probabilityBelowBaseline: m.probabilityBelowBaseline)
    }

    /// The statistics of `values` (whole units) fed in blocks of `block` draws, with
    /// quantile brackets.
    func bracketed(_ values: [Double], block: Int, brackets: [(low: Double, high: Double)]) -> (moments: DrawSummary, quantiles: [Double]?) {
        var statistics = SlotStatistics(baseline: 0, brackets: brackets)
        var tallies = [UInt32](repeating: 0, count: statistics.tallySize)
        let quantiles = values.withUnsafeBufferPointer { v in
            tallies.withUnsafeMutableBufferPointer { t in
                for start in stride(from: 0, to: values.count, by: block) {
                    let count = min(block, values.count - start)
                    statistics.add(BufferHandle(v).slice(from: start, count: count), count: count, start: start, tallies: MutableBufferHandle(t))
                }
                return statistics.bracketedQuantiles(tallies: MutableBufferHandle(t).reading)
            }
        }
        let m = statistics.moments
        return (DrawSummary(mean: m.mean, standardDeviation: m.standardDeviation, p05: 0, p50: 0, p95: 0, probabilityBelowBaseline: m.probabilityBelowBaseline), quantiles)
    }

    /// 1...10 shuffled: type 7 puts P5 at h = 9 x 0.05 = 0.45 -> 1.45, P50 at 4.5 -> 5.5,
    /// P95 at 8.55 -> 9.55; mean 5.5; sd sqrt(82.5 / 9); 4 of 10 below 5.
    @Test func smallCaseByHand() {
        let s = summarise([7, 3, 10, 1, 5, 9, 2, 8, 6, 4], baseline: 5)
        #expect(s.mean == 5.5)
        #expect(s.standardDeviation.isApproximatelyEqual(to: (82.5 / 9).squareRoot(), relativeTolerance: 1e-12))
        #expect(s.p05.isApproximatelyEqual(to: 1.45, relativeTolerance: 1e-12))
        #expect(s.p50 == 5.5)
        #expect(s.p95.isApproximatelyEqual(to: 9.55, relativeTolerance: 1e-13))
        #expect(s.probabilityBelowBaseline == 0.4)
    }

    /// Seven draws (fewer than a lane group: one at a time) with an amount between the
    /// brackets, which must not be tallied: P5 at h = 0.3 -> 0 + 0.3 x 10 = 3, P50 at h = 3
    /// -> 30 (with 40 next), P95 at h = 5.7 -> 50 + 0.7 x 10 = 57.
    @Test func bracketsIgnoreAmountsOutsideThem() throws {
        let values: [Double] = [40, 0, 60, 20, 50, 10, 30]
        let result = bracketed(values, block: 7, brackets: [(0, 10), (25, 42), (48, 60)])
        let quantiles = try #require(result.quantiles)
        #expect(zip(quantiles, [3.0, 30, 57]).allSatisfy { $0.isApproximatelyEqual(to: $1, relativeTolerance: 1e-13) })
        #expect(quantiles == [0.05, 0.5, 0.95].map { reference(values, $0) })
        #expect(result.moments.mean == 30)
    }

    /// One draw: every quantile is the value, sd 0.
    @Test func oneDraw() {
        let s = summarise([42], baseline: 50)
        #expect(s == DrawSummary(mean: 42, standardDeviation: 0, p05: 42, p50: 42, p95: 42, probabilityBelowBaseline: 1))
    }

    /// The type 7 formula on a fully sorted copy, as numpy writes it.
    func reference(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let h = Double(values.count - 1) * p
        let lower = Int(h.rounded(.down))
        let a = sorted[lower], b = sorted[min(lower + 1, values.count - 1)]
        let t = h - Double(lower)
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }

    /// Histogram and bracket paths both give exactly the sorted reference, with ties and
    /// heavy tails (whole units, as the engine's amounts); brackets that miss their ranks give nil, never a wrong value. Moments fed
    /// in blocks equal the one-pass moments bit for bit.
    @Test(arguments: [257, 1000, 10_000])
    func quantilesEqualSortedReference(count: Int) {
        let generator = Philox(seed: UInt64(count))
        var normals = [Double]()
        generator.normals(draw: 0, stream: 0, count: count, into: &normals)
        let samples: [[Double]] = [
            normals.map { ($0 * 1000).rounded() },
            normals.map { (exp(3 * $0) * 100).rounded() },
            normals.map { $0 < 0 ? 0 : 1 },
        ]
        for values in samples {
            let plain = summarise(values, baseline: 0)
            let expected = [0.05, 0.5, 0.95].map { reference(values, $0) }
            #expect([plain.p05, plain.p50, plain.p95] == expected)
            // Good brackets hold both order statistics that each quantile interpolates.
            let sorted = values.sorted()
            let good = [0.05, 0.5, 0.95].map { p in
                let rank = Int((Double(count - 1) * p).rounded(.down))
                return (low: sorted[rank] - 1, high: sorted[min(rank + 1, count - 1)] + 1)
            }
            let shifted = expected.map { (low: $0.rounded(.down) + 2, high: $0.rounded(.up) + 50) }
            for block in [8, 24, 312, count] {
                let (moments, quantiles) = bracketed(values, block: block, brackets: good)
                #expect(quantiles == expected)
                #expect(moments.mean == plain.mean && moments.standardDeviation == plain.standardDeviation)
                #expect(bracketed(values, block: block, brackets: shifted).quantiles == nil)
            }
        }
    }

    /// A hint's expected change of offset scales with the distance between weights: the
    /// hint ran at (0.3, 0.7) after one at (0, 1), 0.3 sqrt(2) away; a variant at (0.4, 0.6)
    /// is 0.1 sqrt(2) away, so a third of the step; without a previous hint, the whole step.
    @Test func hintStepScalesWithTheDistanceBetweenWeights() {
        var hint = AmountHints.Hint(
            quantiles: [], mean: 0, spread: 0, weights: [0.3, 0.7], offset: -90, step: -30,
            previous: (offset: -60, distance: AmountHints.distance([0, 1], [0.3, 0.7])))
        #expect(AmountHints.distance([0, 1], [0.3, 0.7]).isApproximatelyEqual(to: 0.3 * 2.0.squareRoot(), relativeTolerance: 3e-15))
        #expect(hint.stepScale(to: [0.4, 0.6]).isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 3e-12))
        hint.previous = nil
        #expect(hint.stepScale(to: [0.4, 0.6]) == 1)
    }
}
