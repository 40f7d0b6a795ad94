/// Plain-text columns: the first two (code, name) left-aligned, the rest (amounts)
/// right-aligned, two spaces apart, with an optional rule of dashes after given rows. In
/// Dutch the numbers below the header (`1,234,567.89`, `+12.5%`) are written as Dutch
/// readers write them (`1.234.567,89`, `+12,5%`).
public struct TextGrid {
    /// The width terminal output keeps to.
    public static let terminalWidth = 120

    /// `text` broken into lines of at most ``terminalWidth`` characters at spaces (a word
    /// longer than that stays whole), later lines indented by two spaces; ends in a newline.
    public static func wrapped(_ text: String) -> String {
        var lines = [String](), line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > terminalWidth {
                lines.append(line)
                line = "  " + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return (lines + [line]).joined(separator: "\n") + "\n"
    }

    /// The widest line of rendered text.
    static func width(of text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    /// A number as written in `language`: in Dutch the grouping commas and the decimal point
    /// of an English number swap (`1,234.5` is `1.234,5`).
    public static func localised(_ number: String, _ language: ReportLanguage) -> String {
        language == .en ? number : String(number.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// Whether a cell is a number as the tables write one: an optional sign, digits with
    /// grouping commas and a decimal point, an optional `%`.
    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body.last == "%" { body = body.dropLast() }
        return body.first?.isASCII == true && body.first?.isNumber == true && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }
    }

    let rows: [[String]]
    /// Indices of the rows followed by a rule.
    let rulesAfter: Set<Int>

    init(_ rows: [[String]], rulesAfter: Set<Int> = [], language: ReportLanguage = .en) {
        self.rows = language == .en ? rows : rows.enumerated().map { index, row in
            index == 0 ? row : row.enumerated().map { column, text in column >= 2 && Self.isNumber(text) ? Self.localised(text, language) : text }
        }
        self.rulesAfter = rulesAfter
    }

    /// The grid, every line ending in a newline.
    func render() -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [String]()
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, text in
                column < 2 ? text + String(repeating: " ", count: widths[column] - text.count)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
            if rulesAfter.contains(index) { lines.append(rule) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
