import Foundation
import VerdeelAnalysis

/// Fairness between two scenarios: per measure (and `all`), each metric in scenario A, in B
/// and the difference B - A (rounded amounts), consecutive years with the same values on
/// one line (`2026-2032`). By default the four metrics a steering group reads (Gini, Theil,
/// Hoover, Loosemore-Hanby: for each, higher is more unequal); `allMetrics` shows every one
/// the fairness block computes. Measures and years whose metrics are the same in both are
/// named once as unchanged; a metric that exists in only one scenario shows `-` on the
/// other side.
public struct FairnessComparisonTable {
    public let first: (scenario: String, report: FairnessReport)
    public let second: (scenario: String, report: FairnessReport)
    public let allMetrics: Bool

    /// The metrics shown without `allMetrics`.
    public static let compact: [FairnessMetric] = [.gini, .theil, .hoover, .loosemoreHanby]

    public init(_ first: (scenario: String, report: FairnessReport), _ second: (scenario: String, report: FairnessReport), allMetrics: Bool = false) {
        self.first = first
        self.second = second
        self.allMetrics = allMetrics
    }

    public func render() -> String {
        let (a, b) = (values(first.report), values(second.report))
        let computed = (first.report.basis.settings.metrics + second.report.basis.settings.metrics).reduce(into: [FairnessMetric]()) { list, metric in
            if !list.contains(metric) { list.append(metric) }
        }
        let shown = allMetrics ? computed : computed.filter(Self.compact.contains)
        var rows = [["measure", "years", "metric", "from", "to", "difference"]]
        var unchanged = [(measure: String, years: [Int])]()
        for (measure, years) in measureYears() {
            // Years are alike when every value shown (to four decimals) is.
            let shownValue = { (values: [Key: Double?], year: Int, metric: FairnessMetric) in FairnessReport.rounded(values[Key(measure, year, metric)] ?? nil) }
            let same = { (x: Int, y: Int) in
                shown.allSatisfy { shownValue(a, x, $0) == shownValue(a, y, $0) && shownValue(b, x, $0) == shownValue(b, y, $0) }
            }
            for span in Self.spans(years, same: same) {
                let pairs = shown.map { (a[Key(measure, span[0], $0)] ?? nil, b[Key(measure, span[0], $0)] ?? nil) }
                let label = span.count == 1 ? String(span[0]) : "\(span[0])-\(span[span.count - 1])"
                if pairs.allSatisfy({ $0.0 != nil && FairnessReport.rounded($0.0) == FairnessReport.rounded($0.1) }) {
                    if let last = unchanged.last, last.measure == measure, last.years.last.map({ $0 + 1 }) == span[0] {
                        unchanged[unchanged.count - 1].years += span
                    } else {
                        unchanged.append((measure, span))
                    }
                    continue
                }
                for (metric, (left, right)) in zip(shown, pairs) where left != nil || right != nil {
                    let difference = left.flatMap { l in right.map { $0 - l } }
                    rows.append([measure, label, metric.description, FairnessReport.rounded(left), FairnessReport.rounded(right), Self.signed(difference)])
                }
            }
        }
        let more = allMetrics || shown.count == computed.count ? "" : "; all \(computed.count) metrics with --all-metrics"
        var text = TextGrid.wrapped(
            "Fairness from scenario \(first.scenario) to \(second.scenario) (population \(first.report.basis.plan.population); "
                + "higher is more unequal\(more); docs/fairness.md)")
        if rows.count > 1 { text += TextGrid(rows, rulesAfter: [0]).render() }
        let quiet = unchanged.map { $0.years.count == 1 ? "\($0.measure) \($0.years[0])" : "\($0.measure) \($0.years[0])-\($0.years[$0.years.count - 1])" }
        if !quiet.isEmpty { text += TextGrid.wrapped("Unchanged: \(quiet.joined(separator: ", "))") }
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
        for row in first.report.rows + second.report.rows {
            if let index = result.firstIndex(where: { $0.measure == row.measure }) {
                if !result[index].years.contains(row.year) { result[index].years.append(row.year) }
            } else {
                result.append((row.measure, [row.year]))
            }
        }
        return result
    }

    /// The years in runs of consecutive years that are the `same`.
    private static func spans(_ years: [Int], same: (Int, Int) -> Bool) -> [[Int]] {
        var spans = [[Int]]()
        for year in years.sorted() {
            if let last = spans.last?.last, last + 1 == year, same(last, year) { spans[spans.count - 1].append(year) } else { spans.append([year]) }
        }
        return spans
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = String(format: "%+.4f", value)
        return text == "-0.0000" ? "+0.0000" : text
    }
}
