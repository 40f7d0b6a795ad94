import Foundation

/// A sweep of one parameter: per measure and year, one small chart per municipality of its
/// amount against the parameter, the P5-P95 band over the draws and the median.
enum SweepSection {
    /// At most this many points per band (evenly thinned beyond it); a chart stays legible.
    static let maximumPoints = 250

    static func build(_ context: ReportContext) -> [String: Any]? {
        let variants = MonteCarloSection.Variants(context.input)
        guard variants.parameters.count == 1, variants.values.count > 1 else { return nil }
        let parameter = variants.parameters[0], numbers = context.numbers
        let summary = context.input.rows("summary")
        var grouped = [String: [String: [BandChart.Point]]]()
        var order = [(measure: String, year: Int)]()
        var regions = [String]()
        for row in summary {
            guard let variant = row["variant"].flatMap(Int.init), let x = variants.values[variant]?.first, let measure = row["measure"], let year = row["year"], let region = row["region"],
                let p05 = row["p05"].flatMap(Double.init), let p50 = row["p50"].flatMap(Double.init), let p95 = row["p95"].flatMap(Double.init), let yearNumber = Int(year)
            else { continue }
            let key = ReportContext.key(measure, yearNumber)
            if grouped[key] == nil { order.append((measure, yearNumber)) }
            if !regions.contains(region) { regions.append(region) }
            grouped[key, default: [:]][region, default: []].append(BandChart.Point(x: x, p05: p05, p50: p50, p95: p95))
        }
        var panels = [(key: String, label: String, html: String)]()
        for (measure, year) in order {
            let key = ReportContext.key(measure, year)
            var html = #"<div class="multiples">"#
            for region in regions {
                let points = grouped[key]?[region] ?? []
                let step = max(1, (points.count + maximumPoints - 1) / maximumPoints)
                let thinned = points.enumerated().filter { $0.offset % step == 0 || $0.offset == points.count - 1 }.map(\.element)
                html += BandChart(title: context.regionName(region), points: thinned, xText: { MonteCarloSection.Variants.text(parameter, $0, numbers) }, axisText: numbers.axisEuros).render()
            }
            panels.append((key, context.label(measure, year), html + "</div>"))
        }
        return [
            "parameter": context.label(parameter), "variants": variants.values.count,
            "charts": ReportContext.switchView(group: "sweep", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels),
        ]
    }
}
