import Foundation
import VerdeelTables

/// What a new vintage of a table changes (`verdeel update-impact`), as data: the rows of
/// ``Comparison`` between the scenario reading the old vintage and reading the new one,
/// with the table and both vintages in place of the scenarios' names, and whether the
/// region loses more than the loss threshold per inhabitant
/// (`change_per_inhabitant < -threshold`; empty without inhabitants).
///
/// Columns: `table,vintage_from,vintage_to,measure,year,region,region_name,amount_from,amount_to,change,change_percent,change_per_inhabitant,loss_threshold_per_inhabitant,loses_beyond_threshold`.
public struct UpdateImpactRows {
    public struct Row: Encodable, Equatable {
        public let table, vintageFrom, vintageTo: String
        public let change: Comparison.Row
        public let lossThresholdPerInhabitant: Double
        public let losesBeyondThreshold: Bool?
    }

    public let rows: [Row]
    public let lossThreshold: Double

    public init(_ comparison: Comparison, table: String, from: String, to: String, lossThreshold: Double) {
        self.lossThreshold = lossThreshold
        rows = comparison.rows.map { change in
            Row(table: table, vintageFrom: from, vintageTo: to, change: change, lossThresholdPerInhabitant: lossThreshold,
                losesBeyondThreshold: change.changePerInhabitant.map { $0 < -lossThreshold })
        }
    }

    /// `update_impact`: one row per measure, year and region.
    public func table() -> ResultTable {
        let columns = [
            Column.named("table", .text, "the data table that has a new vintage"), .named("vintage_from", .text, "its old vintage"),
            .named("vintage_to", .text, "its new vintage"),
        ] + Comparison.changeColumns + [
            .named("loss_threshold_per_inhabitant", .decimal, "the loss threshold, euros per inhabitant"),
            .named("loses_beyond_threshold", .boolean, "true where change_per_inhabitant < -loss_threshold_per_inhabitant (empty without inhabitants)"),
        ]
        let cells = rows.map { row -> [Cell] in
            [.text(row.table), .text(row.vintageFrom), .text(row.vintageTo)] + row.change.cells
                + [.number(row.lossThresholdPerInhabitant, "\(row.lossThresholdPerInhabitant)"), row.losesBeyondThreshold.map { .boolean($0) } ?? .empty]
        }
        return ResultTable(name: "update_impact", title: .init(dutch: "Gevolgen update", english: "Update impact"), columns: columns, rows: cells)
    }

    /// The regions that lose more than the threshold, for the terminal. The threshold judges
    /// one measure's loss per inhabitant in one year (its unit, said in the heading); with no
    /// region beyond it, the largest such loss is named, so the reader sees how far below.
    public func crossingSummary(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let euros = { (value: Double) in TextGrid.localised(String(format: "%.2f", value), language) }
        let losing = rows.filter { $0.losesBeyondThreshold == true }
        guard let first = rows.first else { return say("geen bedragen om te vergelijken", "no allocations to compare") + "\n" }
        let heading = say(
            "jaargang \(first.vintageFrom) -> \(first.vintageTo) van tabel '\(first.table)': verliezen van meer dan EUR \(euros(lossThreshold)) "
                + "per inwoner in één jaar van één maatregel (de eenheid van de drempel)",
            "vintage \(first.vintageFrom) -> \(first.vintageTo) of table '\(first.table)': losses beyond EUR \(euros(lossThreshold)) "
                + "per inhabitant in one year of one measure (the threshold's unit)")
        guard !losing.isEmpty else {
            let largest = rows.filter { ($0.change.changePerInhabitant ?? 0) < 0 }.min { ($0.change.changePerInhabitant ?? 0) < ($1.change.changePerInhabitant ?? 0) }
            let note = largest.map { row in
                let c = row.change
                return say("; het grootste is", "; the largest is") + " EUR \(euros(-(c.changePerInhabitant ?? 0))) (\(c.regionName), \(c.measure) \(c.year))"
            } ?? say("; geen gemeente verliest", "; no region loses")
            return TextGrid.wrapped(heading + say(": geen", ": none") + note)
        }
        return TextGrid.wrapped(heading + ":") + losing.map { row in
            let c = row.change, perInhabitant = euros(c.changePerInhabitant ?? 0)
            return "  \(c.measure) \(c.year) \(c.region) \(c.regionName): "
                + say("\(c.change) euro (\(perInhabitant) per inwoner in \(c.year))", "\(c.change) euros (\(perInhabitant) per inhabitant in \(c.year))")
        }.joined(separator: "\n") + "\n"
    }
}
