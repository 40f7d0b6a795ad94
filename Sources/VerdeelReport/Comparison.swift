import Foundation
import VerdeelCore
import VerdeelSimulation
import VerdeelTables

/// Winners and losers between scenarios as data (`compare --format csv|csv-nl|json`): for
/// each scenario after the first, one row per measure, year and region of any scenario,
/// with its amount and the first's (whole euros; a side that lacks the measure, year or
/// region counts 0), the change B - A, the change in percent of A's amount (empty when A's
/// is 0) and per inhabitant (B's table, else A's; empty without inhabitants).
///
/// Columns: `from,to,measure,year,region,region_name,amount_from,amount_to,change,change_percent,change_per_inhabitant`.
public struct Comparison {
    public struct Row: Encodable, Equatable {
        public let from, to, measure: String
        public let year: Int
        public let region, regionName: String
        public let amountFrom, amountTo, change: Decimal
        public let changePercent: Double?
        public let changePerInhabitant: Double?
    }

    public let rows: [Row]

    /// `runs[1...]` each against `runs[0]`.
    public init(_ runs: [ScenarioRun], perIndicator: String = "inhabitants") {
        let table = ComparisonTable(runs, perIndicator: perIndicator)
        var rows = [Row]()
        guard let first = runs.first else {
            self.rows = []
            return
        }
        for second in runs.dropFirst() {
            rows += Self.rows(first, second, table: table, perIndicator: perIndicator)
        }
        self.rows = rows
    }

    private static func rows(_ first: ScenarioRun, _ second: ScenarioRun, table: ComparisonTable, perIndicator: String) -> [Row] {
        var rows = [Row]()
        for (id, _) in table.measures {
            let a = first.allocations.first { $0.measure == id }, b = second.allocations.first { $0.measure == id }
            let years = Array(Set(a?.years.map(\.year) ?? []).union(b?.years.map(\.year) ?? [])).sorted()
            for year in years {
                for region in table.regions {
                    let before = a?.year(year)?.amount(for: region.code)?.cents ?? 0
                    let after = b?.year(year)?.amount(for: region.code)?.cents ?? 0
                    let change = after - before
                    let people = Self.people(region.code, [second, first], perIndicator)
                    rows.append(Row(
                        from: first.plan.name, to: second.plan.name, measure: id, year: year, region: region.code, regionName: region.name,
                        amountFrom: Decimal(before) / 100, amountTo: Decimal(after) / 100, change: Decimal(change) / 100,
                        changePercent: before != 0 ? Double(change) / Double(before) * 100 : nil,
                        changePerInhabitant: people.map { Double(change) / 100 / $0 }))
                }
            }
        }
        return rows
    }

    private static func people(_ code: String, _ runs: [ScenarioRun], _ indicator: String) -> Double? {
        for run in runs {
            if let index = run.table.index(of: code), let values = run.table.indicators[indicator], values[index] > 0 { return values[index] }
        }
        return nil
    }

    /// The columns of a change, after the columns that say what is compared.
    static let changeColumns = [
        Column.measure, .year, .region, .regionName,
        Column("amount_from", .euro, dutch: "bedrag van", english: "amount from", "the amount on the side compared from (the first scenario, or the old vintage), euros"),
        Column("amount_to", .euro, dutch: "bedrag naar", english: "amount to", "the amount on the side compared to, euros"),
        Column("change", .euro, dutch: "verschil", english: "change", "amount_to - amount_from, euros"),
        Column("change_percent", .percentage, dutch: "verschil (%)", english: "change percent", "the change in percent of amount_from (empty where it is 0)"),
        Column("change_per_inhabitant", .euroCents, dutch: "verschil per inwoner", english: "change per inhabitant", "the change per inhabitant, euros (empty without inhabitants)"),
    ]

    /// `compare`: one row per measure, year and region.
    public func table() -> ResultTable {
        let columns = [Column("from", .text, dutch: "van", english: "from", "the first scenario, which every other is compared with"), Column("to", .text, dutch: "naar", english: "to", "the scenario compared with it")]
            + Self.changeColumns
        return ResultTable(name: "compare", title: .init(dutch: "Vergelijking", english: "Compare"), columns: columns, rows: rows.map { [.text($0.from), .text($0.to)] + $0.cells })
    }
}

extension Comparison.Row {
    /// The cells of ``Comparison/changeColumns``.
    var cells: [Cell] {
        [.text(measure), .whole(year), .text(region), .text(regionName)] + [amountFrom, amountTo, change].map(Self.cell)
            + [changePercent.map { .number($0, places: 6) } ?? .empty, changePerInhabitant.map { .number($0, places: 6) } ?? .empty]
    }

    private static func cell(_ amount: Decimal) -> Cell {
        let text = "\(amount)"
        return .number(NSDecimalNumber(decimal: amount).doubleValue, text)
    }
}
