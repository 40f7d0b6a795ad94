import VerdeelAnalysis
import VerdeelTables

/// `fairness` (`scenario,measure,year,metric,value,value_exact`: every metric on the rounded
/// and on the unrounded amounts, empty where a metric is undefined) and `lorenz`
/// (`scenario,measure,year,rank,region,region_name,population_share,amount_share`, rank 0 the (0, 0)
/// point with no region). Numbers in full (the shortest text that reads back as the same
/// double).
public struct FairnessTables {
    public let reports: [(scenario: String, report: FairnessReport)]
    /// Each region's name by its code, for `lorenz`.
    public let regionNames: [String: String]

    public init(_ reports: [(scenario: String, report: FairnessReport)], regionNames: [String: String] = [:]) {
        self.reports = reports
        self.regionNames = regionNames
    }

    static let scenario = Column("scenario", .text, dutch: "scenario", english: "scenario", "the scenario's name")

    public func metrics() -> ResultTable {
        let columns = [
            Self.scenario, .measure, .year,
            Column("metric", .text, dutch: "maat", english: "metric", "the fairness metric (gini, theil, atkinson_EPSILON, suits, ...)"),
            Column("value", .decimal, dutch: "waarde", english: "value", "the metric on the rounded amounts (empty where undefined)"),
            Column("value_exact", .decimal, dutch: "waarde exact", english: "value exact", "the metric on the exact amounts before rounding"),
        ]
        var rows = [[Cell]]()
        for (scenario, report) in reports {
            for row in report.rows {
                rows.append([.text(scenario), .text(row.measure), .whole(row.year), .text(row.metric.description), Self.cell(row.value), Self.cell(row.exact)])
            }
        }
        return ResultTable(name: "fairness", title: .init(dutch: "Eerlijkheid", english: "Fairness"), columns: columns, rows: rows)
    }

    public func lorenz() -> ResultTable {
        let columns = [
            Self.scenario, .measure, .year,
            Column("rank", .ordinal, dutch: "rang", english: "rank", "the point's place on the curve, from 0 (the origin, no region)"),
            Column("region", .regionCode, dutch: "code", english: "region", "the region added at this point (empty at rank 0)"),
            .regionName,
            Column("population_share", .fraction, dutch: "aandeel inwoners", english: "population share", "the cumulative share of the population"),
            Column("amount_share", .fraction, dutch: "aandeel bedrag", english: "amount share", "the cumulative share of the amount"),
        ]
        var rows = [[Cell]]()
        for (scenario, report) in reports {
            for curve in report.curves {
                for point in curve.curve.points {
                    rows.append([
                        .text(scenario), .text(curve.measure), .whole(curve.year), .whole(point.rank), .text(point.region ?? ""), .text(point.region.flatMap { regionNames[$0] } ?? ""),
                        Self.cell(point.populationShare), Self.cell(point.amountShare),
                    ])
                }
            }
        }
        return ResultTable(name: "lorenz", title: .init(dutch: "Lorenzcurve", english: "Lorenz"), columns: columns, rows: rows)
    }

    /// `gini_sources`: per measure and year, the Gini of the rounded amounts per inhabitant
    /// split by the parts the amounts are made of (Lerman-Yitzhaki, ``GiniDecomposition``):
    /// the contributions add up to the Gini in `fairness`.
    public func sources() -> ResultTable {
        let columns = [
            Self.scenario, .measure, .year,
            Column("component", .text, dutch: "onderdeel", english: "component", "the measure's component (empty when it has none)"),
            Column("part", .text, dutch: "deel", english: "part", "base, key (one criterion's part of the key), limits (what floors, caps and transition limits moved) or rounding"),
            Column("criterion", .text, dutch: "criterium", english: "criterion", "the key's criterion of a key part (empty otherwise)"),
            Column("share", .fraction, dutch: "aandeel", english: "share", "S_k: the part's share of the amount"),
            Column("gini", .decimal, dutch: "gini", english: "gini", "G_k: the part's own Gini per inhabitant (empty when it adds up to 0)"),
            Column("correlation", .decimal, dutch: "correlatie", english: "correlation", "R_k: the part's Gini correlation with the amount (empty when the part is the same per inhabitant everywhere)"),
            Column("contribution", .decimal, dutch: "bijdrage", english: "contribution", "S_k G_k R_k: the part's contribution; they add up to the Gini"),
            Column("elasticity", .decimal, dutch: "elasticiteit", english: "elasticity", "contribution / Gini - S_k: the Gini's relative change when the part grows 1% (empty when the Gini is 0)"),
        ]
        var rows = [[Cell]]()
        for (scenario, report) in reports {
            for row in report.sources {
                let figures = row.figures
                rows.append([
                    .text(scenario), .text(row.measure), .whole(row.year), .text(row.source.component ?? ""), .text(row.source.part.rawValue), .text(row.source.criterion ?? ""),
                    Self.cell(figures.share), Self.cell(figures.gini), Self.cell(figures.correlation), Self.cell(figures.contribution), Self.cell(figures.elasticity),
                ])
            }
        }
        return ResultTable(name: "gini_sources", title: .init(dutch: "Gini naar bron", english: "Gini by source"), columns: columns, rows: rows)
    }

    /// `gini_regions`: per measure (and `all`) and year, each region's contribution
    /// `pi_i sum_j pi_j |y_i - y_j| / (2 mu)` to the Gini of the rounded amounts per inhabitant.
    public func regions() -> ResultTable {
        let columns = [
            Self.scenario, .measure, .year, Column.region, .regionName,
            Column("per_inhabitant", .euroCents, dutch: "per inwoner", english: "per inhabitant", "the region's amount per inhabitant (of the population the metrics use), euros"),
            Column("population_share", .fraction, dutch: "aandeel inwoners", english: "population share", "the region's share of the population"),
            Column("contribution", .decimal, dutch: "bijdrage", english: "contribution", "the region's contribution to the Gini; they add up to the Gini"),
        ]
        var rows = [[Cell]]()
        for (scenario, report) in reports {
            for row in report.regions {
                rows.append([
                    .text(scenario), .text(row.measure), .whole(row.year), .text(row.region), .text(regionNames[row.region] ?? ""),
                    Self.cell(row.perInhabitant), Self.cell(row.populationShare), Self.cell(row.contribution),
                ])
            }
        }
        return ResultTable(name: "gini_regions", title: .init(dutch: "Gini naar gemeente", english: "Gini by region"), columns: columns, rows: rows)
    }

    /// One metric's change between two scenarios (`compare_fairness`).
    public struct Change: Encodable, Equatable {
        public let from, to: String
        public let measure: String
        public let year: Int
        public let metric: String
        public let valueFrom, valueTo, change: Double?
    }

    /// Every metric of `from` and `to` per measure and year, and its change `to - from`
    /// (empty where either is undefined), in `from`'s order then what only `to` has.
    public static func changes(from: (scenario: String, report: FairnessReport), to: (scenario: String, report: FairnessReport)) -> [Change] {
        var values = [String: (from: Double?, to: Double?)]()
        var order = [(measure: String, year: Int, metric: FairnessMetric)]()
        for (side, report) in [(0, from.report), (1, to.report)] {
            for row in report.rows {
                let key = "\(row.measure)\u{0}\(row.year)\u{0}\(row.metric)"
                if values[key] == nil { order.append((row.measure, row.year, row.metric)) }
                var pair = values[key] ?? (nil, nil)
                if side == 0 { pair.from = row.value } else { pair.to = row.value }
                values[key] = pair
            }
        }
        return order.map { entry in
            let pair = values["\(entry.measure)\u{0}\(entry.year)\u{0}\(entry.metric)"] ?? (nil, nil)
            let change = pair.from.flatMap { from in pair.to.map { $0 - from } }
            return Change(from: from.scenario, to: to.scenario, measure: entry.measure, year: entry.year, metric: entry.metric.description, valueFrom: pair.from, valueTo: pair.to, change: change)
        }
    }

    /// `compare_fairness`: the rows of ``changes(from:to:)``.
    public static func changesTable(_ changes: [Change]) -> ResultTable {
        let columns = [
            Column("from", .text, dutch: "van", english: "from", "the first scenario, which every other is compared with"),
            Column("to", .text, dutch: "naar", english: "to", "the scenario compared with it"),
            Column.measure, .year, Column("metric", .text, dutch: "maat", english: "metric", "the fairness metric (higher is more unequal, except suits: see docs/fairness.md)"),
            Column("value_from", .decimal, dutch: "waarde van", english: "value from", "the metric in the scenario `from` (rounded amounts)"),
            Column("value_to", .decimal, dutch: "waarde naar", english: "value to", "the metric in the scenario `to`"),
            Column("change", .decimal, dutch: "verschil", english: "change", "value_to - value_from"),
        ]
        let rows = changes.map { [.text($0.from), .text($0.to), .text($0.measure), .whole($0.year), .text($0.metric), cell($0.valueFrom), cell($0.valueTo), cell($0.change)] }
        return ResultTable(name: "compare_fairness", title: .init(dutch: "Eerlijkheid vergeleken", english: "Fairness compared"), columns: columns, rows: rows)
    }

    /// A metric's value; empty where it is undefined.
    static func cell(_ value: Double?) -> Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(value, FairnessReport.cell(value))
    }
}
