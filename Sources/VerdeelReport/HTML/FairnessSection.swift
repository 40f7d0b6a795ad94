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
        let sources = context.input.rows("gini_sources").filter { $0["scenario"] == scenario }
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
            panels.append((ReportContext.key(measure, year), context.label(measure, year), chart + sourceChart(context, sources, measure: measure, year: year)))
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

    /// The Gini of the measure and year split by the parts of the amount (`gini_sources`):
    /// one bar per part, its contribution (they add up to the Gini; a negative one makes the
    /// allocation more equal). Empty for `all`, which has no parts.
    static func sourceChart(_ context: ReportContext, _ rows: [[String: String]], measure: String, year: Int) -> String {
        let here = rows.filter { $0["measure"] == measure && $0["year"] == String(year) }
        let bars = here.compactMap { row -> (String, Double)? in
            guard let value = row["contribution"].flatMap(Double.init) else { return nil }
            return (partName(row, context), value)
        }
        guard !bars.isEmpty else { return "" }
        let numbers = context.numbers
        return Figure.of(BarChart(
            title: context.label(measure, year) + ": " + context.say(
                "Gini naar deel van het bedrag (bijdrage; samen de Gini)", "Gini by part of the amount (contribution; together the Gini)"),
            labels: bars.map(\.0), values: bars.map(\.1),
            valueText: { numbers.number($0, decimals: 4) }, axisText: { numbers.number($0, decimals: 2) }, diverging: true))
    }

    /// A part's name: the criterion of a key part, else base, limits or rounding in the
    /// report's language, with its component in brackets.
    static func partName(_ row: [String: String], _ context: ReportContext) -> String {
        let part = row["part"] ?? ""
        let name: String
        switch part {
        case "key": name = context.say("sleutel: ", "key: ") + (row["criterion"] ?? "")
        case "base": name = context.say("vaste voet", "base")
        case "limits": name = context.say("grenzen", "limits")
        case "rounding": name = context.say("afronding", "rounding")
        default: name = part
        }
        return (row["component"] ?? "").isEmpty ? name : "\(name) (\(row["component"] ?? ""))"
    }
}
