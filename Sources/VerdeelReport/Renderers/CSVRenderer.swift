import Dispatch
import Synchronization
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

    public static func text(_ table: ResultTable, style: Style = .standard) -> String {
        let separator = style == .dutch ? ";" : ","
        let header = table.columns.map { CSVFile.quoted($0.id, separator: separator) }.joined(separator: separator) + "\n"
        return (style == .dutch ? byteOrderMark : "") + header + body(table, style: style)
    }

    private static func body(_ table: ResultTable, style: Style) -> String {
        guard table.chunkCount > 1 else { return table.chunkCount == 1 ? lines(table, chunk: 0, style: style) : "" }
        let parts = Mutex([String](repeating: "", count: table.chunkCount))
        DispatchQueue.concurrentPerform(iterations: table.chunkCount) { index in
            let text = lines(table, chunk: index, style: style)
            parts.withLock { $0[index] = text }
        }
        return parts.withLock { $0.joined() }
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
