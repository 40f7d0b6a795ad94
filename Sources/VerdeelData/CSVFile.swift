import VerdeelCore

/// A CSV file (RFC 4180) read into fields that remember where they stand, so every later
/// error can point at file:line:column. Accepts a UTF-8 byte-order mark and CRLF line
/// endings; rejects bytes that are not UTF-8 with the position of the first bad byte.
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
        var scanner = CSVScanner(text: text, file: name)
        var lines = try scanner.records()
        lines.removeAll { $0.count == 1 && $0[0].value.isEmpty }
        guard let header = lines.first else {
            throw DataError(file: name, line: 0, column: 0, message: "the file is empty; it needs a header line naming its columns, e.g. code,name,inhabitants")
        }
        for record in lines.dropFirst() where record.count != header.count {
            let first = record[0]
            throw DataError(
                file: name, line: first.line, column: 0,
                message: "this line has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(header.count); check for a missing or extra comma, or quote a value that contains a comma")
        }
        self.header = header
        self.records = Array(lines.dropFirst())
    }
}

/// Splits CSV text into records of fields with positions; quoted fields may hold commas,
/// doubled quotes and line breaks.
private struct CSVScanner {
    let scalars: [Unicode.Scalar]
    let file: String
    var index = 0
    var line = 1
    var column = 1

    init(text: String, file: String) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
    }

    mutating func records() throws(DataError) -> [[CSVFile.Field]] {
        var records = [[CSVFile.Field]]()
        var record = [CSVFile.Field]()
        while index < scalars.count {
            record.append(try field())
            if index >= scalars.count { break }
            let separator = scalars[index]
            advance()
            if separator == "\r", index < scalars.count, scalars[index] == "\n" { advance() }
            if separator == ",", index >= scalars.count {
                record.append(CSVFile.Field(value: "", line: line, column: column))
            }
            if separator != "," {
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
            if index < scalars.count, !Self.isSeparator(scalars[index]) {
                throw DataError(file: file, line: line, column: column, message: "unexpected text after a closing quote; put the whole value inside the quotes")
            }
        } else {
            while index < scalars.count, !Self.isSeparator(scalars[index]) {
                value.append(scalars[index])
                advance()
            }
        }
        return CSVFile.Field(value: String(value), line: startLine, column: startColumn)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\n" || scalar == "\r"
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
