import VerdeelCore
import VerdeelSimulation

/// Winners and losers between two scenarios: per measure, the change of every region's
/// amount (B - A) per year and in total, in euros and in euros per inhabitant.
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
        for planned in second.plan.measures {
            guard let b = second.allocations.first(where: { $0.measure == planned.id }) else { continue }
            let a = first.allocations.first { $0.measure == planned.id }
            let years = Array(Set(b.years.map(\.year)).union(a?.years.map(\.year) ?? [])).sorted()
            let per = second.table.indicators[perIndicator]
            var rows = [["code", "region"] + years.map(String.init) + ["total"] + (per == nil ? [] : ["per \(perIndicator)"])]
            var changes = [(name: String, total: Int64)]()
            for (index, region) in second.table.regions.enumerated() {
                let deltas = years.map { year in
                    (b.year(year)?.amount(for: region.code)?.cents ?? 0) - (a?.year(year)?.amount(for: region.code)?.cents ?? 0)
                }
                let total = deltas.reduce(0, +)
                changes.append((region.name, total))
                var row = [region.code, region.name] + deltas.map(Self.signed) + [Self.signed(total)]
                if let per { row.append(per[index] > 0 ? Self.perUnit(Double(total) / 100 / per[index]) : "-") }
                rows.append(row)
            }
            text += "\n\(planned.title)\n" + TextGrid(rows).render()
            let winners = changes.filter { $0.total > 0 }.sorted { $0.total > $1.total }.map(\.name)
            let losers = changes.filter { $0.total < 0 }.sorted { $0.total < $1.total }.map(\.name)
            text += "winners: \(winners.isEmpty ? "none" : winners.joined(separator: ", "))\n"
            text += "losers: \(losers.isEmpty ? "none" : losers.joined(separator: ", "))\n"
        }
        return text
    }

    static func signed(_ cents: Int64) -> String {
        let digits = AllocationTable.euros(Money(cents: abs(cents)))
        return cents > 0 ? "+" + digits : cents < 0 ? "-" + digits : "0"
    }

    static func perUnit(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded > 0 ? "+\(rounded)" : rounded == 0 ? "0" : "\(rounded)"
    }
}
