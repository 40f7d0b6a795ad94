import Foundation

/// What a new vintage of a table changes (`verdeel update-impact`), as data: the rows of
/// ``ComparisonCSV`` between the scenario reading the old vintage and reading the new one,
/// with the table and both vintages in place of the scenarios' names, and whether the
/// region loses more than the loss threshold per inhabitant
/// (`change_per_inhabitant < -threshold`; empty without inhabitants).
///
/// CSV header: `table,vintage_from,vintage_to,measure,year,region,region_name,amount_from,amount_to,change,change_percent,change_per_inhabitant,loss_threshold_per_inhabitant,loses_beyond_threshold`.
public struct UpdateImpactCSV {
    public struct Row: Encodable, Equatable {
        public let table, vintageFrom, vintageTo: String
        public let change: ComparisonCSV.Row
        public let lossThresholdPerInhabitant: Double
        public let losesBeyondThreshold: Bool?
    }

    public let rows: [Row]
    public let lossThreshold: Double
    private let comparison: ComparisonCSV

    public init(_ comparison: ComparisonCSV, table: String, from: String, to: String, lossThreshold: Double) {
        self.comparison = comparison
        self.lossThreshold = lossThreshold
        rows = comparison.rows.map { change in
            Row(table: table, vintageFrom: from, vintageTo: to, change: change, lossThresholdPerInhabitant: lossThreshold,
                losesBeyondThreshold: change.changePerInhabitant.map { $0 < -lossThreshold })
        }
    }

    public func render() -> String {
        let separator = comparison.style == .dutch ? ";" : ","
        func number(_ text: String) -> String { comparison.style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text }
        func optional(_ value: Double?) -> String { value.map { number(String(format: "%.6f", $0)) } ?? "" }
        let header = ["table", "vintage_from", "vintage_to", "measure", "year", "region", "region_name", "amount_from", "amount_to", "change", "change_percent",
                      "change_per_inhabitant", "loss_threshold_per_inhabitant", "loses_beyond_threshold"]
        var lines = [header.joined(separator: separator)]
        for row in rows {
            let c = row.change
            let text = [row.table, row.vintageFrom, row.vintageTo, c.measure, String(c.year), c.region, c.regionName].map { AllocationCSV.quoted(AllocationCSV.text($0), separator: separator) }
            let numbers = [c.amountFrom, c.amountTo, c.change].map { number("\($0)") } + [optional(c.changePercent), optional(c.changePerInhabitant)]
            let loss = [number("\(row.lossThresholdPerInhabitant)"), row.losesBeyondThreshold.map { $0 ? "yes" : "no" } ?? ""]
            lines.append((text + numbers + loss).joined(separator: separator))
        }
        return (comparison.style == .dutch ? AllocationCSV.byteOrderMark : "") + lines.joined(separator: "\n") + "\n"
    }

    /// The regions that lose more than the threshold, per measure and year, for the terminal.
    public func crossingSummary() -> String {
        let losing = rows.filter { $0.losesBeyondThreshold == true }
        guard let first = rows.first else { return "no allocations to compare\n" }
        let heading = "vintage \(first.vintageFrom) -> \(first.vintageTo) of table '\(first.table)': losses beyond EUR \(lossThreshold) per inhabitant"
        guard !losing.isEmpty else { return heading + ": none\n" }
        return heading + ":\n" + losing.map { row in
            let c = row.change
            return "  \(c.measure) \(c.year) \(c.region) \(c.regionName): \(c.change) euros (\(String(format: "%.2f", c.changePerInhabitant ?? 0)) per inhabitant)"
        }.joined(separator: "\n") + "\n"
    }
}
