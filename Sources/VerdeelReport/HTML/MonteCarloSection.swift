import Foundation
import VerdeelTables

/// The draws of one variant: per measure and year each municipality's P5-P95 range and
/// median (P50), the amount without draws marked; the fairness metrics over the draws; and
/// the chance of each loss beyond a threshold.
enum MonteCarloSection {
    /// The variants' parameters (the `variants` table): their columns and values per variant.
    struct Variants {
        let parameters: [Column]
        let values: [Int: [Double]]

        init(_ input: ReportInput) {
            let table = input.tables["variants"]
            parameters = Array(table?.columns.dropFirst() ?? [])
            var values = [Int: [Double]]()
            for row in table?.rows ?? [] {
                guard case .number(let variant, _) = row.first else { continue }
                values[Int(variant)] = row.dropFirst().map { cell in
                    if case .number(let value, _) = cell { return value }
                    return .nan
                }
            }
            self.values = values
        }

        func describe(_ variant: Int, _ context: ReportContext) -> String {
            guard let row = values[variant] else { return "" }
            return zip(parameters, row).map { "\(context.label($0)) = \(Self.text($0, $1, context.numbers))" }.joined(separator: ", ")
        }

        /// A weight (a fraction) in percent, any other value as a number.
        static func text(_ parameter: Column, _ value: Double, _ numbers: NumberText) -> String {
            let decimals = value == value.rounded() ? 0 : 2
            return parameter.kind == .fraction ? numbers.percent(value, decimals: (value * 100) == (value * 100).rounded() ? 0 : 1) : numbers.number(value, decimals: decimals)
        }
    }

    /// The variant whose draws the report shows (1-based): the one asked for, else the
    /// middle one; nil for a run without draws (no summary, or variants only: no seed).
    static func shownVariant(_ input: ReportInput, _ variants: Variants) -> Int? {
        guard !input.rows("summary").isEmpty, input.provenance.seed != nil else { return nil }
        return input.variant ?? (variants.values.count + 1) / 2
    }

    static func build(_ context: ReportContext) -> [String: Any]? {
        let variants = Variants(context.input)
        guard let number = shownVariant(context.input, variants) else { return nil }
        let summary = context.input.rows("summary")
        let variant = String(number), numbers = context.numbers
        let ours = summary.filter { $0["variant"] == variant }
        var panels = [(key: String, label: String, html: String)]()
        for (measure, year) in ReportContext.measureYears(ours) {
            let rows = ours.filter { $0["measure"] == measure && $0["year"] == String(year) }
            let intervals = rows.compactMap { row -> IntervalChart.Interval? in
                guard let region = row["region"], let p05 = row["p05"].flatMap(Double.init), let p50 = row["p50"].flatMap(Double.init), let p95 = row["p95"].flatMap(Double.init) else { return nil }
                let plain = context.allocations.amounts[AllocationTotals.Key(scenario: context.input.scenario, measure: measure, year: year, region: region)]
                return IntervalChart.Interval(label: context.regionName(region), p05: p05, p50: p50, p95: p95, reference: variants.parameters.isEmpty ? plain.map(AllocationTotals.double) : nil)
            }
            let chart = IntervalChart(
                title: context.label(measure, year) + ": " + context.say("spreiding over de trekkingen", "spread over the draws"), intervals: intervals,
                valueText: { numbers.euros($0) }, axisText: numbers.axisEuros,
                legend: (context.say("P5 tot P95", "P5 to P95"), context.say("mediaan (P50)", "median (P50)"), context.say("zonder trekkingen", "without draws")))
            panels.append((ReportContext.key(measure, year), context.label(measure, year), Figure.of(chart)))
        }
        let fairness = context.input.rows("fairness_summary").filter { $0["variant"] == variant }.map { row -> [String: Any] in
            let value = { (column: String) in row[column].flatMap(Double.init) }
            let cells: [[String: Any]] = [
                PageCell.text(context.label(row["measure"] ?? "", row["year"].flatMap(Int.init))), PageCell.text(FairnessSection.metricName(row["metric"] ?? "", context.language)),
            ] + ["baseline", "mean", "p05", "p95"].map { column in value(column).map { PageCell.number($0, numbers.number($0, decimals: 4)) } ?? PageCell.text("–") }
            return ["cells": cells]
        }
        let losses = context.input.rows("losses").filter { $0["variant"] == variant }.map { row -> [String: Any] in
            let threshold = row["loss_per_inhabitant"].flatMap(Double.init) ?? 0, chance = row["p_loss"].flatMap(Double.init) ?? 0
            return ["cells": [
                PageCell.text(context.label(row["measure"] ?? "", row["year"].flatMap(Int.init))), PageCell.text(context.regionName(row["region"] ?? "")),
                PageCell.number(threshold, numbers.euros(threshold, cents: true)), PageCell.number(chance, numbers.percent(chance)),
            ]]
        }
        let draws = context.input.provenance.seed.map { context.say("startwaarde \($0)", "seed \($0)") } ?? ""
        return [
            "variant": variant, "parameters": variants.describe(number, context), "seed": draws,
            "charts": ReportContext.switchView(group: "montecarlo", label: context.say("Maatregel en jaar", "Measure and year"), panels: panels),
            "fairness": fairness.isEmpty ? nil as Any? as Any : [
                "caption": context.say("Eerlijkheid over de trekkingen", "Fairness over the draws"),
                "head": [context.say("maatregel en jaar", "measure and year"), context.say("maat", "metric"), context.say("zonder trekkingen", "without draws"),
                         context.say("gemiddelde", "mean"), "P5", "P95"].enumerated().map { ["text": $1, "numeric": $0 >= 2] as [String: Any] },
                "rows": fairness, "footer": [] as [Any],
            ] as [String: Any],
            "losses": losses.isEmpty ? nil as Any? as Any : [
                "caption": context.say("Kans op een verlies per inwoner boven de drempel", "Chance of a loss per inhabitant beyond the threshold"),
                "head": [context.say("maatregel en jaar", "measure and year"), context.say("gemeente", "municipality"), context.say("drempel", "threshold"),
                         context.say("kans", "chance")].enumerated().map { ["text": $1, "numeric": $0 >= 2] as [String: Any] },
                "rows": losses, "footer": [] as [Any],
            ] as [String: Any],
        ]
    }
}
