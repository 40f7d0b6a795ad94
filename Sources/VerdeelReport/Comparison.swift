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
        /// The two amounts in cents, for the cells (not encoded: the JSON has the decimals).
        let centsFrom, centsTo: Int64

        private enum CodingKeys: String, CodingKey {
            case from, to, measure, year, region, regionName, amountFrom, amountTo, change, changePercent, changePerInhabitant
        }
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
                        amountFrom: Self.euros(cents: before), amountTo: Self.euros(cents: after), change: Self.euros(cents: change),
                        changePercent: before != 0 ? Double(change) / Double(before) * 100 : nil,
                        changePerInhabitant: people.map { Double(change) / 100 / $0 }, centsFrom: before, centsTo: after))
                }
            }
        }
        return rows
    }

    /// Cents as an exact decimal of euros, built without dividing (Foundation's decimal
    /// division is slow, and a comparison makes three per row).
    static func euros(cents: Int64) -> Decimal {
        Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(cents.magnitude))
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
        [.text(measure), .whole(year), .text(region), .text(regionName)] + [centsFrom, centsTo, centsTo - centsFrom].map(Self.cell)
            + [changePercent.map { .number($0, places: 6) } ?? .empty, changePerInhabitant.map { .number($0, places: 6) } ?? .empty]
    }

    /// An amount in cents as its cell, written as the decimal of euros writes itself
    /// (`1234.5`, `-0.05`, `250000`).
    private static func cell(_ cents: Int64) -> Cell {
        .number(Double(cents) / 100, centsText(cents))
    }

    /// `123456` -> `1234.56`, `12340` -> `123.4`, `12300` -> `123`, `-5` -> `-0.05`.
    static func centsText(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : "", magnitude = cents.magnitude
        let euros = magnitude / 100, rest = magnitude % 100
        if rest == 0 { return sign + String(euros) }
        return sign + String(euros) + (rest % 10 == 0 ? "." + String(rest / 10) : "." + (rest < 10 ? "0" : "") + String(rest))
    }
}
