import Testing
import VerdeelCore
import VerdeelRandom
@testable import VerdeelSimulation

/// The vectorised rounding against the core's largest remainder (ties to the lowest code).
@Suite struct LargestRemainderKernelTests {
    /// Random shares for `regions` x `draws` (one block), with every fourth draw made of exact
    /// ties; 203 draws go 16 at a time through the sorting network and the last 11 one by one.
    func check(regions: Int, draws: Int) {
        let generator = Philox(seed: UInt64(regions))
        var shares = [Double](repeating: 0, count: regions * draws)
        for d in 0..<draws {
            var raw = (0..<regions).map { r in generator.uniforms(draw: d, stream: r, index: 0).0 }
            if d % 4 == 0 { raw = raw.map { _ in 1 } }
            let total = raw.reduce(0, +)
            for r in 0..<regions { shares[r * draws + d] = raw[r] / total }
        }
        let totalUnits: Int64 = 1_000_003
        let base = [Double](repeating: 1_000, count: regions)
        let remainder = Double(totalUnits) - 1_000 * Double(regions)
        let kernel = LargestRemainderKernel(regions: regions)
        var output = [Double](repeating: 0, count: regions * draws)
        shares.withUnsafeBufferPointer { s in
            output.withUnsafeMutableBufferPointer { o in
                kernel.round(shares: s.baseAddress!, width: draws, base: base, remainder: remainder, total: totalUnits, into: o.baseAddress!, accumulate: false)
            }
        }
        for d in 0..<draws {
            let exact = (0..<regions).map { r in base[r] + remainder * shares[r * draws + d] }
            let expected = LargestRemainder.round(exact, total: totalUnits, tieOrder: Array(0..<regions))
            #expect((0..<regions).map { Int64(output[$0 * draws + d]) } == expected, "draw \(d)")
        }
    }

    /// Up to 16 regions: the network in registers; 17 to 32: the network through memory;
    /// more: region by region per draw.
    @Test func fewRegions() { check(regions: 13, draws: 203) }
    @Test func sixteenRegions() { check(regions: 16, draws: 64) }
    @Test func middleRegions() { check(regions: 20, draws: 99) }
    @Test func manyRegions() { check(regions: 342, draws: 70) }
}
