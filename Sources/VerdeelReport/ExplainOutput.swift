import Foundation
import VerdeelAnalysis
import VerdeelTables

/// An attribution (``ShapleyAttribution``) as the `explain` table and as a line per region.
///
/// explain: `measure,year,region,region_name,provision,contribution,per_inhabitant` (and
/// `standard_error` when the values are sampled), one row per provision and cell and a
/// row `rounding` with what rounding to the euro added; per measure `all` the sums over the
/// measures. Contributions are in euros, unrounded, in the shortest form that reads back
/// as the same double; per inhabitant is empty without inhabitants.
public struct ExplainOutput {
    let attribution: ShapleyAttribution
    let names: [String: String]

    public init(_ attribution: ShapleyAttribution, regionNames: [String: String]) {
        self.attribution = attribution
        names = regionNames
    }

    public func table() -> ResultTable {
        let sampled = attribution.standardErrors != nil
        let columns = [
            Column.measure, .year, .region, .regionName, Column("provision", .text, dutch: "bepaling", english: "provision", "the provision that differs, or rounding"),
            Column("contribution", .euro, dutch: "bijdrage", english: "contribution", "its Shapley value: its share of the change, euros"),
            Column("per_inhabitant", .euroCents, dutch: "per inwoner", english: "per inhabitant", "the contribution per inhabitant, euros (empty without inhabitants)"),
        ] + (sampled ? [Column("standard_error", .euroCents, dutch: "standaardfout", english: "standard error", "the sampled contribution's standard error, euros")] : [])
        var rows = [[Cell]]()
        for (c, cell) in attribution.cells.enumerated() {
            let people = attribution.inhabitants[cell.region]
            func row(_ provision: String, _ value: Double, _ error: Double?) -> [Cell] {
                let perHead: Cell = people.map { $0 > 0 ? .number(value / $0, "\(value / $0)") : .empty } ?? .empty
                let fields: [Cell] = [.text(cell.measure), .whole(cell.year), .text(cell.region), .text(names[cell.region] ?? ""), .text(provision), .number(value, "\(value)"), perHead]
                return fields + (sampled ? [error.map { .number($0, "\($0)") } ?? .empty] : [])
            }
            for (i, provision) in attribution.provisions.enumerated() {
                rows.append(row(provision.description, attribution.contributions[c][i], attribution.standardErrors?[c][i]))
            }
            rows.append(row("rounding", attribution.roundedChange[c] - attribution.exactChange[c], sampled ? 0 : nil))
        }
        return ResultTable(name: "explain", title: .init(dutch: "Verklaring", english: "Explain"), columns: columns, rows: rows)
    }

    /// Per region, over every measure and year together: the change per inhabitant and the
    /// provisions that made it, largest first (at most four, the rest as `other`).
    public func summary() -> String {
        var lines = ["Why the amounts changed (\(attribution.provisions.count) provision\(attribution.provisions.count == 1 ? " differs" : "s differ"); Shapley values\(attribution.standardErrors != nil ? ", sampled" : ""), all measures and years):"]
        let regions = Array(Set(attribution.cells.map(\.region))).sorted()
        for region in regions {
            let rows = attribution.cells.indices.filter { attribution.cells[$0].measure == "all" && attribution.cells[$0].region == region }
            let parts = attribution.provisions.indices.map { i in (attribution.provisions[i].description, rows.reduce(0) { $0 + attribution.contributions[$1][i] }) }
            let rounding = rows.reduce(0) { $0 + attribution.roundedChange[$1] - attribution.exactChange[$1] }
            let total = rows.reduce(0) { $0 + attribution.roundedChange[$1] }
            let divisor = attribution.inhabitants[region].flatMap { $0 > 0 ? $0 : nil }
            func show(_ euros: Double) -> String {
                let value = divisor.map { euros / $0 } ?? euros
                return (value <= -0.005 ? "-" : "+") + String(format: "%.2f", abs(value))
            }
            let sorted = parts.sorted { abs($0.1) != abs($1.1) ? abs($0.1) > abs($1.1) : $0.0 < $1.0 }
            var pieces = sorted.prefix(4).map { "\(show($0.1)) \($0.0)" }
            if sorted.count > 4 { pieces.append("\(show(sorted.dropFirst(4).reduce(0) { $0 + $1.1 })) other") }
            pieces.append("\(show(rounding)) rounding")
            let label = "\(names[region] ?? region) (\(region))"
            lines.append("  \(label): \(show(total).prefix(1))EUR \(show(total).dropFirst())\(divisor == nil ? "" : "/inh") = \(pieces.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
