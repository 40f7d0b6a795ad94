import VerdeelTables
import VerdeelData

/// How a workbook stores and shows a cell of each ``ColumnKind``.
extension ColumnKind {
    /// The cell of a CSV field of this kind: a number where the field is one (finite), else text.
    func cell(_ field: String) -> Workbook.Cell {
        if field.isEmpty { return .empty }
        if self == .text { return .text(Self.unguarded(field)) }
        guard let value = Double(field), value.isFinite else { return .text(Self.unguarded(field)) }
        switch self {
        case .euro: return .number(value, .euro)
        case .euroCents: return .number(value, .euroCents)
        case .fraction: return .number(value, .percent)
        case .percentage: return .number(value / 100, .percent)
        case .count: return .number(value, .count)
        case .ordinal: return .number(value, .year)
        case .decimal, .text: return .number(value, .decimal)
        }
    }

    /// A CSV text field without the `'` that guards a leading `=`, `+`, `-`, `@` from being
    /// run as a formula (`AllocationCSV.text`): a workbook cell is typed text and needs none.
    static func unguarded(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first, "=+-@\t\r".unicodeScalars.contains(second) else { return field }
        return String(field.dropFirst())
    }
}
