import VerdeelSimulation

/// Any plugged-in statistic's table as CSV (`NAME.csv`): `variant` (from 1) and the
/// statistic's columns, variant after variant; infeasible variants have no rows. Text
/// cells a spreadsheet would run as a formula are escaped as in `allocations.csv`.
public struct StatisticTableCSV {
    public let table: StatisticTable

    public init(_ table: StatisticTable) {
        self.table = table
    }

    public var fileName: String { table.header.name + ".csv" }

    public func render() -> String {
        var text = (["variant"] + table.header.columns).joined(separator: ",") + "\n"
        for (index, rows) in table.rows.enumerated() {
            for row in rows {
                text += ([String(table.firstVariant + index + 1)] + row.map { cell in Double(cell) == nil ? AllocationCSV.text(cell) : cell }).map { AllocationCSV.quoted($0) }.joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
