import VerdeelTables
import Foundation
import VerdeelData

/// What every section of a report needs: the input, the words and numbers of the
/// language, the municipalities' names and the order of measures and years as the results
/// have them.
struct ReportContext {
    let input: ReportInput
    let language: ReportLanguage
    let numbers: NumberText
    let regionNames: [String: String]
    let allocations: AllocationTotals

    init(_ input: ReportInput, language: ReportLanguage) {
        self.input = input
        self.language = language
        numbers = NumberText(language: language)
        var names = [String: String]()
        for row in input.rows("allocations") {
            if let code = row["region"], names[code] == nil { names[code] = row["region_name"] ?? code }
        }
        regionNames = names
        allocations = AllocationTotals(input.rows("allocations"))
    }

    func say(_ dutch: String, _ english: String) -> String { language.pick(dutch, english) }

    /// A scenario's title, or its id when it has none.
    func scenarioTitle(_ id: String) -> String { input.scenarioTitles[id] ?? id }

    /// A column's name in the report's language.
    func label(_ column: Column) -> String { say(column.dutch, column.english) }

    func regionName(_ code: String) -> String { regionNames[code] ?? code }

    /// A choropleth of `values` (euros per inhabitant per year by region code) as a figure, its
    /// hatch pattern named by `id` (unique in the page); for regions not all on the 2024 map,
    /// a note saying there is no map, never a map with wrong colours.
    func map(_ values: [String: Double], scale: ChoroplethMap.Scale, title: String, id: String) -> String {
        guard let map = MunicipalityMap.netherlands2024, !values.isEmpty, map.covers(values.keys) else {
            return "<p class=\"note\">" + SVG.escaped(say("Geen kaart: niet alle gemeenten staan op de kaart van 2024.", "No map: not every municipality is on the 2024 map.")) + "</p>"
        }
        let classes = scale == .change ? MapClasses.changes(values, thresholds: input.lossThresholds) : MapClasses.quantiles(values, count: 5)
        return Figure.of(ChoroplethMap(
            title: title, map: map, classes: classes, scale: scale, names: regionNames, words: { language.pick($0) },
            credit: say("Grenzen: ", "Boundaries: ") + MunicipalityMap.credit + " (2024)", patternID: "hatch-" + id))
    }

    func measureTitle(_ id: String) -> String { input.measureTitles[id] ?? id }

    /// A parameter's or factor's name for people (``ParameterWords``), from its id.
    func parameter(_ id: String) -> String {
        ParameterWords(measureTitles: input.measureTitles, regionNames: regionNames).words(id, in: language)
    }

    /// "Ontmoetingsplekken 2026", or "... alle jaren" for the total over the years (year nil).
    func label(_ measure: String, _ year: Int?) -> String {
        measureTitle(measure) + " " + (year.map(String.init) ?? say("alle jaren", "all years"))
    }

    /// The key of a measure and year in a switch, e.g. `wijk-2026` or `wijk-all`.
    static func key(_ measure: String, _ year: Int?) -> String {
        measure + "-" + (year.map(String.init) ?? "all")
    }

    /// The measures and years of a table's rows for the scenario, in their order.
    static func measureYears(_ rows: [[String: String]]) -> [(measure: String, year: Int)] {
        var seen = Set<String>(), result = [(measure: String, year: Int)]()
        for row in rows {
            guard let measure = row["measure"], let year = row["year"].flatMap(Int.init) else { continue }
            if seen.insert(measure + "\u{1}" + String(year)).inserted { result.append((measure, year)) }
        }
        return result
    }

    /// The first of `panelMeasures` (each panel's measure) that changed against the
    /// baseline, so a report with a baseline opens on a change; 0 without one.
    func firstChanged(_ panelMeasures: [String]) -> Int {
        guard let baseline = input.baseline else { return 0 }
        let changed = allocations.changed(input.scenario, baseline)
        return panelMeasures.firstIndex(where: changed.contains) ?? 0
    }

    /// A switch between panels: `choices` for the select, `panels` with their HTML; the
    /// panel `selected` is shown first.
    static func switchView(group: String, label: String, panels: [(key: String, label: String, html: String)], selected: Int = 0) -> [String: Any] {
        [
            "group": group, "chooseLabel": label, "several": panels.count > 1,
            "choices": panels.enumerated().map { index, panel in ["key": panel.key, "label": panel.label, "selected": index == selected] as [String: Any] },
            "panels": panels.enumerated().map { index, panel in ["key": panel.key, "html": panel.html, "selected": index == selected] as [String: Any] },
        ]
    }
}

/// The amounts of each scenario, measure, year and region, components added up exactly.
struct AllocationTotals {
    struct Key: Hashable {
        let scenario, measure: String
        let year: Int
        let region: String
    }

    private(set) var amounts = [Key: Decimal]()
    private(set) var inhabitants = [String: Double]()
    private(set) var measures = [String]()
    private(set) var years = [String: [Int]]()
    private(set) var regions = [String: [String]]()

    init(_ rows: [[String: String]]) {
        for row in rows {
            guard let scenario = row["scenario"], let measure = row["measure"], let region = row["region"], let year = row["year"].flatMap(Int.init),
                let amount = row["amount"].flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) })
            else { continue }
            if !measures.contains(measure) { measures.append(measure) }
            if years[measure]?.contains(year) != true { years[measure, default: []].append(year) }
            if regions[scenario]?.contains(region) != true { regions[scenario, default: []].append(region) }
            amounts[Key(scenario: scenario, measure: measure, year: year, region: region), default: 0] += amount
            if let count = row["inhabitants"].flatMap(Double.init), count > 0 { inhabitants[region] = count }
        }
    }

    func measures(of scenario: String) -> [String] {
        measures.filter { measure in (years[measure] ?? []).contains { year in (regions[scenario] ?? []).contains { amounts[Key(scenario: scenario, measure: measure, year: year, region: $0)] != nil } } }
    }

    /// The measures whose amounts differ between two scenarios in some year and region.
    func changed(_ scenario: String, _ baseline: String) -> Set<String> {
        let all = Set((regions[scenario] ?? []) + (regions[baseline] ?? []))
        return Set(measures.filter { measure in
            (years[measure] ?? []).contains { year in all.contains { amount(scenario, measure, year, $0) != amount(baseline, measure, year, $0) } }
        })
    }

    /// The amount of a year, or of all years when `year` is nil.
    func amount(_ scenario: String, _ measure: String, _ year: Int?, _ region: String) -> Decimal {
        if let year { return amounts[Key(scenario: scenario, measure: measure, year: year, region: region)] ?? 0 }
        return (years[measure] ?? []).reduce(0) { $0 + (amounts[Key(scenario: scenario, measure: measure, year: $1, region: region)] ?? 0) }
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
