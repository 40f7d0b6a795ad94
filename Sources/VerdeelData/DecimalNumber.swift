#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text to the nearest double, fast: sample and output files of a sensitivity
/// analysis hold millions of numbers, and the C library's `strtod` (185 ns a number on the
/// reference machine) and Swift's `Double(_:)` (about 370 ns) would take longer than the
/// analysis itself. This is the Eisel-Lemire conversion (Lemire, "Number parsing at a
/// gigabyte per second", Software: Practice and Experience 51, 2021): the decimal
/// significand w (up to 19 digits) times the 128-bit 5^q of ``PowersOfFive``, rounded to
/// nearest, ties to even; correctly rounded in every case it accepts. Numbers it does not
/// accept (more than 19 significant digits, subnormal results, a product too close to a
/// rounding boundary) go to `strtod`, which is correctly rounded too, so every result is
/// the double `strtod` gives.
public enum DecimalNumber {
    /// What ``scan(_:from:)`` found at a position.
    public enum Token: Equatable, Sendable {
        case number(Double, end: Int)
        /// `nan`, `inf`, `infinity` with an optional sign (any case).
        case notFinite(end: Int)
        case invalid
    }

    /// The number that starts at `start` in `bytes` (no leading blanks): its value and the
    /// index just past it. The caller checks that a separator follows.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Token {
        guard let base = bytes.baseAddress, start < bytes.count else { return .invalid }
        let end = base + bytes.count
        var p = base + start
        let negative = p.pointee == UInt8(ascii: "-")
        if negative || p.pointee == UInt8(ascii: "+") { p += 1 }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "i") || p.pointee | 0x20 == UInt8(ascii: "n"),
            let stop = notFiniteWord(bytes, from: p - base) {
            return .notFinite(end: stop)
        }
        var significand: UInt64 = 0
        var digits = 0, exponent = 0, seenDigit = false
        while p < end, p.pointee == UInt8(ascii: "0") { p += 1; seenDigit = true }
        while p < end, case let d = p.pointee &- 48, d < 10 {
            if digits < 19 { significand = significand &* 10 &+ UInt64(d) } else { exponent += 1 }
            digits += 1
            p += 1
            seenDigit = true
        }
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            if significand == 0 {
                while p < end, p.pointee == UInt8(ascii: "0") { p += 1; exponent -= 1; seenDigit = true }
            }
            while digits + 8 <= 19, end - p >= 8, let eight = eightDigits(p) {
                significand = significand &* 100_000_000 &+ eight
                digits += 8
                exponent -= 8
                p += 8
                seenDigit = true
            }
            while p < end, case let d = p.pointee &- 48, d < 10 {
                if digits < 19 { significand = significand &* 10 &+ UInt64(d); exponent -= 1 }
                digits += 1
                p += 1
                seenDigit = true
            }
        }
        guard seenDigit else { return .invalid }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            var cursor = p + 1
            let negativeExponent = cursor < end && cursor.pointee == UInt8(ascii: "-")
            if cursor < end, negativeExponent || cursor.pointee == UInt8(ascii: "+") { cursor += 1 }
            var written = 0, seenExponentDigit = false
            while cursor < end, case let d = cursor.pointee &- 48, d < 10 {
                if written < 100_000 { written = written * 10 + Int(d) }
                seenExponentDigit = true
                cursor += 1
            }
            guard seenExponentDigit else { return .invalid }
            exponent += negativeExponent ? -written : written
            p = cursor
        }
        let stop = p - base
        if digits <= 19, let value = eiselLemire(significand, exponent) {
            return .number(negative ? -value : value, end: stop)
        }
        return .number(libraryConversion(bytes, from: start, to: stop), end: stop)
    }

    /// The value of the eight ASCII digits at `pointer`, or nil when one of them is not a digit
    /// (Lemire's SWAR: one 64-bit load, three multiplications).
    @inline(__always)
    private static func eightDigits(_ pointer: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        let high = word & 0xF0F0_F0F0_F0F0_F0F0
        guard high | ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4 == 0x3333_3333_3333_3333 else { return nil }
        var value = word & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    private static func notFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        for word in ["infinity", "inf", "nan"] {
            let letters = Array(word.utf8)
            guard index + letters.count <= bytes.count else { continue }
            if (0..<letters.count).allSatisfy({ bytes[index + $0] | 0x20 == letters[$0] }) {
                return index + letters.count
            }
        }
        return nil
    }

    /// w x 10^q to the nearest double, or nil when the fast path cannot decide it.
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        if w == 0 || q < PowersOfFive.smallestExponent { return w == 0 ? 0 : nil }
        if q > PowersOfFive.largestExponent { return nil }
        let leadingZeros = w.leadingZeroBitCount
        let shifted = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        var product = shifted.multipliedFullWidth(by: PowersOfFive.words[index])
        if product.high & 0x1FF == 0x1FF {
            let second = shifted.multipliedFullWidth(by: PowersOfFive.words[index + 1])
            let (low, carry) = product.low.addingReportingOverflow(second.high)
            product.low = low
            if carry { product.high &+= 1 }
        }
        if product.low == UInt64.max, q < -27 || q > 55 { return nil }
        let upperBit = Int(product.high >> 63)
        var mantissa = product.high >> UInt64(upperBit + 9)
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        guard power2 > 0 else { return nil }
        if product.low <= 1, q >= -4, q <= 23, mantissa & 3 == 1,
            mantissa << UInt64(upperBit + 9) == product.high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= UInt64(2) << 52 {
            mantissa = UInt64(1) << 52
            power2 += 1
        }
        mantissa &= ~(UInt64(1) << 52)
        guard power2 < 0x7FF else { return .infinity }
        return Double(bitPattern: UInt64(power2) << 52 | mantissa)
    }

    private static func libraryConversion(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double {
        var text = Array(bytes[start..<end])
        text.append(0)
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
            } ?? 0
        }
    }
}
