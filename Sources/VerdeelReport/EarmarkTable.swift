import VerdeelCore

/// A plain-text table of one earmark of a measure: per region and year the least amount
/// the region must spend on the purpose (its share of the region's own amount, rounded up
/// to the unit). The region receives at least that much by construction, since the share
/// is at most 100% of what it gets; no money moves for it.
public struct EarmarkTable {
    public let allocation: MeasureAllocation
    public let purpose: String
    public let share: Fraction

    public init(_ allocation: MeasureAllocation, purpose: String, share: Fraction) {
        self.allocation = allocation
        self.purpose = purpose
        self.share = share
    }

    public func render() -> String {
        let years = allocation.years
        guard let regions = years.first?.components.first?.regions.map(\.region) else { return "" }
        var rows: [[String]] = [["code", "region"] + years.map { String($0.year) } + ["total"]]
        for region in regions {
            let minimums = years.map { year in
                year.earmarks.first { $0.purpose == purpose && $0.region == region.code }?.minimum ?? .zero
            }
            rows.append([region.code, region.name] + minimums.map(AllocationTable.euros) + [AllocationTable.euros(minimums.sum())])
        }
        return "Earmark '\(purpose)': at least \(share.percentDescription) of each amount (EUR; met by construction)\n" + TextGrid(rows, rulesAfter: [0]).render()
    }
}
