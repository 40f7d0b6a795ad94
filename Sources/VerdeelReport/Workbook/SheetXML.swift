/// A worksheet part (`xl/worksheets/sheetN.xml`): the header row frozen at the top,
/// column widths from the longest value shown, numbers as `<v>` with their style, text as
/// inline strings (`t="inlineStr"`), so nothing a user typed is ever read as a formula.
/// Printed on A4 landscape, fitted to one page wide (a sheet's years side by side), as
/// many pages long as it needs; the workbook repeats the header row on every page.
enum SheetXML {
    static func render(_ sheet: Workbook.Sheet) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        if !sheet.header.isEmpty {
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        let widths = columnWidths(sheet)
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        var rowNumber = 1
        if !sheet.header.isEmpty {
            xml += row(sheet.header.map { .heading($0) }, number: rowNumber)
            rowNumber += 1
        }
        for cells in sheet.rows {
            xml += row(cells, number: rowNumber)
            rowNumber += 1
        }
        xml += "</sheetData>"
        xml += #"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>"#
        xml += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        // Every printed page names its sheet (top left) and its number of the sheet's pages (bottom right).
        xml += #"<headerFooter><oddHeader>&amp;L&amp;"-,Bold"&amp;A</oddHeader><oddFooter>&amp;R&amp;P / &amp;N</oddFooter></headerFooter>"#
        xml += "</worksheet>"
        return xml
    }

    private static func row(_ cells: [Workbook.Cell], number: Int) -> String {
        var xml = #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            let reference = columnName(index) + String(number)
            switch cell {
            case .empty: continue
            case .number(let value, let style):
                xml += #"<c r="\#(reference)" s="\#(style.rawValue)"><v>\#(value)</v></c>"#
            case .text(let text):
                xml += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(text))</t></is></c>"#
            case .heading(let text):
                xml += #"<c r="\#(reference)" s="\#(Workbook.CellStyle.header.rawValue)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(text))</t></is></c>"#
            case .caption(let text):
                xml += #"<c r="\#(reference)" s="\#(Workbook.CellStyle.bold.rawValue)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(text))</t></is></c>"#
            case .boolean(let value):
                xml += #"<c r="\#(reference)" t="b"><v>\#(value ? 1 : 0)</v></c>"#
            }
        }
        return xml + "</row>"
    }

    /// A column's letters: 0 -> A, 25 -> Z, 26 -> AA.
    static func columnName(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    /// XML text: `&`, `<`, `>` and `"` as entities; a control character that XML 1.0
    /// cannot hold as `_xHHHH_`, the escape spreadsheets decode (a literal `_x` is escaped too).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "_" where pending == "x": result += "_x005F_"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Widths in characters: the longest value shown (numbers as formatted, about), 8 to 60.
    private static func columnWidths(_ sheet: Workbook.Sheet) -> [Int] {
        let count = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var widths = (0..<count).map { $0 < sheet.header.count ? sheet.header[$0].count + 2 : 8 }
        for cells in sheet.rows.prefix(2_000) {
            for (index, cell) in cells.enumerated() {
                let shown: Int
                switch cell {
                case .empty, .caption: shown = 0
                case .text(let text), .heading(let text): shown = text.count
                case .boolean: shown = 6
                case .number(let value, let style): shown = displayLength(value, style)
                }
                widths[index] = max(widths[index], shown + 2)
            }
        }
        return widths.map { min(60, max(8, $0)) }
    }

    private static func displayLength(_ value: Double, _ style: Workbook.CellStyle) -> Int {
        let digits = String(Int64(abs(value.rounded()).clamped(to: 0...9e17))).count
        let groups = (digits - 1) / 3
        switch style {
        case .euro: return 2 + digits + groups + (value < 0 ? 1 : 0)
        case .euroCents: return 5 + digits + groups + (value < 0 ? 1 : 0)
        case .percent: return digits + 6
        case .count: return digits + groups
        case .year: return digits
        case .decimal, .general, .header, .bold: return max(digits + 5, 8)
        }
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
