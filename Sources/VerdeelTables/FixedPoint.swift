import Foundation

/// A double written with a fixed number of decimals, exactly as `String(format: "%.Nf")`
/// writes it (the decimal nearest to the double's exact binary value, a tie to the even
/// digit, the sign of a negative value kept even when it rounds to zero), but without
/// printf, which takes about a microsecond a number: a table writes thousands.
///
/// For a normal double `m × 2^e` (`m` the 53-bit significand) and `N` decimals the text is
/// the integer nearest to `m × 5^N × 2^(e + N)` with a point before its last `N` digits;
/// the product is exact in 128 bits for magnitudes below 2^60 and up to 9 decimals. Other
/// values (not finite, subnormal, larger) are written by printf.
public enum FixedPoint {
    public static func text(_ value: Double, places: Int) -> String {
        let magnitude = value.magnitude
        guard value.isFinite, (0...9).contains(places), magnitude == 0 || (magnitude.isNormal && magnitude < 0x1p60) else {
            return String(format: "%.\(places)f", value)
        }
        let sign = value.sign == .minus ? "-" : ""
        var scaled = UInt128(0)
        if magnitude != 0 {
            let significand = UInt128(magnitude.significandBitPattern | (1 << 52))
            var power = UInt128(1)
            for _ in 0..<places { power *= 5 }
            let product = significand * power
            let shift = Int(magnitude.exponent) - 52 + places
            if shift >= 0 {
                scaled = product << UInt128(shift)
            } else if -shift < 128 {
                let dropped = -shift
                let kept = product >> UInt128(dropped)
                let rest = product & ((UInt128(1) << UInt128(dropped)) - 1)
                let half = UInt128(1) << UInt128(dropped - 1)
                scaled = rest > half || (rest == half && kept & 1 == 1) ? kept + 1 : kept
            }
        }
        var digits = String(scaled)
        if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
        guard places > 0 else { return sign + digits }
        let point = digits.index(digits.endIndex, offsetBy: -places)
        return sign + digits[..<point] + "." + digits[point...]
    }
}
