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

    public func render(_ language: ReportLanguage = .en) -> String {
        let years = allocation.years
        guard let regions = years.first?.components.first?.regions.map(\.region) else { return "" }
        var rows: [[String]] = [["code", language.pick("gemeente", "region")] + years.map { String($0.year) } + [language.pick("totaal", "total")]]
        for region in regions {
            let minimums = years.map { year in
                year.earmarks.first { $0.purpose == purpose && $0.region == region.code }?.minimum ?? .zero
            }
            rows.append([region.code, region.name] + minimums.map(AllocationTable.euros) + [AllocationTable.euros(minimums.sum())])
        }
        let share = TextGrid.localised(share.percentDescription, language)
        let heading = language.pick(
            "Oormerk '\(purpose)': minstens \(share) van elk bedrag (EUR; altijd voldaan)", "Earmark '\(purpose)': at least \(share) of each amount (EUR; met by construction)")
        return heading + "\n" + TextGrid(rows, rulesAfter: [0], language: language).render()
    }
}
