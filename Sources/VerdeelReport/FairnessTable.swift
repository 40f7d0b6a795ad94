import Foundation
import VerdeelAnalysis

/// The compact fairness block of the table output: one row per measure and year, one
/// column per metric (rounded amounts, 4 decimals; `-` where undefined).
public struct FairnessTable {
    public let report: FairnessReport

    public init(_ report: FairnessReport) {
        self.report = report
    }

    public func render(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let metrics = report.basis.settings.metrics
        var rows: [[String]] = [[say("maatregel", "measure"), say("jaar", "year")] + metrics.map(\.description)]
        var keys = [(String, Int)]()
        var values = [String: [String]]()
        for row in report.rows {
            let key = "\(row.measure)\u{0}\(row.year)"
            if values[key] == nil { keys.append((row.measure, row.year)) }
            values[key, default: []].append(FairnessReport.rounded(row.value))
        }
        for (measure, year) in keys { rows.append([measure, String(year)] + (values["\(measure)\u{0}\(year)"] ?? [])) }
        let basis = report.basis
        var about = say("populatie ", "population ") + basis.plan.population
        if let group = basis.plan.group { about += say(", gegroepeerd naar ", ", grouped by ") + group }
        if let reference = basis.plan.reference { about += say(", referentie ", ", reference ") + reference.name }
        return say("Eerlijkheid", "Fairness") + " (\(about); docs/fairness.md)\n" + TextGrid(rows, rulesAfter: [0], language: language).render()
    }
}
