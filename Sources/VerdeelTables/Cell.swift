import Foundation
import VerdeelCore

/// A value in a result table. A number carries the text the CSV file writes for it (its
/// producer's notation, e.g. `0.25` or `-50.000000`) and the value that text says, so every
/// renderer shows the same value; typed renderers (JSON, workbook) use the value.
public enum Cell: Equatable, Sendable {
    case empty
    case text(String)
    case number(Double, String)
    /// A yes-or-no, written `true` or `false`.
    case boolean(Bool)
    /// Words for people (a metric's name, a kind of output), shown in the output's
    /// language: English in the standard CSV and JSON, Dutch in the Dutch CSV style, either
    /// in a workbook or report.
    case words(Words)

    /// A number in its shortest exact form, whole numbers without a point (`3`, `0.1`).
    public static func number(_ value: Double) -> Cell {
        .number(value, shortest(value))
    }

    /// A number written with `places` decimals (`%.6f`); the cell's value is the number the
    /// text says, so every format shows the same value.
    public static func number(_ value: Double, places: Int) -> Cell {
        let text = FixedPoint.text(value, places: places)
        return .number(Double(text) ?? value, text)
    }

    /// A whole number such as a year, a rank or a count.
    public static func whole(_ value: Int) -> Cell {
        .number(Double(value), String(value))
    }

    /// `value` as the output files write a number: whole numbers without a point, others in
    /// their shortest form that reads back as the same double.
    public static func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The text the CSV file writes (before quoting).
    public var csvText: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(_, let text): return text
        case .boolean(let value): return value ? "true" : "false"
        case .words(let words): return words.english
        }
    }
}
