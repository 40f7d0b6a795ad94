import VerdeelAnalysis

/// `fairness.csv` (`scenario,measure,year,metric,value,value_exact`: every metric on the
/// rounded and on the unrounded amounts, empty where a metric is undefined) and `lorenz.csv`
/// (`scenario,measure,year,rank,region,population_share,amount_share`, rank 0 the (0, 0)
/// point with no region). Text cells that a spreadsheet would read as a formula are escaped
/// as in `allocations.csv`; numbers are written in full (the shortest text that reads back as
/// the same double).
public struct FairnessCSV {
    public let reports: [(scenario: String, report: FairnessReport)]

    public init(_ reports: [(scenario: String, report: FairnessReport)]) {
        self.reports = reports
    }

    public func metrics() -> String {
        var rows = [["scenario", "measure", "year", "metric", "value", "value_exact"]]
        for (scenario, report) in reports {
            for row in report.rows {
                rows.append([AllocationCSV.text(scenario), AllocationCSV.text(row.measure), String(row.year), row.metric.description, FairnessReport.cell(row.value), FairnessReport.cell(row.exact)])
            }
        }
        return Self.render(rows)
    }

    public func lorenz() -> String {
        var rows = [["scenario", "measure", "year", "rank", "region", "population_share", "amount_share"]]
        for (scenario, report) in reports {
            for curve in report.curves {
                for point in curve.curve.points {
                    rows.append([
                        AllocationCSV.text(scenario), AllocationCSV.text(curve.measure), String(curve.year), String(point.rank), AllocationCSV.text(point.region ?? ""),
                        FairnessReport.cell(point.populationShare), FairnessReport.cell(point.amountShare),
                    ])
                }
            }
        }
        return Self.render(rows)
    }

    private static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map { AllocationCSV.quoted($0) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
