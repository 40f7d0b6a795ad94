import Foundation

/// Which input drives each amount: per measure and year a tornado chart per municipality
/// (its rounded amount) and per fairness metric, from the Sobol indices (S1 and ST with
/// their bootstrap intervals) or the Morris screening (mu* and its interval). Factors
/// below `shownFrom` of the output's largest index are summed up in a note, the dummy
/// (the noise floor) is always drawn.
enum SensitivitySection {
    static let shownFrom = 0.01

    static func build(_ context: ReportContext) -> [String: Any]? {
        let sobol = context.input.rows("sobol"), morris = context.input.rows("morris")
        let rows = sobol.isEmpty ? morris : sobol
        guard !rows.isEmpty else { return nil }
        let numbers = context.numbers
        let isSobol = !sobol.isEmpty
        var panels = [(key: String, label: String, html: String)]()
        var drivers = [Int]()
        for (measure, year) in ReportContext.measureYears(rows) {
            let here = rows.filter { $0["measure"] == measure && $0["year"] == String(year) }
            var outputs = [String]()
            for row in here where row["output_kind"] != "exact_amount" {
                let output = Self.output(row)
                if !outputs.contains(output) { outputs.append(output) }
            }
            var html = #"<div class="multiples">"#
            var shownFactors = Set<String>()
            for output in outputs {
                let factors = here.filter { $0["output_kind"] != "exact_amount" && Self.output($0) == output }.compactMap { row -> TornadoChart.Factor? in
                    let value = { (column: String) in row[column].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
                    guard let name = row["factor"], let total = value(isSobol ? "st" : "mu_star") else { return nil }
                    return TornadoChart.Factor(name: name, first: isSobol ? value("s1") : nil, firstInterval: value("s1_conf"), total: total, totalInterval: value(isSobol ? "st_conf" : "mu_star_conf"))
                }
                guard let largest = factors.map(\.total).max() else { continue }
                let shown = factors.filter { $0.name == "dummy" || $0.total >= shownFrom * max(largest, isSobol ? 1 : largest) }
                let hidden = factors.count - shown.count
                shownFactors.formUnion(shown.map(\.name))
                let title = output.hasPrefix("fairness:") ? FairnessSection.metricName(String(output.dropFirst("fairness:".count)), context.language) : context.regionName(output)
                html += TornadoChart(
                    title: title + (hidden > 0 ? context.say(" (\(hidden) factoren onder \(numbers.number(shownFrom, decimals: 2)))", " (\(hidden) factors below \(numbers.number(shownFrom, decimals: 2)))") : ""), factors: shown.map { $0.named(context.parameter($0.name)) }, legend: isSobol ? ("S1", "ST") : ("", "mu*"), unitScale: isSobol,
                    valueText: { isSobol ? numbers.number($0, decimals: 2) : numbers.axisEuros($0) }).render()
            }
            panels.append((ReportContext.key(measure, year), context.label(measure, year), html + "</div>"))
            drivers.append(shownFactors.count)
        }
        // First shown: the measure and year where the most factors matter.
        let first = drivers.indices.max { drivers[$0] < drivers[$1] || (drivers[$0] == drivers[$1] && $0 > $1) } ?? 0
        return [
            "method": isSobol ? "Sobol" : "Morris",
            "charts": ReportContext.switchView(group: "sensitivity", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels, selected: first),
        ]
    }

    /// A row's output: its region's code (an amount), or `fairness:METRIC`.
    private static func output(_ row: [String: String]) -> String {
        row["output_kind"] == "fairness" ? "fairness:" + (row["metric"] ?? "") : row["region"] ?? ""
    }
}
