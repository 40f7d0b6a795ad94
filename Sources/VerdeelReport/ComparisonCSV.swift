import Foundation
import VerdeelCore
import VerdeelSimulation

/// Winners and losers between two scenarios as data (`compare --format csv|csv-nl|json`):
/// one row per measure, year and region of either scenario, with both amounts (whole
/// euros; a side that lacks the measure, year or region counts 0), the change B - A, the
/// change in percent of A's amount (empty when A's is 0) and per inhabitant (B's table,
/// else A's; empty without inhabitants).
///
/// CSV header: `from,to,measure,year,region,region_name,amount_from,amount_to,change,change_percent,change_per_inhabitant`.
public struct ComparisonCSV {
    public struct Row: Encodable, Equatable {
        public let from, to, measure: String
        public let year: Int
        public let region, regionName: String
        public let amountFrom, amountTo, change: Decimal
        public let changePercent: Double?
        public let changePerInhabitant: Double?
    }

    public let rows: [Row]
    let style: AllocationCSV.Style

    public init(_ first: ScenarioRun, _ second: ScenarioRun, style: AllocationCSV.Style = .standard, perIndicator: String = "inhabitants") {
        let table = ComparisonTable(first, second, perIndicator: perIndicator)
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
        self.rows = rows
        self.style = style
    }

    private static func people(_ code: String, _ runs: [ScenarioRun], _ indicator: String) -> Double? {
        for run in runs {
            if let index = run.table.index(of: code), let values = run.table.indicators[indicator], values[index] > 0 { return values[index] }
        }
        return nil
    }

    public func render() -> String {
        let separator = style == .dutch ? ";" : ","
        func number(_ text: String) -> String { style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text }
        func optional(_ value: Double?) -> String { value.map { number(String(format: "%.6f", $0)) } ?? "" }
        let header = ["from", "to", "measure", "year", "region", "region_name", "amount_from", "amount_to", "change", "change_percent", "change_per_inhabitant"]
        var lines = [header.joined(separator: separator)]
        for row in rows {
            let text = [row.from, row.to, row.measure, String(row.year), row.region, row.regionName].map { AllocationCSV.quoted(AllocationCSV.text($0), separator: separator) }
            let numbers = [row.amountFrom, row.amountTo, row.change].map { number("\($0)") } + [optional(row.changePercent), optional(row.changePerInhabitant)]
            lines.append((text + numbers).joined(separator: separator))
        }
        return (style == .dutch ? AllocationCSV.byteOrderMark : "") + lines.joined(separator: "\n") + "\n"
    }
}
