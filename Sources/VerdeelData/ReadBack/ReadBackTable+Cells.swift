import Foundation
import VerdeelTables

extension ReadBackTable {
    /// The table's typed rows, after ``check(_:)`` passed: a number column's cells as numbers
    /// (empty where no value applies), a text column's as text without the formula guard
    /// (``FormulaGuard``) the file adds.
    public func table(_ data: Data, title: ResultTable.Title) throws(DataError) -> ResultTable {
        try check(data)
        let file = try CSVFile(name: label, bytes: Array(data))
        let kinds = columns.map(\.kind)
        let rows = file.records.map { record in
            zip(kinds, record).map { kind, field -> Cell in
                if kind.isText { return .text(FormulaGuard.unguarded(field.value)) }
                if kind == .boolean { return field.value.isEmpty ? .empty : .boolean(field.value == "true") }
                guard !field.value.isEmpty, let value = Double(field.value) else { return .empty }
                return .number(value, field.value)
            }
        }
        return ResultTable(name: (name as NSString).deletingPathExtension, title: title, columns: columns, rows: rows)
    }
}
