import VerdeelCore

/// A CSV file (RFC 4180) read into fields that remember where they stand, so every later
/// error can point at file:line:column. Accepts a UTF-8 byte-order mark and CRLF line
/// endings; rejects bytes that are not UTF-8 with the position of the first bad byte.
///
/// The separator is taken from the header line: `;` when it separates the header's names
/// (as Dutch Excel saves CSV, with decimal commas in numbers), `,` otherwise. A header with
/// both is ambiguous and an error.
///
/// Written here because neither CSV library in the package mirror reports positions.
public struct CSVFile: Sendable {
    /// One cell and where it starts.
    public struct Field: Hashable, Sendable {
        public let value: String
        public let line: Int
        public let column: Int
    }

    /// The file name used in messages.
    public let name: String
    /// The first line's fields.
    public let header: [Field]
    /// The other non-blank lines, each with as many fields as the header.
    public let records: [[Field]]
    /// The field separator: `,`, or `;` for a file saved by Dutch spreadsheets.
    public let separator: Unicode.Scalar

    /// Parses a file's bytes.
    public init(name: String, bytes: [UInt8]) throws(DataError) {
        self.name = name
        let text: String
        switch UTF8Text.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let invalid):
            throw DataError(
                file: name, line: invalid.line, column: invalid.column,
                message: "the file is not valid UTF-8 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)")
        }
        separator = try Self.separator(ofHeaderIn: text, file: name)
        var scanner = CSVScanner(text: text, file: name, separator: separator)
        var lines = try scanner.records()
        lines.removeAll { $0.count == 1 && $0[0].value.isEmpty }
        guard let header = lines.first else {
            throw DataError(file: name, line: 0, column: 0, message: "the file is empty; it needs a header line naming its columns, e.g. code,name,inhabitants")
        }
        for record in lines.dropFirst() where record.count != header.count {
            let first = record[0]
            throw DataError(
                file: name, line: first.line, column: 0,
                message: "this line has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(header.count); check for a missing or extra '\(separator)', or quote a value that contains one")
        }
        self.header = header
        self.records = Array(lines.dropFirst())
    }

    /// `;` when the header line (up to its first line break outside quotes) holds `;` and
    /// no `,` outside quotes; `,` when it holds no `;`; an error when it holds both.
    static func separator(ofHeaderIn text: String, file: String) throws(DataError) -> Unicode.Scalar {
        var (commas, semicolons, quoted) = (0, 0, false)
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        if commas > 0 && semicolons > 0 {
            throw DataError(
                file: file, line: 1, column: 0,
                message: "the header line has both ',' and ';' between its names, so the separator is unclear; save the file with one of them: ',' (numbers with a decimal point) or ';' (as Dutch Excel does, numbers with a decimal comma)")
        }
        return semicolons > 0 ? ";" : ","
    }
}

/// Splits CSV text into records of fields with positions; quoted fields may hold the
/// separator, doubled quotes and line breaks.
private struct CSVScanner {
    let scalars: [Unicode.Scalar]
    let file: String
    let separator: Unicode.Scalar
    var index = 0
    var line = 1
    var column = 1

    init(text: String, file: String, separator: Unicode.Scalar) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
        self.separator = separator
    }

    mutating func records() throws(DataError) -> [[CSVFile.Field]] {
        var records = [[CSVFile.Field]]()
        var record = [CSVFile.Field]()
        while index < scalars.count {
            record.append(try field())
            if index >= scalars.count { break }
            let ending = scalars[index]
            advance()
            if ending == "\r", index < scalars.count, scalars[index] == "\n" { advance() }
            if ending == separator, index >= scalars.count {
                record.append(CSVFile.Field(value: "", line: line, column: column))
            }
            if ending != separator {
                records.append(record)
                record = []
            }
        }
        if !record.isEmpty { records.append(record) }
        return records
    }

    private mutating func field() throws(DataError) -> CSVFile.Field {
        let (startLine, startColumn) = (line, column)
        var value = String.UnicodeScalarView()
        if index < scalars.count, scalars[index] == "\"" {
            advance()
            while true {
                guard index < scalars.count else {
                    throw DataError(file: file, line: startLine, column: startColumn, message: "a quoted value is never closed; add the closing \"")
                }
                let scalar = scalars[index]
                advance()
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        value.append("\"")
                        advance()
                    } else {
                        break
                    }
                } else {
                    value.append(scalar)
                }
            }
            if index < scalars.count, !isSeparator(scalars[index]) {
                throw DataError(file: file, line: line, column: column, message: "unexpected text after a closing quote; put the whole value inside the quotes")
            }
        } else {
            while index < scalars.count, !isSeparator(scalars[index]) {
                value.append(scalars[index])
                advance()
            }
        }
        return CSVFile.Field(value: String(value), line: startLine, column: startColumn)
    }

    private func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == separator || scalar == "\n" || scalar == "\r"
    }

    private mutating func advance() {
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" || (scalar == "\r" && (index >= scalars.count || scalars[index] != "\n")) {
            (line, column) = (line + 1, 1)
        } else {
            column += 1
        }
    }
}
