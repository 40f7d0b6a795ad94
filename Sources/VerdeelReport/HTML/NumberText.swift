import Foundation

/// Numbers as a reader of the report's language writes them: in Dutch `€ 1.234.567`,
/// `12,5%`, `0,2078`; in English `€1,234,567`, `12.5%`, `0.2078`. Axis labels of large
/// amounts are shortened (`€ 2,5 mln`, `€2.5M`).
struct NumberText: Sendable {
    let language: ReportLanguage

    /// A number with `decimals` decimals and digit grouping.
    func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        let digits = Array(parts[0])
        let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { String(digits[max(0, $0 - 3)..<$0]) }
        let (thousands, point) = language == .nl ? (".", ",") : (",", ".")
        let whole = groups.joined(separator: thousands)
        let negative = value < 0 && text.contains(where: { $0 != "0" && $0 != "." })
        return (negative ? "-" : "") + whole + (parts.count > 1 ? point + parts[1] : "")
    }

    /// Euros: whole, or with cents.
    func euros(_ value: Double, cents: Bool = false) -> String {
        let amount = number(value, decimals: cents ? 2 : 0)
        return language == .nl ? "€ " + amount : "€" + amount
    }

    /// A signed change in euros: `+€ 1.234`, `-€ 56`.
    func change(_ value: Double, cents: Bool = false) -> String {
        let amount = euros(abs(value), cents: cents)
        return (value > 0 ? "+" : value < 0 ? "-" : "") + amount
    }

    /// A fraction as a percentage: 0.125 -> `12,5%`.
    func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals) + "%"
    }

    /// An axis label of euros, shortened for millions.
    func axisEuros(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1_000_000 {
            let millions = value / 1_000_000
            let decimals = millions == millions.rounded() ? 0 : 1
            return language == .nl ? "€ \(number(millions, decimals: decimals)) mln" : "€\(number(millions, decimals: decimals))M"
        }
        return euros(value, cents: size < 10 && value != value.rounded())
    }
}
