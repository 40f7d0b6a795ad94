/// An exact non-negative rational number: percentages of a budget, key weights, component
/// shares. Exact so that "the key sums to 100%" is decided without rounding error
/// (`10% + 20% + 70%` is exactly one) and top-slices are computed to the cent.
public struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The numerator, in lowest terms.
    public let numerator: Int64
    /// The denominator, in lowest terms; always positive.
    public let denominator: Int64

    /// `numerator / denominator` in lowest terms; `nil` when the denominator is zero or
    /// either part is negative.
    public init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator > 0, numerator >= 0 else { return nil }
        let divisor = Self.greatestCommonDivisor(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// `percent` per cent, e.g. `Fraction(percent: 5)` is 1/20; `nil` when negative.
    public init?(percent: Int64) {
        self.init(percent, 100)
    }

    private init(unchecked numerator: Int64, _ denominator: Int64) {
        let divisor = Self.greatestCommonDivisor(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// Zero.
    public static let zero = Fraction(unchecked: 0, 1)
    /// One, i.e. 100%.
    public static let one = Fraction(unchecked: 1, 1)

    /// The value as a double (for unrounded arithmetic).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// The sum, or `nil` if it does not fit in 64-bit numerator and denominator.
    public func adding(_ other: Fraction) -> Fraction? {
        let divisor = Self.greatestCommonDivisor(denominator, other.denominator)
        let (left, o1) = numerator.multipliedReportingOverflow(by: other.denominator / divisor)
        let (right, o2) = other.numerator.multipliedReportingOverflow(by: denominator / divisor)
        let (top, o3) = left.addingReportingOverflow(right)
        let (bottom, o4) = denominator.multipliedReportingOverflow(by: other.denominator / divisor)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return Fraction(unchecked: top, bottom)
    }

    /// `self * units` split into whole part and remainder: `quotient + remainder / denominator`,
    /// computed exactly with 128-bit intermediates; `nil` if the quotient overflows.
    public func times(_ units: Int64) -> (quotient: Int64, remainder: Int64)? {
        guard units >= 0 else { return nil }
        let product = numerator.multipliedFullWidth(by: units)
        guard product.high < denominator else { return nil }
        let result = denominator.dividingFullWidth(product)
        return (result.quotient, result.remainder)
    }

    /// `self * units` rounded to the nearest whole unit, halves rounded up.
    public func roundedTimes(_ units: Int64) -> Int64? {
        guard let (quotient, remainder) = times(units) else { return nil }
        guard remainder.multipliedReportingOverflow(by: 2).partialValue >= denominator else { return quotient }
        let (up, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : up
    }

    /// `self * units` rounded up to a whole unit.
    public func roundedUpTimes(_ units: Int64) -> Int64? {
        guard let (quotient, remainder) = times(units) else { return nil }
        guard remainder > 0 else { return quotient }
        let (up, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : up
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    /// The value as a percentage, e.g. "95%" or "33.333333%".
    public var percentDescription: String {
        let hundredths = Fraction(unchecked: numerator, denominator).times(100)
        guard let (whole, remainder) = hundredths else { return "\(doubleValue * 100)%" }
        if remainder == 0 { return "\(whole)%" }
        let decimals = Double(remainder) / Double(denominator)
        let text = String(decimals).dropFirst()  // ".5"
        return "\(whole)\(text.prefix(7))%"
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    private static func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int64(x)
    }
}

extension Sequence where Element == Fraction {
    /// The exact sum, or `nil` if it overflows 64-bit parts.
    public func sum() -> Fraction? {
        var total = Fraction.zero
        for term in self {
            guard let next = total.adding(term) else { return nil }
            total = next
        }
        return total
    }
}

extension Fraction: Codable {
    private enum CodingKeys: String, CodingKey { case numerator, denominator }

    /// Decodes through `init?(_:_:)`, so a decoded fraction is in lowest terms and a zero
    /// denominator or a negative part is refused, as when it is made in code.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let numerator = try container.decode(Int64.self, forKey: .numerator)
        let denominator = try container.decode(Int64.self, forKey: .denominator)
        guard let fraction = Fraction(numerator, denominator) else {
            throw DecodingError.dataCorruptedError(forKey: .denominator, in: container, debugDescription: "\(numerator)/\(denominator) is no fraction >= 0")
        }
        self = fraction
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numerator, forKey: .numerator)
        try container.encode(denominator, forKey: .denominator)
    }
}
