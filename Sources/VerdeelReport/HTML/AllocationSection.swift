import Foundation

/// The allocation per municipality and year: per measure a sortable table (years, total,
/// total per inhabitant) and, per measure and year, bar charts of the amounts and of the
/// amounts per inhabitant.
enum AllocationSection {
    static func build(_ context: ReportContext) -> [String: Any]? {
        let totals = context.allocations, scenario = context.input.scenario
        let regions = totals.regions[scenario] ?? []
        let measures = totals.measures(of: scenario)
        guard !measures.isEmpty else { return nil }
        let numbers = context.numbers
        var tables = [[String: Any]]()
        var panels = [(key: String, label: String, html: String)]()
        var panelMeasures = [String]()
        for measure in measures {
            let years = (totals.years[measure] ?? []).sorted()
            let head = [context.say("code", "code"), context.say("gemeente", "municipality")] + years.map(String.init) + [context.say("totaal", "total"), context.say("per inwoner", "per inhabitant")]
            var rows = [[String: Any]]()
            for region in regions {
                let amounts = years.map { totals.amount(scenario, measure, $0, region) }
                let total = amounts.reduce(0, +)
                let people = totals.inhabitants[region]
                var cells = [PageCell.text(region), PageCell.text(context.regionName(region))]
                cells += amounts.map { PageCell.euros($0, numbers, year: true) }
                cells.append(PageCell.euros(total, numbers, year: false))
                cells.append(people.map { PageCell.number(AllocationTotals.double(total) / $0, numbers.euros(AllocationTotals.double(total) / $0, cents: true)) } ?? PageCell.text(""))
                rows.append(["cells": cells])
            }
            let columnTotals = years.map { year in regions.reduce(Decimal(0)) { $0 + totals.amount(scenario, measure, year, $1) } }
            let footer = [PageCell.text(""), PageCell.text(context.say("totaal", "total"))] + columnTotals.map { PageCell.euros($0, numbers, year: false) }
                + [PageCell.euros(columnTotals.reduce(0, +), numbers, year: false), PageCell.text("")]
            tables.append([
                "caption": context.measureTitle(measure) + " (" + context.say("bedragen in euro", "amounts in euros") + ")", "measure": measure,
                "head": head.enumerated().map { ["text": $1, "numeric": $0 >= 2] as [String: Any] }, "rows": rows, "footer": footer, "hasFooter": true,
            ])
            for year in years + [nil] as [Int?] {
                let values = regions.map { AllocationTotals.double(totals.amount(scenario, measure, year, $0)) }
                let names = regions.map(context.regionName)
                let amountChart = BarChart(
                    title: context.label(measure, year) + ": " + context.say("bedrag per gemeente", "amount per municipality"), labels: names, values: values,
                    valueText: { numbers.euros($0) }, axisText: numbers.axisEuros)
                var html = Figure.of(amountChart)
                let perHead = regions.map { totals.inhabitants[$0] }
                if perHead.allSatisfy({ $0 != nil }) {
                    let perInhabitant = zip(values, perHead).map { $0 / ($1 ?? 1) }
                    html += Figure.of(BarChart(
                        title: context.label(measure, year) + ": " + context.say("bedrag per inwoner", "amount per inhabitant"), labels: names, values: perInhabitant,
                        valueText: { numbers.euros($0, cents: true) }, axisText: { numbers.euros($0) }))
                    let perYear = Double(year == nil ? max(years.count, 1) : 1)
                    let values = Dictionary(uniqueKeysWithValues: zip(regions, zip(values, perHead).map { $0 / ($1 ?? 1) / perYear }))
                    html += context.map(
                        values, scale: .amount, title: context.label(measure, year) + ": " + context.say("bedrag per inwoner per jaar", "amount per inhabitant per year"),
                        id: "allocation-" + ReportContext.key(measure, year))
                }
                panels.append((ReportContext.key(measure, year), context.label(measure, year), html))
                panelMeasures.append(measure)
            }
        }
        return [
            "tables": tables,
            "charts": ReportContext.switchView(
                group: "allocation", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels, selected: context.firstChanged(panelMeasures)),
        ]
    }
}

/// A table cell: the text shown and the value sorted by (and checked against the CSV).
enum PageCell {
    static func text(_ text: String) -> [String: Any] { ["text": text, "value": text, "numeric": false] }

    static func number(_ value: Double, _ text: String) -> [String: Any] { ["text": text, "value": String(value), "numeric": true] }

    static func euros(_ value: Decimal, _ numbers: NumberText, year: Bool) -> [String: Any] {
        ["text": numbers.euros(AllocationTotals.double(value)), "value": "\(value)", "numeric": true, "amount": year]
    }
}
