import VerdeelCore

/// A plain-text table of one measure: a row per region, a column per year, whole euros
/// with digit grouping, then the top-slices and the budget; what a person reads first.
public struct AllocationTable {
    public let allocation: MeasureAllocation
    /// The heading; the measure's name by default.
    public let title: String

    public init(_ allocation: MeasureAllocation, title: String? = nil) {
        self.allocation = allocation
        self.title = title ?? allocation.measure
    }

    /// The rendered table, lines ending in a newline.
    public func render() -> String {
        let years = allocation.years
        guard let regions = years.first?.components.first?.regions.map(\.region) else { return "\(title): no years\n" }
        var rows: [[String]] = [["code", "region"] + years.map { String($0.year) } + ["total"]]
        for region in regions {
            let amounts = years.map { $0.amount(for: region.code) ?? .zero }
            rows.append([region.code, region.name] + amounts.map(Self.euros) + [Self.euros(amounts.sum())])
        }
        let topsliceNames = years.flatMap { $0.topslices.map(\.name) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for name in topsliceNames {
            let amounts = years.map { $0.topslices.filter { $0.name == name }.map(\.amount).sum() }
            rows.append(["", "top-slice \(name)"] + amounts.map(Self.euros) + [Self.euros(amounts.sum())])
        }
        rows.append(["", "budget"] + years.map { Self.euros($0.budget) } + [Self.euros(years.map(\.budget).sum())])
        return "\(title) (EUR)\n" + TextGrid(rows, rulesAfter: [0, regions.count]).render()
    }

    /// Whole euros with comma grouping, e.g. "2,073,424" (cents shown only when present).
    static func euros(_ money: Money) -> String {
        String(money.description.dropFirst(4))
    }
}

