import Testing
import VerdeelCore
import VerdeelRandom
@testable import VerdeelSimulation

/// The vectorised rounding against largest remainder on the exact amounts (ties to the
/// lowest code), computed for every draw in exact arithmetic by ``ExactPool``.
@Suite struct LargestRemainderKernelTests {
    /// Random shares for `regions` x `draws` (one block), with every fourth draw made of exact
    /// ties; 203 draws go 16 at a time through the sorting network and the last 11 one by one.
    /// `shape` turns each region's uniform draw into its raw key value; `repeated` when its
    /// values repeat (so that close calls are not rare).
    func check(regions: Int, draws: Int, repeated: Bool = false, shape: (Double) -> Double = { $0 }) {
        let generator = Philox(seed: UInt64(regions))
        var shares = [Double](repeating: 0, count: regions * draws)
        var raws = [[Double]]()
        for d in 0..<draws {
            var raw = (0..<regions).map { r in shape(generator.uniforms(draw: d, stream: r, index: 0).0) }
            if d % 4 == 0 { raw = raw.map { _ in 1 } }
            let total = raw.reduce(0, +)
            for r in 0..<regions { shares[r * draws + d] = raw[r] / total }
            raws.append(raw)
        }
        let totalUnits: Int64 = 1_000_003
        let base = [Double](repeating: 1_000, count: regions)
        let remainder = Double(totalUnits) - 1_000 * Double(regions)
        let kernel = LargestRemainderKernel(regions: regions)
        var output = [Double](repeating: 0, count: regions * draws)
        func exact(_ d: Int) -> [Int64]? {
            let key = ExactKey([ExactKey.Term(weight: .one, values: raws[d])])
            return ExactPool.round(total: totalUnits, baseCents: base.map { Int64($0) }, unitCents: 1, key: key, bounds: nil, regions: regions)?.units
        }
        var closeCalls = Set<Int>()
        let succeeded = shares.withUnsafeBufferPointer { s in
            output.withUnsafeMutableBufferPointer { o in
                kernel.round(
                    shares: BufferHandle(s), width: draws, base: base, remainder: remainder, total: totalUnits, into: MutableBufferHandle(o),
                    accumulate: false, terms: regions + 9, exact: { closeCalls.insert($0); return exact($0) })
            }
        }
        #expect(succeeded)
        for d in 0..<draws {
            #expect((0..<regions).map { Int64(output[$0 * draws + d]) } == exact(d), "draw \(d)")
        }
        // Equal shares are a close call for every draw of ties (unless no unit is left to
        // award); random shares almost never.
        let tieDraws = Set(stride(from: 0, to: draws, by: 4))
        if !repeated { #expect(closeCalls.subtracting(tieDraws).count <= draws / 20) }
        #expect(closeCalls.isSuperset(of: tieDraws.filter { d in
            let floors = (0..<regions).reduce(Int64(0)) { $0 + Int64((base[$1] + remainder * shares[$1 * draws + d]).rounded(.down)) }
            return floors < totalUnits
        }))
    }

    /// Up to 16 regions: the network in registers; 17 to 32: the network through memory;
    /// more: the search for the cut.
    @Test func fewRegions() { check(regions: 13, draws: 203) }
    @Test func sixteenRegions() { check(regions: 16, draws: 64) }
    @Test func middleRegions() { check(regions: 20, draws: 99) }
    @Test func manyRegions() { check(regions: 342, draws: 70) }
    /// The search where remainders repeat: raw values from three levels (many exact ties
    /// among the remainders, often at the deficit-th), and mostly zero keys (the remainders
    /// of the base alone), so that the interpolation has clusters and jumps to get past.
    @Test func manyRegionsWithRepeatedRemainders() { check(regions: 342, draws: 48, repeated: true) { ($0 * 3).rounded(.down) + 1 } }
    @Test func manyRegionsMostlyZero() { check(regions: 100, draws: 48) { $0 < 0.9 ? 0 : $0 } }
}
