import VerdeelSimulation
import VerdeelTables

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
        var text = (["variant"] + table.header.columns.map(\.id)).joined(separator: ",") + "\n"
        for (index, rows) in table.rows.enumerated() {
            for row in rows {
                let fields = row.map { cell in
                    let field = cell.csvText
                    return Double(field) == nil ? AllocationCSV.text(field) : field
                }
                text += ([String(table.firstVariant + index + 1)] + fields).map { AllocationCSV.quoted($0) }.joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
