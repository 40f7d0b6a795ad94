import VerdeelCore
import VerdeelSimulation
import VerdeelTables

/// Where each region stands on the criteria of every key (`criteria`): per measure and key
/// criterion, the criterion's weight, the region's value `x_m`, its share `x_m / sum(x)` of
/// the criterion (what the weight is spread by), its rank among the regions (1 for the
/// largest value; regions with equal values share the best rank of them), the number of
/// regions and the median value over them (the mean of the middle two for an even number).
/// A municipality's page shows its rows against the others'.
public struct CriterionTables {
    let run: ScenarioRun

    public init(_ run: ScenarioRun) {
        self.run = run
    }

    static let columns = [
        Column.measure, Column("criterion", .text, dutch: "criterium", english: "criterion", "the key's criterion"),
        Column("weight", .fraction, dutch: "gewicht", english: "weight", "the criterion's weight in the measure's key, a fraction"),
        Column.region, Column.regionName,
        Column("value", .decimal, dutch: "waarde", english: "value", "the criterion's value for the region"),
        Column("share", .fraction, dutch: "aandeel", english: "share", "value / the sum over the regions, a fraction"),
        Column("rank", .ordinal, dutch: "rang", english: "rank", "1 for the largest value; equal values share the best rank"),
        Column("regions", .count, dutch: "gemeenten", english: "regions", "the number of regions"),
        Column("median", .decimal, dutch: "mediaan", english: "median", "the median value over the regions"),
    ]

    /// The rows of the regions in `codes` (all regions when nil), measure by measure in the
    /// plan's order, criteria in the key's order, regions in the table's order. A criterion
    /// that cannot be evaluated (the allocation would have failed first) has no rows.
    public func table(regions codes: Set<String>? = nil) -> ResultTable {
        var rows = [[Cell]]()
        let regions = run.table.regions
        for planned in run.plan.measures {
            for term in planned.measure.key.terms {
                guard let values = try? term.criterion.values(over: run.table) else { continue }
                let total = values.reduce(0, +)
                let sorted = values.sorted()
                let median = sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
                for (index, region) in regions.enumerated() where codes?.contains(region.code) ?? true {
                    let value = values[index]
                    let rank = 1 + values.filter { $0 > value }.count
                    rows.append([
                        .text(planned.id), .text(term.criterion.name), .number(term.weight.doubleValue), .text(region.code), .text(region.name),
                        .number(value), .number(total > 0 ? value / total : 0, places: 6), .whole(rank), .whole(regions.count), .number(median),
                    ])
                }
            }
        }
        return ResultTable(name: "criteria", title: .init(dutch: "Criteria", english: "Criteria"), columns: Self.columns, rows: rows)
    }
}
