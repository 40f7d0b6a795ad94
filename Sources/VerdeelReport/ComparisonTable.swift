import Foundation
import VerdeelCore
import VerdeelSimulation

/// Winners and losers between two scenarios: per measure, the change of every region's
/// amount (B - A) per year and in total, in euros, in percent of A's total and in euros per
/// inhabitant per year (the total / the years shown / inhabitants: the unit of a loss
/// threshold). Measures and
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

    /// The tables for a terminal of ``TextGrid/terminalWidth`` columns: consecutive years
    /// whose changes are the same for every region share one column (`2028-2032 each`); a
    /// table still wider leaves the years out unless `wide`.
    public func render(wide: Bool = false) -> String {
        var text = TextGrid.wrapped(
            "Changes from scenario \(Self.named(first)) to \(Self.named(second)) (EUR; + means \(second.plan.name) gives more; "
                + "per \(Self.singular(perIndicator)) per year: the total / the years / \(perIndicator))")
        var unchanged = [String]()
        var narrowed = false
        let regions = self.regions
        for (id, title) in measures {
            let a = first.allocations.first { $0.measure == id }
            let b = second.allocations.first { $0.measure == id }
            let years = Array(Set(b?.years.map(\.year) ?? []).union(a?.years.map(\.year) ?? [])).sorted()
            let deltas = regions.map { region in
                years.map { year in (b?.year(year)?.amount(for: region.code)?.cents ?? 0) - (a?.year(year)?.amount(for: region.code)?.cents ?? 0) }
            }
            let groups = Self.groups(years.indices.map { y in deltas.map { $0[y] } })
            let labels = groups.map { $0.count == 1 ? String(years[$0[0]]) : "\(years[$0[0]])-\(years[$0[$0.count - 1]]) each" }
            let ends = ["total", "%", "per \(Self.singular(perIndicator)) per year"]
            var full = [["code", "region"] + labels + ends], short = [["code", "region"] + ends]
            var changes = [(name: String, total: Int64)]()
            for (r, region) in regions.enumerated() {
                let total = deltas[r].reduce(0, +)
                let before = years.reduce(Int64(0)) { $0 + (a?.year($1)?.amount(for: region.code)?.cents ?? 0) }
                changes.append((region.name + Self.presence(region.code, first, second), total))
                let perYear = perPerson(region.code).map { Self.perUnit(Double(total) / 100 / Double(max(years.count, 1)) / $0) } ?? "-"
                let summary = [Self.signed(total), Self.percent(total, of: before), perYear]
                full.append([region.code, region.name] + groups.map { Self.signed(deltas[r][$0[0]]) } + summary)
                short.append([region.code, region.name] + summary)
            }
            let presence = a == nil ? " (only in \(second.plan.name))" : b == nil ? " (only in \(first.plan.name))" : ""
            if years.allSatisfy({ year in regions.allSatisfy { same($0.code, year, a, b) } }) {
                unchanged.append(title + presence)
                continue
            }
            let grid = TextGrid(full).render()
            let tooWide = !wide && TextGrid.width(of: grid) > TextGrid.terminalWidth
            narrowed = narrowed || tooWide
            text += "\n\(title)\(presence)\n" + (tooWide ? TextGrid(short).render() : grid)
            let winners = changes.filter { $0.total > 0 }.sorted { $0.total > $1.total }.map(\.name)
            let losers = changes.filter { $0.total < 0 }.sorted { $0.total < $1.total }.map(\.name)
            text += TextGrid.wrapped("winners: \(winners.isEmpty ? "none" : winners.joined(separator: ", "))")
            text += TextGrid.wrapped("losers: \(losers.isEmpty ? "none" : losers.joined(separator: ", "))")
        }
        if !unchanged.isEmpty { text += "\n" + TextGrid.wrapped("unchanged: \(unchanged.joined(separator: "; "))") }
        if narrowed { text += TextGrid.wrapped("(the changes per year are left out to fit \(TextGrid.terminalWidth) columns: --wide shows them)") }
        return text
    }

    /// Consecutive indices whose `columns` are equal, as runs.
    static func groups(_ columns: [[Int64]]) -> [[Int]] {
        var groups = [[Int]]()
        for (index, column) in columns.enumerated() {
            if let last = groups.last?.last, columns[last] == column { groups[groups.count - 1].append(index) } else { groups.append([index]) }
        }
        return groups
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

    /// A scenario's id, with its title when it has one: `jongerenwerk_60_40 ("Jongerenwerk 60/40")`.
    static func named(_ run: ScenarioRun) -> String {
        run.plan.title.map { "\(run.plan.name) (\"\($0)\")" } ?? run.plan.name
    }

    /// `inhabitants` -> `inhabitant`: the column reads "per inhabitant".
    static func singular(_ indicator: String) -> String {
        indicator.count > 3 && indicator.hasSuffix("s") ? String(indicator.dropLast()) : indicator
    }

    static func signed(_ cents: Int64) -> String {
        let digits = AllocationTable.euros(Money(cents: abs(cents)))
        return cents > 0 ? "+" + digits : cents < 0 ? "-" + digits : "0"
    }

    /// A change in percent of the amount before, one decimal and a sign: `+12.5%`; `-` when
    /// there was nothing before.
    static func percent(_ change: Int64, of before: Int64) -> String {
        guard before != 0 else { return "-" }
        let text = String(format: "%.1f%%", abs(Double(change) / Double(before) * 100))
        return text == "0.0%" ? text : (change > 0 ? "+" : "-") + text
    }

    /// Euros per person with exactly two decimals and a sign: `+12.50`, `-3.07`, `0.00`.
    static func perUnit(_ value: Double) -> String {
        let text = String(format: "%.2f", abs(value))
        return text == "0.00" ? text : (value > 0 ? "+" : "-") + text
    }
}
