import VerdeelTables
import Foundation
import VerdeelData

/// Any run's tables as one workbook (`--format xlsx`): first the sheet about the run
/// (scenarios, synthetic notice, provenance), then, when there are allocations, a sheet per
/// measure (regions x years) and one per inhabitant, then every table the run writes as CSV
/// as a sheet of its own (numbers typed and formatted by column, headers in the language
/// asked for). Built from the standard CSV tables, so every kind of run gets a workbook
/// without a renderer of its own.
public enum WorkbookExport {
    public static func workbook(
        _ tables: [(name: String, contents: String)], provenance: Provenance, seed: UInt64?, warnings: [String], language: ReportLanguage
    ) throws -> Data {
        var sheets = [AboutSheet.sheet(provenance, seed: seed, warnings: warnings, language: language)]
        var tableSheets = [Workbook.Sheet]()
        for (name, contents) in tables {
            let file = try CSVFile(name: name, bytes: Array(contents.utf8))
            let table = (name as NSString).deletingPathExtension
            if table == "allocations" { sheets += AllocationPivot(file).sheets(language) }
            tableSheets.append(sheet(file, table: table, language: language))
        }
        return try Workbook(sheets: sheets + tableSheets).archive()
    }

    static func sheet(_ file: CSVFile, table: String, language: ReportLanguage) -> Workbook.Sheet {
        let columns = file.header.map(\.value)
        let kinds = columns.map { ColumnKind.of(table: table, column: $0) }
        let rows = file.records.map { record in
            record.enumerated().map { index, field in (index < kinds.count ? kinds[index] : .text).cell(field.value) }
        }
        return Workbook.Sheet(name: Vocabulary.table(table, language), header: columns.map { Vocabulary.column($0, language) }, rows: rows)
    }
}
