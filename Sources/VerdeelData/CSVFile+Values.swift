import Foundation
import VerdeelCore

extension CSVFile {
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
    func checkUniqueColumns() throws(DataError) {
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
        guard NumberSyntax.isPlainNumber(text), let value = Double(text), value.isFinite else {
            let withPoint = text.replacingOccurrences(of: ",", with: ".")
            if NumberSyntax.isPlainNumber(withPoint) {
                throw fail("'\(text)' uses a decimal comma; write numbers with a decimal point, e.g. \(withPoint)")
            }
            throw fail("'\(text)' is not a number; write a plain number such as 12345 or -0.17")
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

/// The accepted spelling of numbers: optional sign, digits with an optional decimal point,
/// optional exponent. Rejects `nan`, `inf`, hexadecimal and digit grouping.
enum NumberSyntax {
    static func isPlainNumber(_ text: String) -> Bool {
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
}
