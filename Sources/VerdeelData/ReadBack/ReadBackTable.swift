import VerdeelTables
import Foundation
import VerdeelCore

/// A table verdeel wrote, read back (`verdeel report FOLDER`, `verdeel merge`) as strictly as
/// a region table, against the columns its folder's `schema.json` declares: the file ends
/// with a line break (else it was cut off), is in the plain CSV style, its header is the
/// declared columns' ids, every row has the header's fields, each cell is what its column holds (a
/// plain finite number, or empty where no value applies, in a number column; a whole
/// number in a year, rank or variant column; text without control characters), no row is
/// given twice, and the variants (or design rows) are within the range a part holds. Each
/// problem is a ``DataError`` at file, line and column.
///
/// One pass over the bytes with no copy of the rows, so a national run's parts (gigabytes)
/// are checked as they are merged: rows are written in variant order, so a repeated row is
/// looked for among the rows of the same variant only.
public struct ReadBackTable {
    let name: String
    let columns: [Column]
    let label: String
    let rangeColumn: String
    let range: Range<Int>?

    /// `name` is the file name (`summary.csv`), `columns` its declared columns, `shown` how
    /// messages name it; `range` (from 1, half-open) is where the `rangeColumn` (`variant`,
    /// or `row` for design rows) must stay.
    public init(name: String, columns: [Column], shown: String? = nil, rangeColumn: String = "variant", range: Range<Int>? = nil) {
        self.name = name
        self.columns = columns
        label = shown ?? name
        self.rangeColumn = rangeColumn
        self.range = range
    }

    /// Checks the bytes; returns the number of rows.
    @discardableResult
    public func check(_ data: Data) throws(DataError) -> Int {
        do {
            return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(DataError) -> Int in
                try check(raw.bindMemory(to: UInt8.self))
            }
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError(file: label, line: 0, column: 0, message: "\(error)")
        }
    }

    private func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(DataError) -> Int {
        guard let last = bytes.last else { throw DataError(file: label, line: 0, column: 0, message: "the file is empty; write it again") }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw DataError(file: label, line: 1, column: 0, message: "the file is in the Dutch CSV style; verdeel reads back folders written with --format csv (the default)")
        }
        var scanner = ReadBackScanner(bytes: bytes, file: label)
        var header = [ReadBackScanner.Field]()
        guard try scanner.nextLine(into: &header) else { throw DataError(file: label, line: 1, column: 0, message: "the file has no header") }
        let names = header.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.bytes]), as: UTF8.self) }
        if Set(names).count != names.count { throw DataError(file: label, line: 1, column: 0, message: "the header names a column twice; write the folder again") }
        guard names == columns.map(\.id) else {
            throw DataError(file: label, line: 1, column: 0, message: "the header is not the one \(OutputSchema.fileName) declares (\(Printable.shown(columns.map(\.id).joined(separator: ","))); write the folder again")
        }
        let kinds = columns.map(\.kind)
        let rangeIndex = names.firstIndex(of: rangeColumn)
        var rows = 0, currentKey: Int?
        var hashes = Set<Int>(), sameKey = [(hash: Int, row: Range<Int>)]()
        var fields = [ReadBackScanner.Field]()
        while try scanner.nextLine(into: &fields) {
            let line = scanner.line
            guard fields.count == names.count else {
                throw DataError(file: label, line: line, column: 0, message: "this line has \(fields.count) fields but the header has \(names.count); write the folder again")
            }
            for index in fields.indices {
                try check(fields[index], bytes, kind: kinds[index], column: index, names: names, line: line)
            }
            var key = 0
            if let rangeIndex {
                let field = fields[rangeIndex]
                guard let value = Self.whole(bytes[field.bytes]) else { throw fail(line, field, names[rangeIndex], "not a whole number") }
                if let range, !range.contains(value) {
                    throw fail(line, field, names[rangeIndex], "\(rangeColumn == "row" ? "design row" : "variant") \(value) is outside the \(range.isEmpty ? "none" : "\(range.lowerBound)-\(range.upperBound - 1)") this part holds")
                }
                key = value
            }
            if key != currentKey {
                currentKey = key
                hashes.removeAll(keepingCapacity: true)
                sameKey.removeAll(keepingCapacity: true)
            }
            let whole = fields[0].bytes.lowerBound..<fields[fields.count - 1].bytes.upperBound
            let row = UnsafeBufferPointer(rebasing: bytes[whole])
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(row))
            let hash = hasher.finalize()
            if !hashes.insert(hash).inserted, sameKey.contains(where: { $0.hash == hash && bytes[$0.row].elementsEqual(row) }) {
                throw DataError(file: label, line: line, column: 0, message: "this row is given twice; a table holds each row once")
            }
            sameKey.append((hash, whole))
            rows += 1
        }
        guard last == UInt8(ascii: "\n") else {
            throw DataError(file: label, line: scanner.line, column: 0, message: "the file does not end with a line break: it was cut off; write it again")
        }
        return rows
    }

    private func fail(_ line: Int, _ field: ReadBackScanner.Field, _ column: String, _ message: String) -> DataError {
        DataError(file: label, line: line, column: field.column, columnName: column, message: message + "; write the folder again")
    }

    private func check(_ field: ReadBackScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>, kind: ColumnKind, column index: Int, names: [String], line: Int) throws(DataError) {
        let cell = bytes[field.bytes]
        var mayHoldC1 = false
        for byte in cell where byte < 0x20 || byte == 0x7F || byte == 0xC2 {
            if byte == 0xC2 { mayHoldC1 = true; continue }
            guard byte == 0x09 else { throw fail(line, field, names[index], "the cell holds a control character (U+00\(String(format: "%02X", byte)))") }
        }
        if mayHoldC1, let text = String(bytes: cell, encoding: .utf8), let control = Printable.firstControl(in: text) {
            throw fail(line, field, names[index], "the cell holds a control character (\(control.code))")
        }
        switch kind {
        case .text, .regionCode:
            return
        case .boolean:
            guard cell.isEmpty || cell.elementsEqual("true".utf8) || cell.elementsEqual("false".utf8) else {
                throw fail(line, field, names[index], "'\(Self.shown(cell))' is not true or false")
            }
        case .ordinal:
            guard let whole = Self.whole(cell) else { throw fail(line, field, names[index], "'\(Self.shown(cell))' is not a whole number") }
            if names[index] == "year", !(1000...9999).contains(whole) { throw fail(line, field, names[index], "'\(Self.shown(cell))' is not a year") }
        case .euro, .euroCents, .fraction, .percentage, .count, .decimal:
            if cell.isEmpty { return }
            guard !field.quoted, Self.isFinitePlainNumber(cell) else { throw fail(line, field, names[index], "'\(Self.shown(cell))' is not a plain finite number") }
        }
    }

    static func shown(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        Printable.shown(String(decoding: cell.prefix(40), as: UTF8.self))
    }

    /// A whole number of at most 15 digits (no sign, no spaces).
    static func whole(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !cell.isEmpty, cell.count <= 15 else { return nil }
        var value = 0
        for byte in cell {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Optional sign, digits with an optional point, an optional exponent of at most three
    /// digits, at most 40 significant characters: a number `Double` reads as finite.
    static func isFinitePlainNumber(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var index = cell.startIndex
        func digits() -> Int {
            let start = index
            while index < cell.endIndex, (48...57).contains(cell[index]) { index += 1 }
            return index - start
        }
        if index < cell.endIndex, cell[index] == 43 || cell[index] == 45 { index += 1 }
        var mantissa = digits()
        if index < cell.endIndex, cell[index] == 46 {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0, mantissa <= 40 else { return false }
        if index < cell.endIndex, cell[index] == 101 || cell[index] == 69 {
            index += 1
            if index < cell.endIndex, cell[index] == 43 || cell[index] == 45 { index += 1 }
            let exponent = digits()
            guard (1...3).contains(exponent), let value = Double(String(decoding: cell, as: UTF8.self)), value.isFinite else { return false }
        }
        return index == cell.endIndex
    }
}

/// Splits CSV bytes into lines of fields (RFC 4180 quotes; a line break inside quotes is
/// refused: verdeel writes none, and names with control characters are refused).
struct ReadBackScanner {
    struct Field {
        /// The field's bytes without its quotes (doubled quotes inside stay doubled).
        let bytes: Range<Int>
        let column: Int
        let quoted: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var position = 0
    var line = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Reads the next line's fields into `fields` (its storage reused); false at the end.
    mutating func nextLine(into fields: inout [Field]) throws(DataError) -> Bool {
        guard position < bytes.count else { return false }
        line += 1
        fields.removeAll(keepingCapacity: true)
        var start = position
        while true {
            let column = start - lineStart + 1
            if start < bytes.count, bytes[start] == UInt8(ascii: "\"") {
                var index = start + 1
                while true {
                    guard index < bytes.count else { throw DataError(file: file, line: line, column: column, message: "a quoted field is not closed; the file was cut off or changed") }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") { index += 2; continue }
                        break
                    }
                    if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                        throw DataError(file: file, line: line, column: column, message: "a quoted field holds a line break, which verdeel never writes; write the folder again")
                    }
                    index += 1
                }
                fields.append(Field(bytes: (start + 1)..<index, column: column, quoted: true))
                index += 1
                guard index >= bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "\n") else {
                    throw DataError(file: file, line: line, column: index - lineStart + 1, message: "text follows a closing quote; write the folder again")
                }
                start = index
            } else {
                var index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "\n") {
                    if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\r") {
                        throw DataError(file: file, line: line, column: index - lineStart + 1, message: "a quote or carriage return inside an unquoted field; write the folder again")
                    }
                    index += 1
                }
                fields.append(Field(bytes: start..<index, column: column, quoted: false))
                start = index
            }
            if start < bytes.count, bytes[start] == UInt8(ascii: ",") {
                start += 1
                continue
            }
            position = start < bytes.count ? start + 1 : start
            lineStart = position
            return true
        }
    }

    /// Where the current line starts (columns count from it).
    private var lineStart = 0
}
