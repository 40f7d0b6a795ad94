import Foundation

/// A sweep of two weights (or a simplex of three): per measure and year a heatmap of one
/// municipality's mean amount over the first two parameters, and one of the Gini
/// coefficient's mean, where the run has it.
enum HeatmapSection {
    static func build(_ context: ReportContext) -> [String: Any]? {
        let variants = MonteCarloSection.Variants(context.input)
        guard variants.parameters.count == 2 || variants.parameters.count == 3, variants.values.count > 1 else { return nil }
        let numbers = context.numbers
        let summary = context.input.rows("summary")
        let region = context.input.region ?? summary.first?["region"] ?? ""
        let fairness = context.input.rows("fairness_summary").filter { $0["metric"] == "gini" }
        var panels = [(key: String, label: String, html: String)]()
        let axis = { (value: Double) in MonteCarloSection.Variants.text(variants.parameters[0], value, numbers) }
        for (measure, year) in ReportContext.measureYears(summary) {
            func cells(_ rows: [[String: String]]) -> [Heatmap.Cell] {
                rows.compactMap { row in
                    guard row["measure"] == measure, row["year"] == String(year), let variant = row["variant"].flatMap(Int.init), let point = variants.values[variant],
                        let mean = row["mean"].flatMap(Double.init), mean.isFinite
                    else { return nil }
                    return Heatmap.Cell(x: point[0], y: point[1], value: mean)
                }
            }
            var html = Figure.of(Heatmap(
                title: context.label(measure, year) + ": " + context.say("gemiddeld bedrag van \(context.regionName(region))", "mean amount of \(context.regionName(region))"),
                cells: cells(summary.filter { $0["region"] == region }), xLabel: context.label(variants.parameters[0]), yLabel: context.label(variants.parameters[1]), axisText: axis,
                valueText: numbers.axisEuros))
            let gini = cells(fairness)
            if !gini.isEmpty {
                html += Figure.of(Heatmap(
                    title: context.label(measure, year) + ": " + context.say("Gini-coëfficiënt (gemiddelde)", "Gini coefficient (mean)"), cells: gini,
                    xLabel: context.label(variants.parameters[0]), yLabel: context.label(variants.parameters[1]), axisText: axis, valueText: { numbers.number($0, decimals: 3) }))
            }
            panels.append((ReportContext.key(measure, year), context.label(measure, year), html))
        }
        guard !panels.isEmpty else { return nil }
        return [
            "region": context.regionName(region), "third": variants.parameters.count == 3 ? context.label(variants.parameters[2]) : "",
            "charts": ReportContext.switchView(group: "heatmap", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels),
        ]
    }
}
