import Foundation

extension Decimal {
    /// The amount in whole cents, or `nil` if it has a fraction of a cent (never cut off)
    /// or is above ``Money/largest`` in magnitude.
    public var exactCents: Int64? {
        var cents = self * 100
        var whole = Decimal()
        NSDecimalRound(&whole, &cents, 0, .plain)
        guard whole == cents, cents.magnitude <= Decimal(Money.largest.cents) else { return nil }
        return NSDecimalNumber(decimal: whole).int64Value
    }

    /// The nearest double.
    public var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}
