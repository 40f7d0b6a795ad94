import VerdeelTables

/// How a workbook stores and shows a cell of each ``ColumnKind``.
extension ColumnKind {
    /// A cell of a column of this kind: a number with the kind's display format where it is
    /// one (finite), else text; a text column's numbers are shown as written; words in the
    /// workbook's language.
    func cell(_ cell: Cell, language: ReportLanguage) -> Workbook.Cell {
        switch cell {
        case .empty: return .empty
        case .text(let text): return text.isEmpty ? .empty : .text(text)
        case .words(let words): return .text(language.pick(words))
        case .boolean(let value): return .boolean(value)
        case .number(let value, let text):
            guard !isText, value.isFinite else { return .text(text) }
            switch self {
            case .euro: return .number(value, .euro)
            case .euroCents: return .number(value, .euroCents)
            case .fraction: return .number(value, .percent)
            case .percentage: return .number(value / 100, .percent)
            case .count: return .number(value, .count)
            case .ordinal: return .number(value, .year)
            case .decimal, .text, .regionCode, .boolean: return .number(value, .decimal)
            }
        }
    }
}
