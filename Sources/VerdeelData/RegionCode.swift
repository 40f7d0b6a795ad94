import Foundation

/// How a region code in a data file becomes the code verdeel compares: surrounding spaces
/// are dropped, letters are made upper case (codes are compared without regard to case, so
/// `gm0014` and `GM0014` are one region), and a code with an invisible character inside
/// (a control or format character such as a zero-width space or a byte-order mark) is
/// refused, since two codes that look the same would otherwise be two regions.
enum RegionCode {
    static func normalize(_ field: CSVFile.Field, file: String, column: String) throws(DataError) -> String {
        let trimmed = trim(field.value)
        for (offset, scalar) in trimmed.unicodeScalars.enumerated() where isInvisible(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            throw DataError(
                file: file, line: field.line, column: field.column, columnName: column,
                message: "the region code has an invisible character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)) at position \(offset + 1); retype the code")
        }
        return trimmed.uppercased()
    }

    /// Drops spaces, tabs and no-break spaces at both ends (nothing else: an invisible
    /// character at an end is refused, not hidden).
    static func trim(_ text: String) -> String {
        let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate: return true
        default: return false
        }
    }
}
