import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

extension ShardMerge {
    /// The merged files with every table as Parquet (``ParquetRenderer``) instead of CSV: each
    /// merged CSV table (checked by the merge) read back by its declared columns in
    /// `schema.json`: a text column's cells as text, a number column's as the number its text
    /// reads as (an empty cell null), so the Parquet files hold what an unsharded run's do.
    public static func parquet(_ files: [OutputFile]) throws(MergeError) -> [OutputFile] {
        let data = { (name: String) in try? files.first { $0.name == name }?.data() }
        guard let schemaData = data(OutputSchema.fileName), let schema = try? JSONDecoder().decode(OutputSchema.self, from: schemaData),
              let provenance = data("provenance.json")
        else { throw MergeError("the merged run has no \(OutputSchema.fileName) or provenance.json to write Parquet from") }
        let tableFiles = Set(schema.tables.map(\.file))
        var converted = [OutputFile]()
        for table in schema.tables {
            guard let data = data(table.file) else { throw MergeError("the merged run has no \(table.file)") }
            do {
                let csv = try CSVFile(name: table.file, bytes: Array(data))
                var rows = [[Cell]]()
                for record in csv.records {
                    var row = [Cell]()
                    for (field, column) in zip(record, table.columns) { row.append(try cell(field.value, column, file: table.file)) }
                    rows.append(row)
                }
                let result = ResultTable(name: table.name, title: table.title, columns: table.columns, rows: rows)
                converted.append(OutputFile(table.name + ".parquet", data: try ParquetRenderer.file(result, provenance: String(decoding: provenance, as: UTF8.self), createdBy: "verdeel version \(AllocationJSON.engineVersion)")))
            } catch let error as MergeError {
                throw error
            } catch {
                throw MergeError("\(table.file) cannot be written as Parquet: \(error)")
            }
        }
        return converted + files.filter { !tableFiles.contains($0.name) }
    }

    /// A merged CSV cell as its declared column's cell.
    static func cell(_ text: String, _ column: Column, file: String) throws(MergeError) -> Cell {
        if column.kind.isText { return .text(text) }
        if text.isEmpty { return .empty }
        if column.kind == .boolean {
            guard text == "true" || text == "false" else { throw MergeError("\(file): '\(text)' in column \(column.id) is not true or false") }
            return .boolean(text == "true")
        }
        guard let value = Double(text), value.isFinite else { throw MergeError("\(file): '\(text)' in column \(column.id) is not a number") }
        return .number(value, text)
    }
}
