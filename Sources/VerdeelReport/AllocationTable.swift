import Foundation
import VerdeelCore

/// A plain-text table of one measure: a row per region, a column per year, whole euros
/// with digit grouping, the total and, when the regions have inhabitants, the total per
/// inhabitant (`total / inhabitants`, two decimals); then the top-slices and the budget;
/// what a person reads first.
public struct AllocationTable {
    public let allocation: MeasureAllocation
    /// The heading; the measure's name by default.
    public let title: String
    /// The inhabitants of a region by its code, nil where unknown.
    public let inhabitants: Inhabitants?

    public init(_ allocation: MeasureAllocation, title: String? = nil, inhabitants: Inhabitants? = nil) {
        self.allocation = allocation
        self.title = title ?? allocation.measure
        self.inhabitants = inhabitants
    }

    /// The rendered table in `language`, lines ending in a newline.
    public func render(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let years = allocation.years
        guard let regions = years.first?.components.first?.regions.map(\.region) else { return "\(title): \(say("geen jaren", "no years"))\n" }
        let perInhabitant = inhabitants.map { people in regions.contains { people.count($0.code) != nil } } ?? false
        var rows: [[String]] = [["code", say("gemeente", "region")] + years.map { String($0.year) } + [say("totaal", "total")] + (perInhabitant ? [say("per inwoner", "per inhabitant")] : [])]
        for region in regions {
            let amounts = years.map { $0.amount(for: region.code) ?? .zero }
            let total = amounts.sum()
            let people = perInhabitant ? [inhabitants?.count(region.code).map { Self.grouped(total.euros / $0) } ?? ""] : []
            rows.append([region.code, region.name] + amounts.map(Self.euros) + [Self.euros(total)] + people)
        }
        let topsliceNames = years.flatMap { $0.topslices.map(\.name) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for name in topsliceNames {
            let amounts = years.map { $0.topslices.filter { $0.name == name }.map(\.amount).sum() }
            rows.append(["", say("voorafname \(name)", "top-slice \(name)")] + amounts.map(Self.euros) + [Self.euros(amounts.sum())])
        }
        rows.append(["", "budget"] + years.map { Self.euros($0.budget) } + [Self.euros(years.map(\.budget).sum())])
        return "\(title) (EUR)\n" + TextGrid(rows, rulesAfter: [0, regions.count], language: language).render()
    }

    /// A per-inhabitant amount with two decimals and comma grouping, e.g. "1,234.56".
    static func grouped(_ euros: Double) -> String {
        let text = String(format: "%.2f", euros)
        guard let point = text.firstIndex(of: ".") else { return text }
        let sign = text.hasPrefix("-") ? "-" : ""
        let digits = Array(text[text.index(text.startIndex, offsetBy: sign.count)..<point])
        let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { String(digits[max(0, $0 - 3)..<$0]) }
        return sign + groups.joined(separator: ",") + text[point...]
    }

    /// Whole euros with comma grouping, e.g. "2,073,424" (cents shown only when present).
    static func euros(_ money: Money) -> String {
        String(money.description.dropFirst(4))
    }
}

