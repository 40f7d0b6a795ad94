import Foundation

/// Winners and losers against the baseline: per measure a table of each municipality's
/// change over all years (euros, per inhabitant per year: the unit of the loss thresholds,
/// percent), and per measure and year
/// diverging bars in euros and per inhabitant, the loss thresholds of the fairness block
/// drawn as dashed lines (a loss per inhabitant beyond one is what the block flags).
enum ChangeSection {
    static func build(_ context: ReportContext) -> [String: Any]? {
        guard let baseline = context.input.baseline else { return nil }
        let totals = context.allocations, scenario = context.input.scenario, numbers = context.numbers
        let regions = totals.regions[scenario] ?? []
        let measures = Array(Set(totals.measures(of: scenario)).union(totals.measures(of: baseline)))
            .sorted { (totals.measures.firstIndex(of: $0) ?? 0) < (totals.measures.firstIndex(of: $1) ?? 0) }
        var tables = [[String: Any]]()
        var panels = [(key: String, label: String, html: String)]()
        var summary = [[String: Any]]()
        for measure in measures {
            let change = { (year: Int?, region: String) in totals.amount(scenario, measure, year, region) - totals.amount(baseline, measure, year, region) }
            let winners = regions.filter { change(nil, $0) > 0 }.map(context.regionName), losers = regions.filter { change(nil, $0) < 0 }.map(context.regionName)
            let changed = (totals.years[measure] ?? []).contains { year in regions.contains { change(year, $0) != 0 } }
            summary.append([
                "measure": context.measureTitle(measure),
                "text": !changed ? context.say("geen verschil", "no change")
                    : context.say("meer: ", "more: ") + (winners.isEmpty ? "–" : winners.joined(separator: ", ")) + "; " + context.say("minder: ", "less: ") + (losers.isEmpty ? "–" : losers.joined(separator: ", ")),
            ])
            guard changed else { continue }
            var rows = [[String: Any]]()
            let yearCount = Double(max(totals.years[measure]?.count ?? 1, 1))
            for region in regions {
                let before = totals.amount(baseline, measure, nil, region), delta = change(nil, region)
                let people = totals.inhabitants[region]
                rows.append(["cells": [
                    PageCell.text(region), PageCell.text(context.regionName(region)), PageCell.euros(before, numbers, year: false), PageCell.euros(before + delta, numbers, year: false),
                    PageCell.number(AllocationTotals.double(delta), numbers.change(AllocationTotals.double(delta))),
                    people.map { PageCell.number(AllocationTotals.double(delta) / yearCount / $0, numbers.change(AllocationTotals.double(delta) / yearCount / $0, cents: true)) }
                        ?? PageCell.text(""),
                    before != 0 ? PageCell.number(AllocationTotals.double(delta / before), numbers.percent(AllocationTotals.double(delta / before))) : PageCell.text(""),
                ]])
            }
            let head = [context.say("code", "code"), context.say("gemeente", "municipality"), context.scenarioTitle(baseline), context.scenarioTitle(scenario), context.say("verschil", "change"),
                        context.say("per inwoner per jaar", "per inhabitant per year"), context.say("verschil (%)", "change (%)")]
            tables.append([
                "caption": context.measureTitle(measure) + ": " + context.say("alle jaren", "all years"),
                "head": head.enumerated().map { ["text": $1, "numeric": $0 >= 2] as [String: Any] }, "rows": rows,
            ])
            for year in (totals.years[measure] ?? []).sorted() + [nil] as [Int?] {
                let names = regions.map(context.regionName)
                let values = regions.map { AllocationTotals.double(change(year, $0)) }
                var html = Figure.of(BarChart(
                    title: context.label(measure, year) + ": " + context.say("verschil met \(context.scenarioTitle(baseline)) in euro", "change from \(context.scenarioTitle(baseline)) in euros"), labels: names, values: values,
                    valueText: { numbers.change($0) }, axisText: numbers.axisEuros, diverging: true))
                if regions.allSatisfy({ totals.inhabitants[$0] != nil }) {
                    let perHead = zip(values, regions).map { $0 / (totals.inhabitants[$1] ?? 1) }
                    let markers = year == nil ? [] : context.input.lossThresholds.map {
                        BarChart.Marker(value: -$0, label: context.say("verliesdrempel \(numbers.euros($0, cents: true)) per inwoner", "loss threshold \(numbers.euros($0, cents: true)) per inhabitant"))
                    }
                    html += Figure.of(BarChart(
                        title: context.label(measure, year) + ": " + context.say("verschil per inwoner", "change per inhabitant"), labels: names, values: perHead,
                        valueText: { numbers.change($0, cents: true) }, axisText: { numbers.euros($0) }, markers: markers, diverging: true))
                    let perYear = year == nil ? yearCount : 1
                    html += context.map(
                        Dictionary(uniqueKeysWithValues: zip(regions, perHead.map { $0 / perYear })), scale: .change,
                        title: context.label(measure, year) + ": " + context.say("verschil per inwoner per jaar", "change per inhabitant per year"),
                        id: "change-" + ReportContext.key(measure, year))
                }
                panels.append((ReportContext.key(measure, year), context.label(measure, year), html))
            }
        }
        return [
            "baseline": baseline, "tables": tables, "summary": summary,
            "charts": ReportContext.switchView(group: "change", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels),
        ]
    }
}
