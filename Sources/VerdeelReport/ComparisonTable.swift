import Foundation
import VerdeelCore
import VerdeelSimulation

/// Winners and losers between two scenarios: per measure, the change of every region's
/// amount (B - A) per year and in total, in euros and in euros per inhabitant. Measures and
/// regions that exist in only one of the two scenarios are shown too: what is missing on
/// one side counts as 0 there, so such a region or measure gains or loses everything. A
/// measure whose amounts are the same in both is listed once as unchanged.
public struct ComparisonTable {
    public let first: ScenarioRun
    public let second: ScenarioRun
    /// The indicator amounts are divided by for the per-inhabitant column.
    public let perIndicator: String

    public init(_ first: ScenarioRun, _ second: ScenarioRun, perIndicator: String = "inhabitants") {
        self.first = first
        self.second = second
        self.perIndicator = perIndicator
    }

    public func render() -> String {
        var text = "Changes from scenario \(first.plan.name) to \(second.plan.name) (EUR; + means \(second.plan.name) gives more)\n"
        var unchanged = [String]()
        let regions = self.regions
        for (id, title) in measures {
            let a = first.allocations.first { $0.measure == id }
            let b = second.allocations.first { $0.measure == id }
            let years = Array(Set(b?.years.map(\.year) ?? []).union(a?.years.map(\.year) ?? [])).sorted()
            var rows = [["code", "region"] + years.map(String.init) + ["total", "per \(Self.singular(perIndicator))"]]
            var changes = [(name: String, total: Int64)]()
            for region in regions {
                let deltas = years.map { year in
                    (b?.year(year)?.amount(for: region.code)?.cents ?? 0) - (a?.year(year)?.amount(for: region.code)?.cents ?? 0)
                }
                let total = deltas.reduce(0, +)
                changes.append((region.name + Self.presence(region.code, first, second), total))
                var row = [region.code, region.name] + deltas.map(Self.signed) + [Self.signed(total)]
                row.append(perPerson(region.code).map { Self.perUnit(Double(total) / 100 / $0) } ?? "-")
                rows.append(row)
            }
            let presence = a == nil ? " (only in \(second.plan.name))" : b == nil ? " (only in \(first.plan.name))" : ""
            if years.allSatisfy({ year in regions.allSatisfy { same($0.code, year, a, b) } }) {
                unchanged.append(title + presence)
                continue
            }
            text += "\n\(title)\(presence)\n" + TextGrid(rows).render()
            let winners = changes.filter { $0.total > 0 }.sorted { $0.total > $1.total }.map(\.name)
            let losers = changes.filter { $0.total < 0 }.sorted { $0.total < $1.total }.map(\.name)
            text += "winners: \(winners.isEmpty ? "none" : winners.joined(separator: ", "))\n"
            text += "losers: \(losers.isEmpty ? "none" : losers.joined(separator: ", "))\n"
        }
        if !unchanged.isEmpty { text += "\nunchanged: \(unchanged.joined(separator: "; "))\n" }
        return text
    }

    /// Every measure of either scenario: the second's in its order, then those only in the first.
    var measures: [(id: String, title: String)] {
        let second = self.second.plan.measures.map { ($0.id, $0.title) }
        let onlyFirst = first.plan.measures.filter { planned in !second.contains { $0.0 == planned.id } }.map { ($0.id, $0.title) }
        return second + onlyFirst
    }

    /// Every region of either scenario's table, in code order.
    var regions: [Region] {
        var byCode = [String: Region]()
        for region in first.table.regions + second.table.regions where byCode[region.code] == nil { byCode[region.code] = region }
        return byCode.values.sorted { $0.code < $1.code }
    }

    /// Whether a region's amount in a year is the same in both (also when both lack it).
    private func same(_ code: String, _ year: Int, _ a: MeasureAllocation?, _ b: MeasureAllocation?) -> Bool {
        a?.year(year)?.amount(for: code) == b?.year(year)?.amount(for: code)
    }

    /// The region's value of the per-person indicator (the second scenario's, else the first's).
    private func perPerson(_ code: String) -> Double? {
        for run in [second, first] {
            if let index = run.table.index(of: code), let values = run.table.indicators[perIndicator], values[index] > 0 { return values[index] }
        }
        return nil
    }

    /// " (only in A)" for a region that one of the scenarios does not have.
    static func presence(_ code: String, _ first: ScenarioRun, _ second: ScenarioRun) -> String {
        let inFirst = first.table.index(of: code) != nil, inSecond = second.table.index(of: code) != nil
        return inFirst && inSecond ? "" : " (only in \(inFirst ? first.plan.name : second.plan.name))"
    }

    /// `inhabitants` -> `inhabitant`: the column reads "per inhabitant".
    static func singular(_ indicator: String) -> String {
        indicator.count > 3 && indicator.hasSuffix("s") ? String(indicator.dropLast()) : indicator
    }

    static func signed(_ cents: Int64) -> String {
        let digits = AllocationTable.euros(Money(cents: abs(cents)))
        return cents > 0 ? "+" + digits : cents < 0 ? "-" + digits : "0"
    }

    /// Euros per person with exactly two decimals and a sign: `+12.50`, `-3.07`, `0.00`.
    static func perUnit(_ value: Double) -> String {
        let text = String(format: "%.2f", abs(value))
        return text == "0.00" ? text : (value > 0 ? "+" : "-") + text
    }
}
