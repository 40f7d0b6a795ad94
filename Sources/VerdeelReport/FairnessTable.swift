import Foundation
import VerdeelAnalysis

/// The compact fairness block of the table output: one row per measure and year, one
/// column per metric (rounded amounts, 4 decimals; `-` where undefined).
public struct FairnessTable {
    public let report: FairnessReport

    public init(_ report: FairnessReport) {
        self.report = report
    }

    public func render() -> String {
        let metrics = report.basis.settings.metrics
        var rows: [[String]] = [["measure", "year"] + metrics.map(\.description)]
        var keys = [(String, Int)]()
        var values = [String: [String]]()
        for row in report.rows {
            let key = "\(row.measure)\u{0}\(row.year)"
            if values[key] == nil { keys.append((row.measure, row.year)) }
            values[key, default: []].append(FairnessReport.rounded(row.value))
        }
        for (measure, year) in keys { rows.append([measure, String(year)] + (values["\(measure)\u{0}\(year)"] ?? [])) }
        let basis = report.basis
        var about = "population \(basis.plan.population)"
        if let group = basis.plan.group { about += ", grouped by \(group)" }
        if let reference = basis.plan.reference { about += ", reference \(reference.name)" }
        return "Fairness (\(about); docs/fairness.md)\n" + TextGrid(rows, rulesAfter: [0]).render()
    }
}
