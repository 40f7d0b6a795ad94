import Foundation

/// The Philox4x64-10 counter-based generator (Salmon et al., SC'11; the same as numpy's
/// `Philox`). A draw's random numbers are a pure function of (seed, counter), so any
/// draw can be computed on any thread in any order with identical results.
public struct Philox: Sendable {
    /// The 128-bit key, from the seed.
    public let key: (UInt64, UInt64)

    public init(seed: UInt64, stream: UInt64 = 0) {
        key = (seed, stream)
    }

    /// The four 64-bit outputs for one 256-bit counter.
    @inline(__always)
    public func block(_ c0: UInt64, _ c1: UInt64, _ c2: UInt64, _ c3: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
        var (x0, x1, x2, x3) = (c0, c1, c2, c3)
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= 0x9E37_79B9_7F4A_7C15
                k1 &+= 0xBB67_AE85_84CA_A73B
            }
            let p0 = UInt64(0xD2E7_470E_E14C_6C93).multipliedFullWidth(by: x0)
            let p1 = UInt64(0xCA5A_8263_9512_1157).multipliedFullWidth(by: x2)
            (x0, x1, x2, x3) = (p1.high ^ x1 ^ k0, p1.low, p0.high ^ x3 ^ k1, p0.low)
        }
        return (x0, x1, x2, x3)
    }
}

extension Philox {
    /// A double in (0, 1) from 64 random bits: the top 52 bits, offset by half a step so
    /// that neither 0 nor 1 occurs (safe for logarithms); every result is exact.
    @inline(__always)
    public static func openUnit(_ bits: UInt64) -> Double {
        (Double(bits >> 12) + 0.5) * 0x1.0p-52
    }

    /// Four uniforms in (0, 1) for counter (draw, stream, index).
    @inline(__always)
    public func uniforms(draw: Int, stream: Int, index: Int) -> (Double, Double, Double, Double) {
        let (a, b, c, d) = block(UInt64(truncatingIfNeeded: draw), UInt64(truncatingIfNeeded: stream), UInt64(truncatingIfNeeded: index), 0)
        return (Self.openUnit(a), Self.openUnit(b), Self.openUnit(c), Self.openUnit(d))
    }

    /// Standard normal draws for `count` items of one draw and stream, by Box-Muller on
    /// the uniforms of successive counters: item `i` depends only on (seed, draw, stream, i).
    public func normals(draw: Int, stream: Int, count: Int, into output: inout [Double]) {
        output.removeAll(keepingCapacity: true)
        var index = 0
        while output.count < count {
            let (u1, u2, u3, u4) = uniforms(draw: draw, stream: stream, index: index)
            index += 1
            let r1 = (-2 * log(u1)).squareRoot(), r2 = (-2 * log(u3)).squareRoot()
            let t1 = 2 * Double.pi * u2, t2 = 2 * Double.pi * u4
            output.append(r1 * cos(t1))
            if output.count < count { output.append(r1 * sin(t1)) }
            if output.count < count { output.append(r2 * cos(t2)) }
            if output.count < count { output.append(r2 * sin(t2)) }
        }
    }
}
