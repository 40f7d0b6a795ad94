import Foundation
import VerdeelAnalysis

/// Fairness between scenarios: per measure (and `all`), each metric in every scenario and
/// its difference from the first (rounded amounts; `from`, `to`, `difference` for two
/// scenarios, `A`, `B`, ..., `B-A`, ... for more), consecutive years with the same values on
/// one line (`2026-2032`). By default the four metrics a steering group reads (Gini, Theil,
/// Hoover, Loosemore-Hanby: for each, higher is more unequal); `allMetrics` shows every one
/// the fairness block computes. Measures and years whose metrics are the same in all are
/// named once as unchanged; a metric that a scenario lacks shows `-` there. In Dutch the
/// metrics are named in words (`variatiecoëfficiënt`), in English by their codes.
public struct FairnessComparisonTable {
    /// The scenario compared with, then the others.
    public let reports: [(scenario: String, report: FairnessReport)]
    public let allMetrics: Bool

    /// The metrics shown without `allMetrics`.
    public static let compact: [FairnessMetric] = [.gini, .theil, .hoover, .loosemoreHanby]

    public init(_ reports: [(scenario: String, report: FairnessReport)], allMetrics: Bool = false) {
        self.reports = reports
        self.allMetrics = allMetrics
    }

    /// The block in `language`'s words and numbers.
    public func render(_ language: ReportLanguage = .en) -> String {
        guard let first = reports.first, reports.count >= 2 else { return "" }
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let values = reports.map { self.values($0.report) }
        let computed = reports.flatMap(\.report.basis.settings.metrics).reduce(into: [FairnessMetric]()) { list, metric in
            if !list.contains(metric) { list.append(metric) }
        }
        let shown = allMetrics ? computed : computed.filter(Self.compact.contains)
        let letters = reports.indices.map(ComparisonTable.letter)
        let heads = reports.count == 2 ? [say("van", "from"), say("naar", "to"), say("verschil", "difference")] : letters + letters.dropFirst().map { "\($0)-A" }
        var rows = [[say("maatregel", "measure"), say("jaren", "years"), say("maat", "metric")] + heads]
        var unchanged = [(measure: String, years: [Int])]()
        for (measure, years) in measureYears() {
            // Years are alike when every value shown (to four decimals) is.
            let shownValue = { (values: [Key: Double?], year: Int, metric: FairnessMetric) in FairnessReport.rounded(values[Key(measure, year, metric)] ?? nil) }
            let same = { (x: Int, y: Int) in
                shown.allSatisfy { metric in values.allSatisfy { shownValue($0, x, metric) == shownValue($0, y, metric) } }
            }
            for span in YearSpans.runs(years, same: same) {
                let sides = shown.map { metric in values.map { $0[Key(measure, span[0], metric)] ?? nil } }
                let label = YearSpans.label(span)
                if sides.allSatisfy({ side in side[0] != nil && side.allSatisfy { FairnessReport.rounded($0) == FairnessReport.rounded(side[0]) } }) {
                    if let last = unchanged.last, last.measure == measure, last.years.last.map({ $0 + 1 }) == span[0] {
                        unchanged[unchanged.count - 1].years += span
                    } else {
                        unchanged.append((measure, span))
                    }
                    continue
                }
                for (metric, side) in zip(shown, sides) where side.contains(where: { $0 != nil }) {
                    let differences = side.dropFirst().map { value in side[0].flatMap { base in value.map { $0 - base } } }
                    let name = language == .nl ? metric.words.dutch : metric.description
                    rows.append([measure, label, name] + side.map(FairnessReport.rounded) + differences.map(Self.signed))
                }
            }
        }
        let more = allMetrics || shown.count == computed.count ? "" : say("; alle \(computed.count) maten met --all-metrics", "; all \(computed.count) metrics with --all-metrics")
        let lettered = reports.indices.map { "\(letters[$0]) = \(reports[$0].scenario)" }.joined(separator: ", ")
        let named = reports.count == 2
            ? say("van scenario \(first.scenario) naar \(reports[1].scenario)", "from scenario \(first.scenario) to \(reports[1].scenario)")
            : say("in de scenario's ", "in scenarios ") + lettered
        let population = first.report.basis.plan.population
        var text = TextGrid.wrapped(say(
            "Eerlijkheid \(named) (populatie \(population); hoger is ongelijker\(more); docs/fairness.md)",
            "Fairness \(named) (population \(population); higher is more unequal\(more); docs/fairness.md)"))
        if rows.count > 1 { text += TextGrid(rows, rulesAfter: [0], language: language).render() }
        let quiet = unchanged.map { "\($0.measure) \(YearSpans.label($0.years))" }
        if !quiet.isEmpty { text += TextGrid.wrapped(say("Ongewijzigd: ", "Unchanged: ") + quiet.joined(separator: ", ")) }
        return text
    }

    private struct Key: Hashable {
        let measure: String
        let year: Int
        let metric: FairnessMetric

        init(_ measure: String, _ year: Int, _ metric: FairnessMetric) {
            (self.measure, self.year, self.metric) = (measure, year, metric)
        }
    }

    private func values(_ report: FairnessReport) -> [Key: Double?] {
        var values = [Key: Double?]()
        for row in report.rows { values[Key(row.measure, row.year, row.metric)] = row.value }
        return values
    }

    /// Every measure of either report, in order, with its years.
    private func measureYears() -> [(measure: String, years: [Int])] {
        var result = [(measure: String, years: [Int])]()
        for row in reports.flatMap(\.report.rows) {
            if let index = result.firstIndex(where: { $0.measure == row.measure }) {
                if !result[index].years.contains(row.year) { result[index].years.append(row.year) }
            } else {
                result.append((row.measure, [row.year]))
            }
        }
        return result
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = String(format: "%+.4f", value)
        return text == "-0.0000" ? "+0.0000" : text
    }
}
