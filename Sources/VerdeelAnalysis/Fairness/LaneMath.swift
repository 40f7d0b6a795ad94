/// Natural logarithm, exponential and square root of a lane width of doubles at once (four
/// on AVX2, eight on AVX-512), for the fairness metrics of that many draws (the standard
/// library has no vector logarithm, and its vector square root is a call per lane). For positive, normal `x`:
/// `x = m * 2^e` with `m` in [sqrt(1/2), sqrt(2)), `ln x = e ln 2 + 2 atanh(t)`,
/// `t = (m - 1) / (m + 1)`, the series `2 (t + t^3/3 + ... + t^21/21)` by Estrin's scheme
/// (|t| < 0.172, so the first term left out is below 1e-18 of the result). Within a few units in the last place
/// of `Foundation.log`.
enum LaneMath {
    #if VERDEEL_AVX512
    typealias Lanes = SIMD8<Double>
    typealias Bits = SIMD8<UInt64>
    typealias Mask = SIMDMask<SIMD8<Int64>>
    #else
    typealias Lanes = SIMD4<Double>
    typealias Bits = SIMD4<UInt64>
    typealias Mask = SIMDMask<SIMD4<Int64>>
    #endif

    @inline(__always)
    static func log(_ x: Lanes) -> Lanes {
        let bits = unsafeBitCast(x, to: Bits.self)
        // The biased exponent as a double: its 11 bits placed in the significand of 2^52.
        let field = unsafeBitCast((bits &>> 52) | 0x4330_0000_0000_0000, to: Lanes.self) - 0x1p52
        var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: Lanes.self)
        var e = field - 1023
        let high = m .> Lanes(repeating: 1.4142135623730951)
        m = m.replacing(with: m * 0.5, where: high)
        e = e.replacing(with: e + 1, where: high)
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        // 1 + x/3 + x^2/5 + ... + x^10/21 in x = t^2 by Estrin's scheme: pairs, then pairs
        // of pairs, so that the chain of dependent operations is short.
        let x2 = t2 * t2, x4 = x2 * x2
        let p01 = fused(t2, 0.3333333333333333, 1), p23 = fused(t2, 0.14285714285714285, 0.2)
        let p45 = fused(t2, 0.09090909090909091, 0.1111111111111111), p67 = fused(t2, 0.06666666666666667, 0.07692307692307693)
        let p89 = fused(t2, 0.05263157894736842, 0.058823529411764705)
        let q0 = fused(x2, p23, p01), q1 = fused(x2, p67, p45), q2 = fused(x2, Lanes(repeating: 0.047619047619047616), p89)
        let series = fused(x4 * x4, q2, fused(x4, q1, q0))
        let lnM = 2 * t * series
        // ln 2 in two parts, so that e * ln2High is exact.
        return fused(e, Lanes(repeating: 0.693_147_180_369_123_816_49), fused(e, Lanes(repeating: 1.908_214_929_270_587_7e-10), lnM))
    }

    /// `exp(x)` for `-700 < x < 700`: `x = k ln 2 + r` with |r| <= ln(2)/2, `exp(r)` by its
    /// Taylor series to degree 13 (the rest is below 2e-16 of the result), times `2^k` made
    /// from exponent bits.
    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        let k = (x * 1.4426950408889634).rounded(.toNearestOrEven)
        let r = (x - k * 0.693_147_180_369_123_816_49) - k * 1.908_214_929_270_587_7e-10
        // Horner's rule on 1/n!, n = 13 down to 0.
        var series = Lanes(repeating: 1.6059043836821613e-10)
        series = fused(series, r, Lanes(repeating: 2.08767569878681e-09))
        series = fused(series, r, Lanes(repeating: 2.505210838544172e-08))
        series = fused(series, r, Lanes(repeating: 2.755731922398589e-07))
        series = fused(series, r, Lanes(repeating: 2.7557319223985893e-06))
        series = fused(series, r, Lanes(repeating: 2.48015873015873e-05))
        series = fused(series, r, Lanes(repeating: 0.0001984126984126984))
        series = fused(series, r, Lanes(repeating: 0.001388888888888889))
        series = fused(series, r, Lanes(repeating: 0.008333333333333333))
        series = fused(series, r, Lanes(repeating: 0.041666666666666664))
        series = fused(series, r, Lanes(repeating: 0.16666666666666666))
        series = fused(series, r, Lanes(repeating: 0.5))
        series = fused(series, r, Lanes(repeating: 1.0))
        series = fused(series, r, Lanes(repeating: 1.0))
        // 2^k: k + 1023 in the exponent field (k + 1023 + 2^52 read as a double's low bits).
        let biased = unsafeBitCast(k + (1023 + 0x1p52), to: Bits.self) & 0x7FF
        return series * unsafeBitCast(biased &<< 52, to: Lanes.self)
    }

    /// `sqrt(x)` for `x >= 0` as `x / sqrt(x)`: the reciprocal square root from the
    /// exponent-halving bit trick (within 3.5%), then four Newton steps
    /// `y <- y (3/2 - x y^2 / 2)`, each squaring the relative error (to below 1e-20 before
    /// the last rounding). Ordinary vector instructions: the vector square root of the
    /// standard library is a library call per lane.
    @inline(__always)
    static func squareRoot(_ x: Lanes) -> Lanes {
        var y = unsafeBitCast(0x5FE6_EB50_C7B5_37A9 &- (unsafeBitCast(x, to: Bits.self) &>> 1), to: Lanes.self)
        let half = 0.5 * x
        for _ in 0..<4 { y = y * fused(-half * y, y, Lanes(repeating: 1.5)) }
        return x * y
    }

    /// `a * b + c` rounded once (a fused multiply-add) in every build, so that results do not
    /// depend on it: one instruction in a native build (VERDEEL_NATIVE=1, AVX2 or AVX-512
    /// with FMA), a call to the C library's exact `fma` per lane in the default build, which
    /// makes the fairness metrics over the draws about 2.8x slower there (docs/performance.md).
    @inline(__always)
    static func fused(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> Lanes {
        c.addingProduct(a, b)
    }

    /// `a * b + c` with constants `b` and `c`.
    @inline(__always)
    static func fused(_ a: Lanes, _ b: Double, _ c: Double) -> Lanes {
        fused(a, Lanes(repeating: b), Lanes(repeating: c))
    }
}
