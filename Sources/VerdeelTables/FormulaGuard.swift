/// How text cells are kept from running as formulas in a spreadsheet that opens a CSV file:
/// a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (a formula to
/// Excel and LibreOffice) is written with a leading `'`, which spreadsheets show as text;
/// reading the file back takes it off again. Numbers are never guarded.
public enum FormulaGuard {
    static let starts = "=+-@\t\r".unicodeScalars

    public static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, starts.contains(first) else { return text }
        return "'" + text
    }

    public static func unguarded(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first, starts.contains(second) else { return field }
        return String(field.dropFirst())
    }
}
