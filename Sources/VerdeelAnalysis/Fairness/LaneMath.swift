/// Natural logarithm and exponential of eight doubles at once, for the fairness metrics of eight draws in
/// SIMD lanes (the standard library has no vector logarithm). For positive, normal `x`:
/// `x = m * 2^e` with `m` in [sqrt(1/2), sqrt(2)), `ln x = e ln 2 + 2 atanh(t)`,
/// `t = (m - 1) / (m + 1)`, the series `2 (t + t^3/3 + ... + t^21/21)` (|t| < 0.172, so the
/// first term left out is below 1e-18 of the result). Within a few units in the last place
/// of `Foundation.log`.
enum LaneMath {
    typealias Lanes = SIMD8<Double>
    typealias Bits = SIMD8<UInt64>

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
        // 1/21 + t^2 (1/19 + t^2 (... + t^2 (1/3 + t^2) ...)) by Horner's rule, then times 2t.
        var series = Lanes(repeating: 0.047619047619047616)
        series = series * t2 + 0.05263157894736842
        series = series * t2 + 0.058823529411764705
        series = series * t2 + 0.06666666666666667
        series = series * t2 + 0.07692307692307693
        series = series * t2 + 0.09090909090909091
        series = series * t2 + 0.1111111111111111
        series = series * t2 + 0.14285714285714285
        series = series * t2 + 0.2
        series = series * t2 + 0.3333333333333333
        series = series * t2 + 1.0
        let lnM = 2 * t * series
        // ln 2 in two parts, so that e * ln2High is exact.
        return e * 0.693_147_180_369_123_816_49 + (e * 1.908_214_929_270_587_7e-10 + lnM)
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
        series = series * r + 2.08767569878681e-09
        series = series * r + 2.505210838544172e-08
        series = series * r + 2.755731922398589e-07
        series = series * r + 2.7557319223985893e-06
        series = series * r + 2.48015873015873e-05
        series = series * r + 0.0001984126984126984
        series = series * r + 0.001388888888888889
        series = series * r + 0.008333333333333333
        series = series * r + 0.041666666666666664
        series = series * r + 0.16666666666666666
        series = series * r + 0.5
        series = series * r + 1.0
        series = series * r + 1.0
        // 2^k: k + 1023 in the exponent field (k + 1023 + 2^52 read as a double's low bits).
        let biased = unsafeBitCast(k + (1023 + 0x1p52), to: Bits.self) & 0x7FF
        return series * unsafeBitCast(biased &<< 52, to: Lanes.self)
    }
}
