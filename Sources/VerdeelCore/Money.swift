/// An exact amount of money in euro cents. Budgets, bases, top-slices and paid amounts
/// are `Money`, so totals add up exactly; only unrounded shares are `Double`.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The amount in cents.
    public var cents: Int64

    /// An amount in cents.
    public init(cents: Int64) { self.cents = cents }

    /// An amount in whole euros.
    public init(euros: Int64) { self.cents = euros * 100 }

    /// Zero euros.
    public static let zero = Money(cents: 0)

    /// The largest amount a scenario may write: EUR 1,000,000,000,000 (10^14 cents). Sums
    /// of such amounts over every year, component, top-slice and region stay far inside
    /// 64-bit cents (about 9.2 x 10^18), so no sum of accepted amounts can overflow.
    public static let largest = Money(cents: 100_000_000_000_000)

    /// "EUR 1,234.56" for an amount in cents given as a floating-point number, which may be
    /// far beyond 64-bit cents (a floor per inhabitant of a huge indicator value):
    /// such amounts are written in scientific notation, never converted with a trap.
    public static func describe(cents: Double) -> String {
        guard cents.isFinite, cents.magnitude < 9e18 else { return cents.isNaN ? "an undefined amount" : "EUR \(cents / 100)" }
        return Money(cents: Int64(cents.rounded())).description
    }

    /// The amount in euros as a floating-point number (for unrounded arithmetic).
    public var euros: Double { Double(cents) / 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }

    /// "EUR 1,234,567" or "EUR 1,234,567.89": the form used in messages.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = Self.grouped(magnitude / 100)
        let fraction = magnitude % 100
        return fraction == 0 ? "EUR \(sign)\(whole)" : "EUR \(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "EUR 1.234.567" or "EUR 1.234.567,89": the form of Dutch messages.
    public var dutchDescription: String {
        String(description.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    private static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}

extension Money {
    private enum CodingKeys: String, CodingKey { case cents }

    /// Decodes an amount no larger than ``largest`` either way, as a scenario may write it:
    /// a plan read back from JSON can never hold an amount whose sums overflow.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cents = try container.decode(Int64.self, forKey: .cents)
        guard cents.magnitude <= Money.largest.cents.magnitude else {
            throw DecodingError.dataCorruptedError(forKey: .cents, in: container, debugDescription: "\(cents) cents is beyond the largest amount verdeel accepts, \(Money.largest)")
        }
        self.init(cents: cents)
    }
}

extension Sequence where Element == Money {
    /// The exact sum of the amounts.
    public func sum() -> Money { reduce(.zero, +) }
}
