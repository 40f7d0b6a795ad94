/// Text that is safe to show on a terminal or write into a table: no control characters
/// (C0 except tab, DEL, C1), so a data file or a file verdeel reads back cannot hide or
/// overwrite figures on a reader's screen with escape sequences or carriage returns.
public enum Printable {
    /// Whether the scalar is a control character other than tab (U+0000-U+0008,
    /// U+000A-U+001F, U+007F-U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether the text has no control characters other than tab.
    public static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isControl)
    }

    /// The position (from 1, in characters) and code of the first control character, if any.
    public static func firstControl(in text: String) -> (position: Int, code: String)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            return (offset + 1, code(scalar))
        }
        return nil
    }

    /// The text with every control character shown as its code (`U+001B`).
    public static func shown(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { result += "<\(code(scalar))>" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
