import VerdeelTables
import Foundation
import VerdeelData

/// The allocations as people read them, built from the `allocations` table (with the names
/// of ``PeopleNames``): per measure a sheet named by the measure's title up to its first
/// comma, with a row per scenario and region, a column per year (components added up), the
/// total, the inhabitants and the total per inhabitant, and a total row per scenario; and
/// one sheet of every amount per inhabitant (`amount / inhabitants`), its measures named the
/// same way. Each scenario's block starts with its title where it has one.
/// Sums are exact (decimal).
struct AllocationPivot {
    private struct Key: Hashable {
        let scenario, measure, region: String
    }

    private var measures = [String]()
    private var years = [String: [Int]]()
    private var rows = [String: [Key]]()
    private var names = [String: String]()
    private var measureNames = [String: String]()
    private var scenarioTitles = [String: String]()
    private var people = [Key: Double]()
    private var amounts = [Key: [Int: Decimal]]()

    private let columns: [Column]

    init(_ table: ResultTable) {
        columns = table.columns
        let column = Dictionary(table.columns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for record in table.rows {
            func field(_ name: String) -> String { column[name].flatMap { $0 < record.count ? record[$0].csvText : nil } ?? "" }
            guard let year = Int(field("year")), let amount = Decimal(string: field("amount"), locale: Locale(identifier: "en_US_POSIX")) else { continue }
            let key = Key(scenario: field("scenario"), measure: field("measure"), region: field("region"))
            if !measures.contains(key.measure) { measures.append(key.measure) }
            if years[key.measure]?.contains(year) != true { years[key.measure, default: []].append(year) }
            if amounts[key] == nil { rows[key.measure, default: []].append(key) }
            amounts[key, default: [:]][year, default: 0] += amount
            names[key.region] = field("region_name")
            let title = field("scenario_title")
            if !title.isEmpty, title != key.scenario { scenarioTitles[key.scenario] = title }
            if measureNames[key.measure] == nil, let name = field("measure_name").split(separator: ",", maxSplits: 1).first { measureNames[key.measure] = String(name) }
            if let count = Double(field("inhabitants")), count > 0 { people[key] = count }
        }
    }

    func sheets(_ language: ReportLanguage) -> [Workbook.Sheet] {
        let columns = self.columns
        let word = { (id: String) in columns.first { $0.id == id }.map { language.pick($0.dutch, $0.english) } ?? id }
        let total = language.pick("totaal", "total")
        var sheets = [Workbook.Sheet]()
        var perInhabitant = [[Workbook.Cell]]()
        var perInhabitantYears = [Int]()
        for measure in measures {
            let years = (self.years[measure] ?? []).sorted()
            perInhabitantYears = Array(Set(perInhabitantYears).union(years)).sorted()
            let header = [word("scenario"), word("region"), word("region_name")] + years.map(String.init) + [total, word("inhabitants"), word("amount_per_inhabitant")]
            var cells = [[Workbook.Cell]]()
            var scenarioTotal = [Int: Decimal]()
            var scenario: String?
            func closeScenario() {
                guard let scenario else { return }
                let values = years.map { scenarioTotal[$0] ?? 0 }
                cells.append([.heading(scenario), .empty, .heading(total)] + values.map { .number(Self.double($0), .euro) } + [.number(Self.double(values.reduce(0, +)), .euro)])
                scenarioTotal = [:]
            }
            for key in rows[measure] ?? [] {
                if scenario != key.scenario {
                    closeScenario()
                    scenario = key.scenario
                    if let title = scenarioTitles[key.scenario] { cells.append([.caption(title)]) }
                }
                let values = years.map { amounts[key]?[$0] ?? 0 }
                for (year, value) in zip(years, values) { scenarioTotal[year, default: 0] += value }
                let total = values.reduce(0, +)
                let count = people[key]
                cells.append([.text(key.scenario), .text(key.region), .text(names[key.region] ?? "")] + values.map { .number(Self.double($0), .euro) }
                    + [.number(Self.double(total), .euro), count.map { .number($0, .count) } ?? .empty, count.map { .number(Self.double(total) / $0, .euroCents) } ?? .empty])
            }
            closeScenario()
            sheets.append(Workbook.Sheet(name: measureNames[measure] ?? measure, header: header, rows: cells))
        }
        for measure in measures {
            for key in rows[measure] ?? [] {
                guard let count = people[key] else { continue }
                let values = perInhabitantYears.map { year -> Workbook.Cell in amounts[key]?[year].map { .number(Self.double($0) / count, .euroCents) } ?? .empty }
                perInhabitant.append([.text(key.scenario), .text(measureNames[measure] ?? measure), .text(key.region), .text(names[key.region] ?? "")] + values)
            }
        }
        if !perInhabitant.isEmpty {
            let header = [word("scenario"), word("measure"), word("region"), word("region_name")] + perInhabitantYears.map(String.init)
            sheets.append(Workbook.Sheet(name: language.pick("Per inwoner", "Per inhabitant"), header: header, rows: perInhabitant))
        }
        return sheets
    }

    private static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}
