import Foundation
import Synchronization

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

    /// Reads the table; with `threads` > 1 a large file is read in parts at line ends, in
    /// parallel (the result is the same).
    public init(name: String, bytes: [UInt8], threads: Int = 1) throws(DataError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
            try NumberTable(name: name, buffer: buffer, threads: threads)
        }
    }

    /// Reads the table from bytes the caller holds (e.g. a memory-mapped file).
    public init(name: String, buffer: UnsafeBufferPointer<UInt8>, threads: Int = 1) throws(DataError) {
        let read = try NumberTableReader.readAll(buffer, name: name, threads: threads)
        guard read.columns > 0 else {
            throw DataError(file: name, line: 0, column: 0, message: "has no rows of numbers; write one row per sample, values separated by spaces or commas")
        }
        self.name = name
        header = read.header
        rows = read.values.count / read.columns
        columns = read.columns
        values = read.values
    }

    /// Column `c` as an array.
    public func column(_ c: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + c] }
    }
}

/// One pass over (a part of) the bytes of a ``NumberTable``.
struct NumberTableReader {
    /// Parts of at least this many bytes are read on threads of their own.
    static let partBytes = 4 << 20
    let name: String
    var header: [String]?
    var columns = 0
    var values: [Double] = []
    var separator: UInt8?
    var line = 0
    var lineStart = 0
    var firstRowBytes = 0

    init(name: String) {
        self.name = name
    }

    /// The header, the first row, then the rest in parts; an error in a later part gets
    /// its line number counted from the start of the file.
    static func readAll(_ bytes: UnsafeBufferPointer<UInt8>, name: String, threads: Int, partBytes: Int = partBytes) throws(DataError) -> NumberTableReader {
        var first = NumberTableReader(name: name)
        var start = 0
        while start < bytes.count, first.columns == 0 {
            start = try first.readLine(bytes, from: start)
        }
        let parts = max(1, min(threads, (bytes.count - start) / partBytes))
        guard parts > 1 else {
            first.values.reserveCapacity(first.columns * ((bytes.count - start) / max(1, first.firstRowBytes) + 2))
            try first.read(bytes, from: start, to: bytes.count)
            return first
        }
        var bounds = [start]
        for p in 1..<parts {
            var cut = max(bounds[p - 1], start + (bytes.count - start) * p / parts)
            while cut < bytes.count, bytes[cut - 1] != 10 { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(bytes.count)
        let cuts = bounds
        let template = first
        let shared = SharedBytes(bytes)
        let results = Mutex<[Int: Result<[Double], DataError>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            var reader = template
            reader.line = 0
            if p == 0 {
                reader.values.reserveCapacity(template.columns * ((cuts[parts] - cuts[0]) / max(1, template.firstRowBytes) + 2))
            } else {
                reader.values = []
                reader.values.reserveCapacity(template.columns * ((cuts[p + 1] - cuts[p]) / max(1, template.firstRowBytes) + 2))
            }
            let result: Result<[Double], DataError>
            do throws(DataError) {
                try reader.read(shared.bytes, from: cuts[p], to: cuts[p + 1])
                result = .success(reader.values)
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[p] = result }
        }
        for p in 0..<parts {
            guard case .failure(let error)? = results.withLock({ $0[p] }) else { continue }
            let before = first.line + bytes[start..<cuts[p]].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw DataError(file: error.file, line: error.line + before, column: error.column, columnName: error.columnName, message: error.message)
        }
        // Part 0 holds the first row and room for all: the other parts are appended to it in place.
        guard case .success(var values)? = results.withLock({ $0.removeValue(forKey: 0) }) else { return first }
        for p in 1..<parts {
            if case .success(let more)? = results.withLock({ $0.removeValue(forKey: p) }) { values += more }
        }
        first.values = values
        return first
    }

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(DataError) {
        var start = start
        while start < end {
            start = try readLine(bytes, from: start)
        }
    }

    /// Reads the line that starts at `start`; returns where the next one starts.
    mutating func readLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(DataError) -> Int {
        let stop = Self.lineEnd(bytes, from: start)
        line += 1
        let firstRow = columns == 0
        try readLine(bytes, start, trimmedEnd(bytes, start, stop))
        if firstRow, columns > 0 { firstRowBytes = stop + 1 - start }
        return stop + 1
    }

    /// The index of the next newline at or after `start` (`memchr`), or the end.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, 10, bytes.count - start)
        else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
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

/// The file's bytes, read by the parts' threads.
private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}
