import Foundation

/// Who loses more than a loss threshold in each scenario against the first (`compare`): the
/// threshold judges one measure's loss per inhabitant in one year, the unit of a
/// `losses` threshold, so a region is listed with the measure and years where its yearly
/// loss per inhabitant is beyond it, and the largest such loss. With no region beyond it,
/// the largest loss is named, so the reader sees how far below.
public struct LossCrossings {
    public let comparison: Comparison
    /// Euros per inhabitant in one year of one measure.
    public let threshold: Double

    public init(_ comparison: Comparison, threshold: Double) {
        self.comparison = comparison
        self.threshold = threshold
    }

    /// The lists in `language`'s words and numbers.
    public func render(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let euros = { (value: Double) in TextGrid.localised(Self.euros(value), language) }
        var text = ""
        var order = [String]()
        for row in comparison.rows where !order.contains(row.to) { order.append(row.to) }
        for scenario in order {
            let rows = comparison.rows.filter { $0.to == scenario }
            let from = rows.first?.from ?? ""
            let heading = say(
                "Verliezen van meer dan EUR \(euros(threshold)) per inwoner in één jaar van één maatregel, \(scenario) ten opzichte van \(from)",
                "Losses beyond EUR \(euros(threshold)) per inhabitant in one year of one measure, \(scenario) against \(from)")
            let beyond = rows.filter { ($0.changePerInhabitant ?? 0) < -threshold }
            guard !beyond.isEmpty else {
                let largest = rows.filter { ($0.changePerInhabitant ?? 0) < 0 }.min { ($0.changePerInhabitant ?? 0) < ($1.changePerInhabitant ?? 0) }
                let note = largest.map { row in
                    let place = "EUR \(euros(-(row.changePerInhabitant ?? 0))) (\(row.regionName), \(row.measure) \(row.year))"
                    return say("; het grootste is ", "; the largest is ") + place
                } ?? say("; geen gemeente verliest", "; no region loses")
                text += TextGrid.wrapped(heading + say(": geen", ": none") + note)
                continue
            }
            text += TextGrid.wrapped(heading + ":")
            var groups = [(region: String, name: String, measure: String, years: [Int], largest: Double)]()
            for row in beyond {
                let loss = -(row.changePerInhabitant ?? 0)
                if let index = groups.firstIndex(where: { $0.region == row.region && $0.measure == row.measure }) {
                    groups[index].years.append(row.year)
                    groups[index].largest = max(groups[index].largest, loss)
                } else {
                    groups.append((row.region, row.regionName, row.measure, [row.year], loss))
                }
            }
            for group in groups.sorted(by: { $0.largest > $1.largest }) {
                let years = YearSpans.runs(group.years).map(YearSpans.label).joined(separator: ", ")
                text += "  \(group.name) (\(group.region)): \(group.measure) \(years), "
                    + say("tot EUR \(euros(group.largest)) per inwoner in een jaar", "up to EUR \(euros(group.largest)) per inhabitant in a year") + "\n"
            }
        }
        return text
    }

    static func euros(_ value: Double) -> String { String(format: "%.2f", value) }
}
