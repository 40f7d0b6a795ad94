/// A table of numbers as SALib and numpy write them: rows of whitespace-separated numbers
/// without a header (`numpy.savetxt`), or comma-separated values with an optional header
/// row of column names. Lines that start with `#` and blank lines are skipped. Every value
/// must be a finite number and every row must have as many values as the first.
public struct NumberTable: Sendable, Equatable {
    /// The file name as the user gave it.
    public let name: String
    /// The column names of the header row, or nil when the file has none.
    public let header: [String]?
    public let rows: Int
    public let columns: Int
    /// Row-major: value (r, c) is `values[r * columns + c]`.
    public let values: [Double]

    public init(name: String, bytes: [UInt8]) throws(DataError) {
        var reader = NumberTableReader(name: name)
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in try reader.read(buffer) }
        guard reader.columns > 0 else {
            throw DataError(file: name, line: 0, column: 0, message: "has no rows of numbers; write one row per sample, values separated by spaces or commas")
        }
        self.name = name
        header = reader.header
        rows = reader.values.count / reader.columns
        columns = reader.columns
        values = reader.values
    }

    /// Column `c` as an array.
    public func column(_ c: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + c] }
    }
}

/// One pass over the bytes of a ``NumberTable``.
struct NumberTableReader {
    let name: String
    var header: [String]?
    var columns = 0
    var values: [Double] = []
    var separator: UInt8?
    var line = 0
    var lineStart = 0

    init(name: String) {
        self.name = name
    }

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(DataError) {
        var start = 0
        values.reserveCapacity(bytes.count / 8)
        while start < bytes.count {
            var stop = start
            while stop < bytes.count, bytes[stop] != 10 { stop += 1 }
            line += 1
            try readLine(bytes, start, trimmedEnd(bytes, start, stop))
            start = stop + 1
        }
    }

    private func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> Int {
        var end = stop
        while end > start, bytes[end - 1] == 13 || bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        return end
    }

    private mutating func readLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(DataError) {
        lineStart = start
        var first = start
        while first < end, bytes[first] == 32 || bytes[first] == 9 { first += 1 }
        guard first < end, bytes[first] != UInt8(ascii: "#") else { return }
        if columns == 0 {
            separator = bytes[first..<end].contains(UInt8(ascii: ",")) ? UInt8(ascii: ",") : nil
            if header == nil, startsWithName(bytes, first, end) {
                header = try names(bytes, first, end)
                return
            }
        }
        let before = values.count
        try readNumbers(bytes, first, end)
        let count = values.count - before
        if columns == 0 { columns = count }
        if let header, header.count != count {
            throw DataError(file: name, line: line, column: 0, message: "has \(count) values but the header names \(header.count) columns")
        }
        if count != columns {
            throw DataError(file: name, line: line, column: 0, message: "has \(count) values, the rows above have \(columns); every row needs one value per column")
        }
    }

    private func startsWithName(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ end: Int) -> Bool {
        if case .invalid = DecimalNumber.scan(UnsafeBufferPointer(rebasing: bytes[..<end]), from: first) { return true }
        return false
    }

    private func names(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ end: Int) throws(DataError) -> [String] {
        let text = String(decoding: bytes[first..<end], as: UTF8.self)
        let fields = separator == nil
            ? text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            : text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks }
        if let empty = fields.firstIndex(where: \.isEmpty) {
            throw DataError(file: name, line: line, column: 0, message: "column \(empty + 1) of the header has no name; name every column")
        }
        return fields
    }

    private mutating func readNumbers(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ end: Int) throws(DataError) {
        let lineBytes = UnsafeBufferPointer(rebasing: bytes[..<end])
        var index = first
        while true {
            switch DecimalNumber.scan(lineBytes, from: index) {
            case .number(let value, let stop) where value.isFinite:
                values.append(value)
                index = stop
            case .number(_, let stop), .notFinite(let stop):
                let text = String(decoding: bytes[index..<stop], as: UTF8.self)
                throw DataError(file: name, line: line, column: index - lineStart + 1, message: "'\(text)' is not a finite number; every value must be a number (no NaN or infinity)")
            case .invalid:
                throw invalid(bytes, index, first, end)
            }
            let afterNumber = index
            while index < end, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
            if index == end { return }
            if let separator {
                guard bytes[index] == separator else { throw invalid(bytes, afterNumber, first, end) }
                index += 1
                while index < end, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
            } else if index == afterNumber {
                throw invalid(bytes, afterNumber, first, end)
            }
        }
    }

    private func invalid(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ first: Int, _ end: Int) -> DataError {
        var stop = index
        while stop < end, bytes[stop] != 32, bytes[stop] != 9, bytes[stop] != separator ?? 32 { stop += 1 }
        let text = stop > index ? String(decoding: bytes[index..<stop], as: UTF8.self) : "(nothing)"
        return DataError(file: name, line: line, column: index - lineStart + 1, message: "'\(text)' is not a number; write numbers such as 0.25 or -1.5e-3, separated by \(separator == nil ? "spaces" : "commas")")
    }
}

extension Substring {
    var trimmingBlanks: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
