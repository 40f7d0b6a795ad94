import Foundation
import VerdeelCore

extension Decimal {
    /// The exact fraction, e.g. 0.05 -> 1/20; `nil` if negative or too precise for 64 bits.
    var exactFraction: Fraction? {
        let text = "\(self)"
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        guard decimals.count <= 15, let fractional = decimals.isEmpty ? 0 : Int64(decimals) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<decimals.count { denominator *= 10 }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: denominator)
        guard !overflow else { return nil }
        return Fraction(scaled + fractional, denominator)
    }
}
