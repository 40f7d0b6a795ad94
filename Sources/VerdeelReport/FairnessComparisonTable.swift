import Foundation
import VerdeelAnalysis

/// Fairness between two scenarios: for each measure and year (and `all`), every metric in
/// scenario A, in B and the difference B - A (rounded amounts). Measures and years whose
/// metrics are the same in both are named once as unchanged; one that exists in only one
/// scenario shows `-` on the other side.
public struct FairnessComparisonTable {
    public let first: (scenario: String, report: FairnessReport)
    public let second: (scenario: String, report: FairnessReport)

    public init(_ first: (scenario: String, report: FairnessReport), _ second: (scenario: String, report: FairnessReport)) {
        self.first = first
        self.second = second
    }

    public func render() -> String {
        func key(_ row: FairnessReport.Row) -> String { "\(row.measure)\u{0}\(row.year)\u{0}\(row.metric)" }
        var a = [String: Double?](), b = [String: Double?]()
        for row in first.report.rows { a[key(row)] = row.value }
        for row in second.report.rows { b[key(row)] = row.value }
        var parts = [(measure: String, year: Int)]()
        for row in first.report.rows + second.report.rows where !parts.contains(where: { $0 == (row.measure, row.year) }) {
            parts.append((row.measure, row.year))
        }
        let names = (first.report.basis.settings.metrics + second.report.basis.settings.metrics).reduce(into: [FairnessMetric]()) { list, metric in
            if !list.contains(metric) { list.append(metric) }
        }
        var rows = [["measure", "year", "metric", first.scenario, second.scenario, "difference"]]
        var unchanged = [String]()
        for (measure, year) in parts {
            let keys = names.map { "\(measure)\u{0}\(year)\u{0}\($0)" }
            if keys.allSatisfy({ a[$0] != nil && b[$0] != nil && a[$0]! == b[$0]! }) {
                unchanged.append("\(measure) \(year)")
                continue
            }
            for (metric, key) in zip(names, keys) where a[key] != nil || b[key] != nil {
                let left = a[key] ?? nil, right = b[key] ?? nil
                let difference = left.flatMap { l in right.map { $0 - l } }
                rows.append([measure, String(year), metric.description, FairnessReport.rounded(left), FairnessReport.rounded(right), Self.signed(difference)])
            }
        }
        var text = "Fairness from scenario \(first.scenario) to \(second.scenario) (population \(first.report.basis.plan.population); docs/fairness.md)\n"
        if rows.count > 1 { text += TextGrid(rows, rulesAfter: [0]).render() }
        if !unchanged.isEmpty { text += "Unchanged: \(unchanged.joined(separator: ", "))\n" }
        return text
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = String(format: "%+.4f", value)
        return text == "-0.0000" ? "+0.0000" : text
    }
}
