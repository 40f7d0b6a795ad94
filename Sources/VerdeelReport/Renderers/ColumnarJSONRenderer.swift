import Foundation
import VerdeelTables

/// Tables as compact JSON for a client that draws them (the workbench's page and API): per
/// table its title and declared columns once (`id`, `kind`, `dutch`, `english`), then its
/// rows as arrays in column order. A number is a JSON number (its shortest exact form), an
/// undefined number or an empty cell `null`, text a string, a yes-or-no a boolean, and words
/// `{"nl": ..., "en": ...}`. Written directly rather than through JSONEncoder: a page's
/// answer has thousands of cells, and the encoder's keyed rows took 20 ms where this takes
/// well under one (docs/workbench.md).
public enum ColumnarJSONRenderer {
    /// `{"NAME": {"title": {...}, "columns": [...], "rows": [[...], ...]}, ...}` in table order.
    public static func tables(_ tables: [ResultTable]) -> String {
        var text = "{"
        for (index, table) in tables.enumerated() {
            if index > 0 { text += "," }
            text += string(table.name) + ":{\"title\":{\"nl\":" + string(table.title.dutch) + ",\"en\":" + string(table.title.english) + "},\"columns\":["
            text += table.columns.map { column in
                "{\"id\":" + string(column.id) + ",\"kind\":" + string(column.kind.rawValue) + ",\"nl\":" + string(column.dutch) + ",\"en\":" + string(column.english) + "}"
            }.joined(separator: ",")
            text += "],\"rows\":["
            var first = true
            for chunk in 0..<table.chunkCount {
                table.forEachRow(ofChunk: chunk) { row in
                    text.append(first ? "[" : ",[")
                    for (index, cell) in row.enumerated() {
                        if index > 0 { text.append(",") }
                        append(cell, to: &text)
                    }
                    text.append("]")
                    first = false
                }
            }
            text += "]}"
        }
        return text + "}"
    }

    /// One cell as a JSON value, appended to `text`.
    static func append(_ cell: Cell, to text: inout String) {
        switch cell {
        case .empty: text.append("null")
        case .number(let value, _): text.append(value.isFinite ? Cell.shortest(value) : "null")
        case .text(let value): append(string: value, to: &text)
        case .boolean(let value): text.append(value ? "true" : "false")
        case .words(let words):
            text.append("{\"nl\":")
            append(string: words.dutch, to: &text)
            text.append(",\"en\":")
            append(string: words.english, to: &text)
            text.append("}")
        }
    }

    /// A JSON string (RFC 8259 section 7): quotes, backslashes and control characters escaped.
    public static func string(_ text: String) -> String {
        var result = ""
        append(string: text, to: &result)
        return result
    }

    static func append(string: String, to text: inout String) {
        text.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case _ where scalar.value < 0x20: text.append(String(format: "\\u%04x", scalar.value))
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }
}
