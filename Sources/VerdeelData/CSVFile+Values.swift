import Foundation
import VerdeelCore

extension CSVFile {
    /// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds the separator,
    /// a quote or a line break, as is otherwise.
    public static func quoted(_ field: String, separator: String = ",") -> String {
        // Byte by byte, with nothing allocated: the common case (a number or a plain name)
        // is one quick pass over the bytes.
        let separators = separator.utf8
        guard field.utf8.contains(where: { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || separators.contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The index of the named column; throws when it is missing, suggesting the nearest header.
    func columnIndex(_ name: String) throws(DataError) -> Int {
        if let index = header.firstIndex(where: { $0.value == name }) { return index }
        let headers = header.map(\.value)
        let hint = NearestName.find(name, among: headers).map { " Did you mean '\($0)'?" } ?? ""
        throw DataError(
            file: self.name, line: 1, column: 0, columnName: name,
            message: "the column is missing.\(hint) The header has: \(headers.joined(separator: ", ")).")
    }

    /// Throws at the second occurrence of a header that appears twice.
    public func checkUniqueColumns() throws(DataError) {
        var seen = [String: Int]()
        for field in header {
            if let first = seen[field.value] {
                throw DataError(
                    file: name, line: field.line, column: field.column, columnName: field.value,
                    message: "the column appears twice (also at column \(first)); rename or remove one")
            }
            seen[field.value] = field.column
        }
    }

    /// Reads a number from a field, enforcing the column's kind.
    func number(_ field: Field, column: String, kind: ValueKind) throws(DataError) -> Double {
        func fail(_ message: String) -> DataError {
            DataError(file: name, line: field.line, column: field.column, columnName: column, message: message)
        }
        let text = field.value.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            throw fail("the value is empty but a number is needed; fill it in, or leave this region out of the table")
        }
        let spelled = try spelling(text, fail: fail)
        guard NumberSyntax.isPlainNumber(spelled), let value = Double(spelled), value.isFinite else {
            let example = separator == ";" ? "12345 or -0,17" : "12345 or -0.17"
            throw fail("'\(text)' is not a number; write a plain number such as \(example)")
        }
        switch kind {
        case .count:
            if value < 0 { throw fail("negative count \(text); a count cannot be below 0") }
            if value != value.rounded() { throw fail("count \(text) is not a whole number") }
        case .nonNegative:
            if value < 0 { throw fail("negative value \(text); this indicator cannot be below 0") }
        case .real:
            break
        }
        return value
    }
}

extension CSVFile {

    /// The number as Swift reads it. In a `;` file (Dutch spreadsheets) a decimal comma is
    /// read as the decimal point; a `.` before exactly three digits (`1.250`: 1250 or
    /// 1.25?) and a value with both `.` and `,` (thousands grouping) are ambiguous and
    /// refused. In a `,` file a comma cannot stand in a number.
    func spelling(_ text: String, fail: (String) -> DataError) throws(DataError) -> String {
        let hasComma = text.contains(","), hasPoint = text.contains(".")
        guard separator == ";" else {
            let withPoint = text.replacingOccurrences(of: ",", with: ".")
            if hasComma && NumberSyntax.isPlainNumber(withPoint) {
                throw fail("'\(text)' uses a decimal comma in a file separated by ','; write numbers with a decimal point (\(withPoint)), or save the file with ';' between fields as Dutch Excel does")
            }
            return text
        }
        if hasComma && hasPoint {
            throw fail("'\(text)' has both '.' and ','; remove the thousands separator and keep the decimal comma (e.g. 1234,5)")
        }
        if hasPoint, NumberSyntax.hasThreeDigitGroup(text) {
            let whole = text.replacingOccurrences(of: ".", with: "")
            throw fail("'\(text)' is ambiguous in a ';' file: \(whole) when '.' groups thousands, or \(text) with a decimal point; write \(whole), or \(text.replacingOccurrences(of: ".", with: ",")) with a decimal comma")
        }
        return hasComma ? text.replacingOccurrences(of: ",", with: ".") : text
    }
}

/// The accepted spelling of numbers: optional sign, digits with an optional decimal point,
/// optional exponent. Rejects `nan`, `inf`, hexadecimal and digit grouping.
public enum NumberSyntax {
    public static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// Whether a `.` is followed by exactly three digits and then the end or an exponent,
    /// as in `1.250` or `200.000`: the Dutch way of grouping thousands.
    static func hasThreeDigitGroup(_ text: String) -> Bool {
        guard let point = text.firstIndex(of: ".") else { return false }
        let after = text[text.index(after: point)...]
        let digits = after.prefix { $0.isASCII && $0.isNumber }
        return digits.count == 3 && (digits.endIndex == after.endIndex || after[digits.endIndex] == "e" || after[digits.endIndex] == "E")
    }
}
