import Foundation
import ZIPFoundation

/// An Office Open XML spreadsheet (.xlsx) as verdeel writes it: sheets of typed cells
/// (numbers stored as numbers with a display format, text as inline strings, never a
/// formula), a bold frozen header row and column widths per sheet. `archive()` zips the
/// parts (ECMA-376 part 1: content types, relationships, workbook, styles, one XML part per
/// sheet) with a fixed modification date, so identical input gives identical bytes.
public struct Workbook: Sendable {
    /// The most rows a sheet holds (Excel's and LibreOffice's limit).
    public static let maximumRows = 1_048_576
    /// The most columns a sheet holds (XFD).
    public static let maximumColumns = 16_384

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// A cell's value; a number's style says how it is shown.
    public enum Cell: Sendable, Equatable {
        case number(Double, CellStyle)
        case text(String)
        case heading(String)
        /// A line of bold text over the cells to its right (a block's title): it sets no
        /// column's width.
        case caption(String)
        /// A yes-or-no: Excel and LibreOffice show it as WAAR/ONWAAR or TRUE/FALSE.
        case boolean(Bool)
        case empty
    }

    /// The display formats of the workbook (the `cellXfs` of styles.xml, in this order).
    public enum CellStyle: Int, Sendable, CaseIterable {
        case general = 0, header, euro, euroCents, percent, decimal, count, year, bold
    }

    /// One sheet: an optional bold header row (frozen), rows of cells, widths per column.
    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]

        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public enum WorkbookError: Error, CustomStringConvertible {
        case tooLarge(sheet: String, rows: Int, columns: Int)
        case archive(String)

        public var description: String {
            switch self {
            case .tooLarge(let sheet, let rows, let columns):
                "the table '\(sheet)' has \(rows) rows and \(columns) columns; a workbook sheet holds at most \(Workbook.maximumRows) rows and \(Workbook.maximumColumns) columns, so write it with --format csv"
            case .archive(let reason): "the workbook cannot be zipped: \(reason)"
            }
        }
    }

    /// A fixed modification date for every part (1 January 2000, 00:00), for identical bytes.
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    /// The .xlsx file.
    public func archive() throws(WorkbookError) -> Data {
        for sheet in sheets {
            let rows = sheet.rows.count + (sheet.header.isEmpty ? 0 : 1)
            let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            if rows > Self.maximumRows || columns > Self.maximumColumns { throw .tooLarge(sheet: sheet.name, rows: rows, columns: columns) }
        }
        let names = SheetNames.unique(sheets.map(\.name))
        var parts: [(String, String)] = [
            ("[Content_Types].xml", WorkbookParts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", WorkbookParts.rootRelationships),
            ("xl/workbook.xml", WorkbookParts.workbook(sheetNames: names, headed: sheets.map { !$0.header.isEmpty })),
            ("xl/_rels/workbook.xml.rels", WorkbookParts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", WorkbookParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", SheetXML.render(sheet)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.fixedDate, permissions: 0o644,
                    compressionMethod: .deflate
                ) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WorkbookError.archive("no data") }
            return data
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .archive(String(describing: error))
        }
    }
}
