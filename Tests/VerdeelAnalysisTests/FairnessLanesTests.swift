import Foundation
import Numerics
import Testing
@testable import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelRandom
@testable import VerdeelSimulation

/// The eight-lane evaluation against ``Inequality`` (one draw at a time, on the amounts and
/// populations themselves) on random draws: 13 regions (pairwise Gini and Suits) and 60
/// (sorted), with groups, a reference that is 0 for two regions (a tie of reference per
/// person, merged into one Suits point), a region with nothing, and a ragged block end (21 draws).
@Suite struct FairnessLanesTests {
    func check(regions: Int) throws {
        let draws = 21
        let random = Philox(seed: UInt64(regions))
        let codes = (0..<regions).map { String(format: "GM%04d", $0) }
        let groups = (0..<regions).map { $0 % 3 == 0 ? "North" : "South" }
        var amounts = [Double](repeating: 0, count: regions * draws)
        var people = [[Double]](repeating: [], count: draws), reference = people
        var peopleRows = [Double](repeating: 0, count: regions * draws), referenceRows = peopleRows
        for d in 0..<draws {
            let raw = (0..<regions).map { r in random.uniforms(draw: d, stream: r, index: 0) }
            let p = raw.map { 1_000 + 100_000 * $0.0 }
            // Regions 0 and 1 have no reference (need 0): tied at 0 per person in every draw.
            let x = raw.enumerated().map { r, u in r < 2 ? 0 : p[r] * u.1 }
            people[d] = p
            reference[d] = x
            let (pt, xt) = (p.reduce(0, +), x.reduce(0, +))
            for r in 0..<regions {
                amounts[r * draws + d] = r == 2 && d % 5 == 0 ? 0 : (20_000 * raw[r].2).rounded()
                peopleRows[r * draws + d] = p[r] / pt
                referenceRows[r * draws + d] = x[r] / xt
            }
        }
        let basis = try FairnessBasis(
            FairnessPlan(population: "p", group: "g", reference: .init(name: "x", expression: .indicator("x")), epsilons: [0.5, 1, 2, 1.5]),
            table: RegionTable(regions: codes.map { Region(code: $0, name: $0) }, indicators: ["p": people[0], "x": reference[0]], labels: ["g": groups]))
        let lanes = FairnessLanes(basis)
        var flat = [Double](repeating: .nan, count: basis.settings.metrics.count * draws)
        let sorting = regions > FairnessLanes.pairwiseRegions
        // Many regions: the sorts start from the first order, then from the sorted one, then
        // from a scrambled one; every start gives the same numbers.
        let orders = sorting ? DrawOrders(regions: regions, draws: draws) : nil
        var first = [Double]()
        for round in 0..<(sorting ? 3 : 1) {
            if round == 2, let orders {
                for d in 0..<draws {
                    for r in 0..<regions { orders.orders[d * regions + r] = Int32((r * 7 + d) % regions) }
                }
            }
            flat.withUnsafeMutableBufferPointer { values in amounts.withUnsafeBufferPointer { a in
                peopleRows.withUnsafeBufferPointer { p in
                    referenceRows.withUnsafeBufferPointer { x in
                        let block = DrawBlock(amounts: BufferHandle(a), unitEuros: 1, draws: draws, width: draws, start: 0, regions: regions, shareRows: [BufferHandle(p), BufferHandle(x)])
                        let populations = DrawPopulations(shares: [BufferHandle(p), BufferHandle(x)], regions: regions, draws: draws, sorting: sorting)
                        lanes.add(block, populations: populations, orders: orders, referenced: true, to: MutableBufferHandle(values))
                    }
                }
            } }
            if round == 0 { first = flat } else { #expect(flat.elementsEqual(first) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "round \(round)") }
        }
        let values = basis.settings.metrics.indices.map { Array(flat[($0 * draws)..<(($0 + 1) * draws)]) }
        for d in 0..<draws {
            let input = try FairnessInput(
                codes: codes, amounts: (0..<regions).map { amounts[$0 * draws + d] }, populations: people[d], reference: reference[d], groups: groups)
            for (index, expected) in basis.settings.values(input).enumerated() {
                let got = values[index][d]
                let metric = basis.settings.metrics[index]
                guard let expected else {
                    #expect(got.isNaN, "draw \(d) \(metric)")
                    continue
                }
                #expect(got.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "draw \(d) \(metric): \(got) vs \(expected)")
            }
        }
    }

    @Test func pairwise() throws { try check(regions: 13) }
    @Test func sorted() throws { try check(regions: 60) }

    /// The vector exponential against Foundation's.
    @Test func exponential() {
        for value in [-700.0, -30, -1, -0.3465, -1e-9, 0, 1e-9, 0.3466, 1, 30, 700] {
            let expected: Double = Foundation.exp(value)
            #expect(abs(LaneMath.exp(LaneMath.Lanes(repeating: value))[0] - expected) <= 4 * expected.ulp, "\(value)")
        }
    }

    /// The vector logarithm against Foundation's, over many magnitudes.
    @Test func logarithm() {
        for value in [1e-300, 1e-9, 0.3, 0.7071, 0.7072, 1, 1.4142, 1.4143, 2, 10, 123_456.789, 1e300] {
            let lanes = LaneMath.log(LaneMath.Lanes(repeating: value))
            let expected: Double = Foundation.log(value)
            #expect(abs(lanes[0] - expected) <= 4 * expected.magnitude.ulp + 1e-300, "\(value)")
        }
    }

    /// The vector square root against the scalar one (a rounding or two apart at most).
    @Test func squareRoot() {
        for value in [0, 1e-300, 1e-12, 2.5e-7, 0.01, 0.5, 1, 2, 3, 1e6, 123_456.789, 1e300] {
            let expected = value.squareRoot()
            #expect(abs(LaneMath.squareRoot(LaneMath.Lanes(repeating: value))[0] - expected) <= 2 * expected.ulp, "\(value)")
        }
    }
}
