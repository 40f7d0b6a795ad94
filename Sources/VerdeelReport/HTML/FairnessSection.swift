import Foundation
import VerdeelAnalysis

/// The fairness metrics of the scenario (and the baseline, with the change) per measure and
/// year, and their Lorenz curves.
enum FairnessSection {
    /// A metric's name in the report's language (the code itself if it names none).
    static func metricName(_ metric: String, _ language: ReportLanguage) -> String {
        FairnessMetric(code: metric).map { language.pick($0.words) } ?? metric
    }

    static func build(_ context: ReportContext) -> [String: Any]? {
        let scenario = context.input.scenario, baseline = context.input.baseline
        let rows = context.input.rows("fairness")
        let ours = rows.filter { $0["scenario"] == scenario }
        guard !ours.isEmpty else { return nil }
        let numbers = context.numbers
        let lorenz = context.input.rows("lorenz")
        var panels = [(key: String, label: String, html: String)]()
        var tables = [(key: String, table: [String: Any])]()
        var panelMeasures = [String]()
        for (measure, year) in ReportContext.measureYears(ours) {
            let here = { (name: String) in rows.filter { $0["scenario"] == name && $0["measure"] == measure && $0["year"] == String(year) } }
            let theirs = baseline.map(here) ?? []
            var tableRows = [[String: Any]]()
            for row in here(scenario) {
                guard let metric = row["metric"] else { continue }
                let value = row["value"].flatMap(Double.init)
                let before = theirs.first { $0["metric"] == metric }?["value"].flatMap(Double.init)
                var cells = [PageCell.text(metricName(metric, context.language)), value.map { PageCell.number($0, numbers.number($0, decimals: 4)) } ?? PageCell.text("–")]
                if baseline != nil {
                    cells.append(before.map { PageCell.number($0, numbers.number($0, decimals: 4)) } ?? PageCell.text("–"))
                    cells.append(value.flatMap { v in before.map { PageCell.number(v - $0, (v - $0 >= 0 ? "+" : "") + numbers.number(v - $0, decimals: 4)) } } ?? PageCell.text("–"))
                }
                tableRows.append(["cells": cells])
            }
            let head = [context.say("maat", "metric"), context.scenarioTitle(scenario)] + (baseline.map { [context.scenarioTitle($0), context.say("verschil", "change")] } ?? [])
            tables.append((ReportContext.key(measure, year), ["caption": context.label(measure, year), "head": head.enumerated().map { ["text": $1, "numeric": $0 >= 1] as [String: Any] }, "rows": tableRows, "footer": [] as [Any]]))
            let curves = ([scenario] + (baseline.map { [$0] } ?? [])).enumerated().map { index, name in
                LorenzChart.Curve(
                    name: context.scenarioTitle(name),
                    points: lorenz.filter { $0["scenario"] == name && $0["measure"] == measure && $0["year"] == String(year) }.compactMap { row in
                        guard let population = row["population_share"].flatMap(Double.init), let amount = row["amount_share"].flatMap(Double.init) else { return nil }
                        return (population, amount)
                    },
                    dashed: index == 1)
            }.filter { !$0.points.isEmpty }
            let chart = curves.isEmpty ? "" : Figure.of(LorenzChart(
                title: context.label(measure, year) + ": " + context.say("Lorenzcurve (inwoners naar bedrag per inwoner)", "Lorenz curve (inhabitants by amount per inhabitant)"),
                curves: curves, percentText: { numbers.percent($0, decimals: 0) }, equalityLabel: context.say("gelijke verdeling", "equal shares")))
            panels.append((ReportContext.key(measure, year), context.label(measure, year), chart))
            panelMeasures.append(measure)
        }
        var view = ReportContext.switchView(
            group: "fairness", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels, selected: context.firstChanged(panelMeasures))
        // Each panel holds its metrics table (rendered by the template) and its Lorenz chart.
        view["panels"] = (view["panels"] as? [[String: Any]] ?? []).enumerated().map { index, panel in
            var panel = panel
            panel["table"] = tables[index].table
            return panel
        }
        return view
    }
}
