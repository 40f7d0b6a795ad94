import Foundation
import VerdeelCore
import VerdeelSimulation

/// Winners and losers between scenarios: per measure, the change of every region's amount
/// in each scenario against the first (B - A, C - A, ...) per year and in total, in euros,
/// in percent of A's total and in euros per inhabitant per year (the total / the years
/// shown / inhabitants: the unit of a loss threshold). Measures and regions that exist in
/// only some of the scenarios are shown too: what is missing on one side counts as 0 there,
/// so such a region or measure gains or loses everything. A measure whose amounts are the
/// same in all is listed once as unchanged. With more than two scenarios each is named by a
/// letter (A the first), which heads its columns.
public struct ComparisonTable {
    /// The scenario every other is compared with, then the others.
    public let runs: [ScenarioRun]
    /// The indicator amounts are divided by for the per-inhabitant column.
    public let perIndicator: String

    public init(_ runs: [ScenarioRun], perIndicator: String = "inhabitants") {
        self.runs = runs
        self.perIndicator = perIndicator
    }

    private var first: ScenarioRun { runs[0] }
    private var others: ArraySlice<ScenarioRun> { runs.dropFirst() }

    /// The tables for a terminal of ``TextGrid/terminalWidth`` columns: consecutive years
    /// whose changes are the same for every region share one column (`2028-2032 each`); a
    /// table still wider leaves the years out unless `wide`. In `language`'s words and numbers.
    public func render(wide: Bool = false, language: ReportLanguage = .en) -> String {
        guard runs.count >= 2 else { return "" }
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let perYear = perIndicator == "inhabitants" ? say("per inwoner per jaar", "per inhabitant per year") : say("per \(perIndicator) per jaar", "per \(Self.singular(perIndicator)) per year")
        let unit = say("\(perYear): het totaal / de jaren / \(perIndicator)", "\(perYear): the total / the years / \(perIndicator)")
        var text: String
        if runs.count == 2 {
            text = TextGrid.wrapped(say(
                "Verschillen van scenario \(Self.named(first)) naar \(Self.named(runs[1])) (EUR; + betekent dat \(runs[1].plan.name) meer geeft; \(unit))",
                "Changes from scenario \(Self.named(first)) to \(Self.named(runs[1])) (EUR; + means \(runs[1].plan.name) gives more; \(unit))"))
        } else {
            let named = runs.indices.map { "\(Self.letter($0)) = \(Self.named(runs[$0]))" }.joined(separator: ", ")
            text = TextGrid.wrapped(say(
                "Verschillen ten opzichte van scenario A (EUR; + is meer dan A; \(unit)): \(named)", "Changes against scenario A (EUR; + means more than A; \(unit)): \(named)"))
        }
        var unchanged = [String]()
        var narrowed = false
        let regions = self.regions
        for (id, title) in measures {
            let allocations = runs.map { run in run.allocations.first { $0.measure == id } }
            let years = Array(Set(allocations.flatMap { $0?.years.map(\.year) ?? [] })).sorted()
            let presence = Self.presence(of: allocations, in: runs, language)
            if allocations.allSatisfy({ b in years.allSatisfy { year in regions.allSatisfy { Self.amount(allocations[0], year, $0.code) == Self.amount(b, year, $0.code) } } }) {
                unchanged.append(title + presence)
                continue
            }
            var full = [["code", say("gemeente", "region")]], short = [["code", say("gemeente", "region")]]
            var rows = regions.map { [$0.code, $0.name] }
            var shortRows = rows
            var verdicts = [String]()
            for (index, b) in zip(others.indices, allocations.dropFirst()) {
                let prefix = runs.count == 2 ? "" : Self.letter(index) + " "
                let deltas = regions.map { region in years.map { Self.amount(b, $0, region.code) - Self.amount(allocations[0], $0, region.code) } }
                let groups = Self.groups(years.indices.map { y in deltas.map { $0[y] } })
                let labels = groups.map { YearSpans.label($0.map { years[$0] }) + ($0.count == 1 ? "" : say(" elk", " each")) }
                let ends = [say("totaal", "total"), "%", perYear].map { prefix + $0 }
                full[0] += labels.map { prefix + $0 } + ends
                short[0] += ends
                var changes = [(name: String, total: Int64)]()
                for (r, region) in regions.enumerated() {
                    let total = deltas[r].reduce(0, +)
                    let before = years.reduce(Int64(0)) { $0 + Self.amount(allocations[0], $1, region.code) }
                    changes.append((region.name + Self.presence(region.code, [first, runs[index]], language), total))
                    let perPerson = perPerson(region.code, runs[index]).map { Self.perUnit(Double(total) / 100 / Double(max(years.count, 1)) / $0) } ?? "-"
                    let summary = [Self.signed(total), Self.percent(total, of: before), perPerson]
                    rows[r] += groups.map { Self.signed(deltas[r][$0[0]]) } + summary
                    shortRows[r] += summary
                }
                let winners = changes.filter { $0.total > 0 }.sorted { $0.total > $1.total }.map(\.name)
                let losers = changes.filter { $0.total < 0 }.sorted { $0.total < $1.total }.map(\.name)
                let whose = runs.count == 2 ? "" : " in \(Self.letter(index))"
                let none = say("geen", "none")
                verdicts.append(TextGrid.wrapped(say("winnaars", "winners") + "\(whose): \(winners.isEmpty ? none : winners.joined(separator: ", "))"))
                verdicts.append(TextGrid.wrapped(say("verliezers", "losers") + "\(whose): \(losers.isEmpty ? none : losers.joined(separator: ", "))"))
            }
            let grid = TextGrid(full + rows, language: language).render()
            let tooWide = !wide && TextGrid.width(of: grid) > TextGrid.terminalWidth
            narrowed = narrowed || tooWide
            text += "\n\(title)\(presence)\n" + (tooWide ? TextGrid(short + shortRows, language: language).render() : grid) + verdicts.joined()
        }
        if !unchanged.isEmpty { text += "\n" + TextGrid.wrapped(say("ongewijzigd: ", "unchanged: ") + unchanged.joined(separator: "; ")) }
        if narrowed {
            text += TextGrid.wrapped(say(
                "(de verschillen per jaar zijn weggelaten om binnen \(TextGrid.terminalWidth) kolommen te blijven: --wide toont ze)",
                "(the changes per year are left out to fit \(TextGrid.terminalWidth) columns: --wide shows them)"))
        }
        return text
    }

    /// `A`, `B`, ... for the scenario at `index` (then `S27`, ...).
    static func letter(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : "S\(index + 1)"
    }

    /// A region's amount in a year in cents (0 where the measure, year or region is missing).
    static func amount(_ allocation: MeasureAllocation?, _ year: Int, _ code: String) -> Int64 {
        allocation?.year(year)?.amount(for: code)?.cents ?? 0
    }

    /// Consecutive indices whose `columns` are equal, as runs.
    static func groups(_ columns: [[Int64]]) -> [[Int]] {
        var groups = [[Int]]()
        for (index, column) in columns.enumerated() {
            if let last = groups.last?.last, columns[last] == column { groups[groups.count - 1].append(index) } else { groups.append([index]) }
        }
        return groups
    }

    /// Every measure of any scenario: the last's in its order, then those only in earlier ones.
    var measures: [(id: String, title: String)] {
        var listed = [(id: String, title: String)]()
        for run in runs.reversed() {
            for planned in run.plan.measures where !listed.contains(where: { $0.id == planned.id }) { listed.append((planned.id, planned.title)) }
        }
        return listed
    }

    /// Every region of any scenario's table, in code order.
    var regions: [Region] {
        var byCode = [String: Region]()
        for region in runs.flatMap(\.table.regions) where byCode[region.code] == nil { byCode[region.code] = region }
        return byCode.values.sorted { $0.code < $1.code }
    }

    /// The region's value of the per-person indicator (the later scenario's, else the first's).
    private func perPerson(_ code: String, _ later: ScenarioRun) -> Double? {
        for run in [later, first] {
            if let index = run.table.index(of: code), let values = run.table.indicators[perIndicator], values[index] > 0 { return values[index] }
        }
        return nil
    }

    /// " (only in A)" for a region that one of two scenarios does not have.
    static func presence(_ code: String, _ pair: [ScenarioRun], _ language: ReportLanguage) -> String {
        let inFirst = pair[0].table.index(of: code) != nil, inSecond = pair[1].table.index(of: code) != nil
        return inFirst && inSecond ? "" : language.pick(" (alleen in ", " (only in ") + (inFirst ? pair[0].plan.name : pair[1].plan.name) + ")"
    }

    /// " (only in A, C)" for a measure that some scenarios lack.
    static func presence(of allocations: [MeasureAllocation?], in runs: [ScenarioRun], _ language: ReportLanguage) -> String {
        let having = zip(allocations, runs).filter { $0.0 != nil }.map(\.1.plan.name)
        return having.count == runs.count ? "" : language.pick(" (alleen in ", " (only in ") + having.joined(separator: ", ") + ")"
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
