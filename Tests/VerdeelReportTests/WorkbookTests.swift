import Foundation
import Testing
import VerdeelCore
import VerdeelTables
import VerdeelData
import ZIPFoundation
@testable import VerdeelReport

struct WorkbookTests {
    /// The parts of an archive by path, as text.
    private func parts(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts = [String: String]()
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    private let sheet = Workbook.Sheet(
        name: "Bedragen", header: ["gemeente", "bedrag"],
        rows: [[.text("=SUM(A1)"), .number(1_234, .euro)], [.text("A & B <c>"), .number(0.25, .percent)], [.empty, .number(2026, .year)]])

    @Test func columnsAreNamedAsSpreadsheetsDo() {
        #expect(SheetXML.columnName(0) == "A")
        #expect(SheetXML.columnName(25) == "Z")
        #expect(SheetXML.columnName(26) == "AA")
        #expect(SheetXML.columnName(701) == "ZZ")
        #expect(SheetXML.columnName(702) == "AAA")
        #expect(SheetXML.columnName(16_383) == "XFD")
    }

    @Test func textIsEscapedForXML() {
        #expect(SheetXML.escaped("A & B <c> \"d\"") == "A &amp; B &lt;c&gt; &quot;d&quot;")
        // A control character XML cannot hold, and a literal "_x" that would read as an escape.
        #expect(SheetXML.escaped("a\u{1}b") == "a_x0001_b")
        #expect(SheetXML.escaped("_x0041_") == "_x005F_x0041_")
        #expect(SheetXML.escaped("Súdwest-Fryslân\tx") == "Súdwest-Fryslân\tx")
    }

    @Test func sheetNamesAreCleanedShortenedAndUnique() {
        let names = SheetNames.unique(["Bedragen [a/b]", "bedragen [a/b]", String(repeating: "x", count: 40), String(repeating: "x", count: 35), ""])
        #expect(names[0] == "Bedragen -a-b-")
        #expect(names[1] == "bedragen -a-b- (2)")
        #expect(names[2] == String(repeating: "x", count: 31))
        #expect(names[3] == String(repeating: "x", count: 27) + " (2)")
        #expect(names[4] == "Blad")
    }

    @Test func cellsAreTypedAndFormulasNeverWritten() throws {
        let xml = SheetXML.render(sheet)
        // Header bold (style 1) and frozen below row 1.
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">gemeente</t></is></c>"#))
        // A name like a formula is an inline string; no <f> anywhere.
        #expect(xml.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">=SUM(A1)</t></is></c>"#))
        #expect(!xml.contains("<f>"))
        // Numbers as numbers with their style: euro 2, percent 4, year 7; an empty cell left out.
        #expect(xml.contains(#"<c r="B2" s="2"><v>1234.0</v></c>"#))
        #expect(xml.contains(#"<c r="B3" s="4"><v>0.25</v></c>"#))
        #expect(xml.contains(#"<row r="4"><c r="B4" s="7"><v>2026.0</v></c></row>"#))
        #expect(xml.contains("A &amp; B &lt;c&gt;"))
    }

    /// A caption (a block's title) is bold (style 8) and, running over the empty cells to its
    /// right, sets no column's width: column A stays as wide as its widest text, "A & B <c>" + 2 = 11.
    @Test func aCaptionIsBoldAndSetsNoWidth() {
        var titled = sheet
        titled.rows.insert([.caption(String(repeating: "Basis ", count: 12))], at: 0)
        let xml = SheetXML.render(titled)
        #expect(xml.contains(#"<c r="A2" s="8" t="inlineStr"><is><t xml:space="preserve">Basis Basis"#))
        #expect(xml.contains(#"<col min="1" max="1" width="11" customWidth="1"/>"#))
    }

    @Test func theArchiveHasEveryPartAndIsTheSameEachTime() throws {
        let book = Workbook(sheets: [sheet, Workbook.Sheet(name: "Bedragen", header: [], rows: [[.heading("Over")]])])
        let first = try book.archive()
        #expect(try book.archive() == first)
        let parts = try parts(first)
        #expect(Set(parts.keys) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        // The second sheet of the same name is renamed; every sheet is in the content types.
        #expect(parts["xl/workbook.xml"]?.contains(#"<sheet name="Bedragen (2)" sheetId="2" r:id="rId2"/>"#) == true)
        #expect(parts["[Content_Types].xml"]?.contains("/xl/worksheets/sheet2.xml") == true)
        #expect(parts["xl/styles.xml"]?.contains(#"<cellXfs count="\#(Workbook.CellStyle.allCases.count)">"#) == true)
        // A sheet without a header row is not frozen.
        #expect(parts["xl/worksheets/sheet2.xml"]?.contains("pane") == false)
    }

    /// Printing (ECMA-376 18.3.1.63 pageSetup, 18.2.6 definedName): A4 (paper size 9)
    /// landscape, one page wide, as long as needed, the header row repeated on every page;
    /// a sheet name in the reference quoted, its own quote doubled; every page headed by its
    /// sheet's name and numbered (18.3.1.46 headerFooter: `&L` left, `&A` the sheet's name,
    /// `&R` right, `&P` the page, `&N` the pages).
    @Test func sheetsPrintOnePageWideWithTheirHeaderOnEveryPage() {
        let xml = SheetXML.render(sheet)
        #expect(xml.contains(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        #expect(xml.hasSuffix(#"</sheetData><pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
            + #"<headerFooter><oddHeader>&amp;L&amp;"-,Bold"&amp;A</oddHeader><oddFooter>&amp;R&amp;P / &amp;N</oddFooter></headerFooter></worksheet>"#))
        let book = WorkbookParts.workbook(sheetNames: ["Over", "Bedragen 's avonds"], headed: [false, true])
        #expect(book.hasSuffix(#"<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'Bedragen ''s avonds'!$1:$1</definedName></definedNames></workbook>"#))
        #expect(!WorkbookParts.workbook(sheetNames: ["Over"], headed: [false]).contains("definedNames"))
    }

    @Test func aSheetTooLargeForSpreadsheetsIsRefusedNotCut() {
        let rows = [[Workbook.Cell]](repeating: [.number(1, .general)], count: Workbook.maximumRows)
        #expect(throws: Workbook.WorkbookError.self) { try Workbook(sheets: [Workbook.Sheet(name: "big", header: ["x"], rows: rows)]).archive() }
    }

    @Test func cellsBecomeWorkbookCellsByTheirColumnsKind() {
        #expect(ColumnKind.euro.cell(.number(1_234), language: .nl) == .number(1_234, .euro))
        #expect(ColumnKind.euro.cell(.number(10.5), language: .nl) == .number(10.5, .euro))
        #expect(ColumnKind.decimal.cell(.number(0.2), language: .nl) == .number(0.2, .decimal))
        // Percent in the table, a fraction in the workbook's percentage format.
        #expect(ColumnKind.percentage.cell(.number(12.5), language: .nl) == .number(0.125, .percent))
        // A text column shows a number as written; typed text needs no formula guard.
        #expect(ColumnKind.text.cell(.number(14, "0014"), language: .nl) == .text("0014"))
        #expect(ColumnKind.text.cell(.text("=SUM(A1)"), language: .nl) == .text("=SUM(A1)"))
        #expect(ColumnKind.count.cell(.empty, language: .nl) == .empty)
        #expect(ColumnKind.text.cell(.text(""), language: .nl) == .empty)
        #expect(ColumnKind.decimal.cell(.number(.nan, "nan"), language: .nl) == .text("nan"))
        // Words in the workbook's language.
        let words = Cell.words(Words(dutch: "bedrag", english: "amount"))
        #expect(ColumnKind.text.cell(words, language: .nl) == .text("bedrag") && ColumnKind.text.cell(words, language: .en) == .text("amount"))
    }
}
