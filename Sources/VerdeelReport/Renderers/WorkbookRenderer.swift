import Foundation
import VerdeelCore
import VerdeelTables

/// Any run's tables as one workbook (`--format xlsx`): first the sheet about the run
/// (scenarios, synthetic notice, provenance), then, when there are allocations, a sheet per
/// measure (regions x years) and one per inhabitant, then every table as a sheet of its own
/// named by its title, with the columns' names as headings and numbers stored and
/// formatted by each column's declared kind, in the language asked for, and the names of
/// scenarios, measures, metrics and factors next to their codes (``PeopleNames``).
public enum WorkbookRenderer {
    public static func workbook(
        _ tables: [ResultTable], provenance: Provenance, seed: UInt64?, warnings: [Words], language: ReportLanguage, names: PeopleNames = PeopleNames()
    ) throws -> Data {
        var sheets = [AboutSheet.sheet(provenance, seed: seed, warnings: warnings, language: language, names: names)]
        var tableSheets = [Workbook.Sheet]()
        for table in tables.map(names.named) {
            if table.name == "allocations" { sheets += AllocationPivot(table).sheets(language) }
            tableSheets.append(sheet(table, language: language))
            try table.checkRows()
        }
        return try Workbook(sheets: sheets + tableSheets).archive()
    }

    static func sheet(_ table: ResultTable, language: ReportLanguage) -> Workbook.Sheet {
        let kinds = table.columns.map(\.kind)
        let rows = table.rows.map { row in
            row.enumerated().map { index, cell in (index < kinds.count ? kinds[index] : .text).cell(cell, language: language) }
        }
        return Workbook.Sheet(
            name: language.pick(table.title.dutch, table.title.english), header: table.columns.map { language.pick($0.dutch, $0.english) }, rows: rows)
    }
}
