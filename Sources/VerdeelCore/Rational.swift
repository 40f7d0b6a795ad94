import BigInt

/// An exact rational number `numerator / denominator` with arbitrary-size parts and a
/// positive denominator, kept unreduced (the few values it holds stay small): the exact
/// weights of a key when a close rounding decision must be made without rounding error.
public struct Rational: Sendable {
    public let numerator: BigInt
    /// Always positive.
    public let denominator: BigInt

    /// `numerator / denominator`; `nil` when the denominator is not positive.
    public init?(_ numerator: BigInt, _ denominator: BigInt) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    private init(unchecked numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// A whole number.
    public init(integer: Int) {
        self.init(unchecked: BigInt(integer), 1)
    }

    /// The fraction's exact value.
    public init(_ fraction: Fraction) {
        self.init(unchecked: BigInt(fraction.numerator), BigInt(fraction.denominator))
    }

    /// The exact value of a finite double (every double is `M * 2^e` for integers `M`, `e`);
    /// `nil` for infinity and NaN.
    public init?(exactly value: Double) {
        guard let (significand, exponent) = Self.binary(value) else { return nil }
        let sign = value < 0 ? BigInt(-1) : BigInt(1)
        if exponent >= 0 {
            self.init(unchecked: sign * (BigInt(significand) << exponent), 1)
        } else {
            self.init(unchecked: sign * BigInt(significand), BigInt(1) << -exponent)
        }
    }

    /// `|value| = significand * 2^exponent` with an integer significand; `nil` when not finite.
    static func binary(_ value: Double) -> (significand: UInt64, exponent: Int)? {
        guard value.isFinite else { return nil }
        guard value != 0 else { return (0, 0) }
        let bits = value.significandBitPattern
        return value.isNormal ? (bits | 1 << 52, Int(value.exponent) - 52) : (bits, -1074)
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        Rational(unchecked: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        Rational(unchecked: lhs.numerator * rhs.denominator - rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        Rational(unchecked: lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }

    /// The quotient; `nil` when `rhs` is zero.
    public func dividing(by rhs: Rational) -> Rational? {
        guard rhs.numerator != 0 else { return nil }
        let sign = rhs.numerator < 0 ? BigInt(-1) : BigInt(1)
        return Rational(unchecked: sign * numerator * rhs.denominator, sign * denominator * rhs.numerator)
    }

    /// One.
    public static let one = Rational(unchecked: 1, 1)

    /// Whether the two are the same number.
    public func isEqual(to other: Rational) -> Bool {
        numerator * other.denominator == other.numerator * denominator
    }

    /// Whether the value is above zero.
    public var isPositive: Bool { numerator > 0 }

    /// The value as a ``Fraction`` in lowest terms; nil when it is negative or a part does
    /// not fit in 64 bits.
    public var fraction: Fraction? {
        let divisor = BigInt(numerator.magnitude.greatestCommonDivisor(with: denominator.magnitude))
        guard divisor > 0, let top = Int64(exactly: numerator / divisor), let bottom = Int64(exactly: denominator / divisor) else { return nil }
        return Fraction(top, bottom)
    }
}
