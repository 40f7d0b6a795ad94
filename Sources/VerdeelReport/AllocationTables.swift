import Foundation
import VerdeelCore
import VerdeelSimulation
import VerdeelTables

/// The output contract read by other tools and CI: `allocations` with one row per
/// scenario, measure, component, year and region, `topslices` and `earmarks`. Each amount
/// has the region's inhabitants and the amount per inhabitant next to it
/// (`amount / inhabitants`, empty when the data has no `inhabitants` or the region has
/// none). The formats people open name the measures too (``PeopleNames``).
public struct AllocationTables {
    public let runs: [ScenarioRun]

    public init(_ runs: [ScenarioRun]) {
        self.runs = runs
    }

    static let scenario = Column("scenario", .text, dutch: "scenario", english: "scenario", "the scenario's name")
    static let amount = Column("amount", .euro, dutch: "bedrag", english: "amount", "the amount after rounding, euros (cents where the measure rounds to cents)")

    /// `allocations`: amount in whole euros (or cents) after rounding, exact unrounded.
    public func allocations() -> ResultTable {
        let columns = [
            Self.scenario, .measure, Column("component", .text, dutch: "onderdeel", english: "component", "the measure's component (empty for a measure of one)"),
            .year, .region, .regionName, Self.amount,
            Column("exact", .euroCents, dutch: "exact", english: "exact", "the exact amount before rounding, euros, six decimals"),
            Column("inhabitants", .count, dutch: "inwoners", english: "inhabitants", "the region's inhabitants in the data (empty without them)"),
            Column("amount_per_inhabitant", .euroCents, dutch: "per inwoner", english: "amount per inhabitant", "amount / inhabitants, euros, six decimals"),
        ]
        var rows = [[Cell]]()
        for run in runs {
            let people = Inhabitants(run)
            for measure in run.allocations {
                for year in measure.years {
                    for component in year.components {
                        for region in component.regions {
                            let inhabitants = people.count(region.region.code)
                            rows.append([
                                .text(run.plan.name), .text(measure.measure), .text(component.component ?? ""), .whole(year.year),
                                .text(region.region.code), .text(region.region.name), Self.money(region.amount), .number(region.exact, places: 6),
                                inhabitants.map { .number($0) } ?? .empty, inhabitants.map { .number(region.amount.euros / $0, places: 6) } ?? .empty,
                            ])
                        }
                    }
                }
            }
        }
        return ResultTable(name: "allocations", title: .init(dutch: "Bedragen (lijst)", english: "Amounts (list)"), columns: columns, rows: rows)
    }

    /// `topslices`: one row per top-slice and year.
    public func topslices() -> ResultTable {
        let columns = [
            Self.scenario, .measure, .year, Column("name", .text, dutch: "naam", english: "name", "the top-slice's name"),
            Column("amount", .euro, dutch: "bedrag", english: "amount", "the amount taken off the budget before the keys, euros"),
        ]
        var rows = [[Cell]]()
        for run in runs {
            for measure in run.allocations {
                for year in measure.years {
                    for topslice in year.topslices {
                        rows.append([.text(run.plan.name), .text(measure.measure), .whole(year.year), .text(topslice.name), Self.money(topslice.amount)])
                    }
                }
            }
        }
        return ResultTable(name: "topslices", title: .init(dutch: "Voorafnames", english: "Topslices"), columns: columns, rows: rows)
    }

    /// `earmarks`: per earmark, year and region the least amount to spend on the purpose
    /// (rounded up to the unit), the region's amount, and whether it is met (always `yes`:
    /// an earmark is a share of the region's own amount and moves no money); nil when no
    /// measure has an earmark.
    public func earmarks() -> ResultTable? {
        let columns = [
            Self.scenario, .measure, .year, Column("purpose", .text, dutch: "doel", english: "purpose", "what the earmarked money is for"),
            .region, .regionName,
            Column("required", .euro, dutch: "minimaal", english: "required", "the least amount to spend on the purpose, rounded up to the unit"),
            Self.amount, Column("met", .boolean, dutch: "voldaan", english: "met", "whether the region's amount covers it (true or false)"),
        ]
        var rows = [[Cell]]()
        for run in runs {
            for measure in run.allocations {
                for year in measure.years {
                    for earmark in year.earmarks {
                        guard let region = year.components.first?.regions.first(where: { $0.region.code == earmark.region })?.region,
                            let amount = year.amount(for: earmark.region)
                        else { continue }
                        rows.append([
                            .text(run.plan.name), .text(measure.measure), .whole(year.year), .text(earmark.purpose), .text(region.code),
                            .text(region.name), Self.money(earmark.minimum), Self.money(amount), .boolean(earmark.minimum <= amount),
                        ])
                    }
                }
            }
        }
        return rows.isEmpty ? nil : ResultTable(name: "earmarks", title: .init(dutch: "Oormerken", english: "Earmarks"), columns: columns, rows: rows)
    }

    /// Whole euros without a point, else euros and cents.
    static func money(_ money: Money) -> Cell {
        money.cents % 100 == 0 ? .whole(Int(money.cents / 100)) : .number(money.euros, places: 2)
    }
}
