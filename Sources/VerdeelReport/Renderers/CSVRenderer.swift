import Foundation
import VerdeelData
import VerdeelTables

/// A result table as CSV text, in one of two styles. `standard` is what scripts and the
/// read-back checks read: `,` between fields, a decimal point, words in English. `dutch` is
/// what Dutch Excel opens as it is: a UTF-8 byte-order mark (so that names such as
/// Súdwest-Fryslân show correctly), `;` between fields, a decimal comma, words in Dutch
/// (the names for people are joined by the caller, ``PeopleNames``).
///
/// A number is written as its cell's text; a text cell a spreadsheet would run as a formula
/// gets a leading `'` (``FormulaGuard``); fields are quoted (RFC 4180) where they hold the
/// separator, a quote or a line break. A table of several chunks is written by several
/// threads at once (a large run has millions of numbers to write), chunks in order.
public enum CSVRenderer {
    public enum Style: Sendable { case standard, dutch }

    /// The UTF-8 byte-order mark that starts every `dutch` file.
    public static let byteOrderMark = "\u{FEFF}"

    /// The table's CSV text; throws only when rows of it could not be made (``ResultTable/checkRows()``).
    public static func text(_ table: ResultTable, style: Style = .standard) throws -> String {
        var text = ""
        try write(table, style: style) { text += String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// The table's CSV text passed to `sink` piece by piece: the header, then the chunks in
    /// order, made a batch of chunks at a time by several threads, so that memory holds one
    /// batch's text, not the table's.
    public static func write(_ table: ResultTable, style: Style = .standard, to sink: (Data) throws -> Void) throws {
        let separator = style == .dutch ? ";" : ","
        let header = table.columns.map { CSVFile.quoted($0.id, separator: separator) }.joined(separator: separator) + "\n"
        try sink(Data(((style == .dutch ? byteOrderMark : "") + header).utf8))
        try table.forEachMadeChunk({ lines(table, chunk: $0, style: style) }) { try sink(Data($0.utf8)) }
    }

    private static func lines(_ table: ResultTable, chunk: Int, style: Style) -> String {
        var text = ""
        let separator = style == .dutch ? ";" : ","
        table.forEachRow(ofChunk: chunk) { row in
            for (index, cell) in row.enumerated() {
                if index > 0 { text += separator }
                text += field(cell, style: style)
            }
            text += "\n"
        }
        return text
    }

    /// One cell as a field of the style.
    static func field(_ cell: Cell, style: Style) -> String {
        switch cell {
        case .empty: return ""
        case .number(_, let text): return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
        case .text(let text): return CSVFile.quoted(FormulaGuard.guarded(text), separator: style == .dutch ? ";" : ",")
        // Dutch Excel reads WAAR and ONWAAR as its own yes-or-no values.
        case .boolean(let value): return style == .dutch ? (value ? "WAAR" : "ONWAAR") : cell.csvText
        case .words(let words): return field(.text(style == .dutch ? words.dutch : words.english), style: style)
        }
    }
}
