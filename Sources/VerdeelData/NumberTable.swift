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
    /// The values read before the table's storage exists (the first row), then all of them.
    var values: [Double] = []
    /// Where a part writes its values, and how many fit there.
    var output: UnsafeMutablePointer<Double>?
    var written = 0
    var room = 0
    var separator: UInt8?
    var line = 0
    var lineStart = 0

    init(name: String) {
        self.name = name
    }

    /// Values read so far.
    var count: Int { output == nil ? values.count : written }

    /// The header, the first row, then the rest in parts, each written straight into its
    /// own stretch of the table's storage and closed up afterwards. A number takes at least
    /// one character and a separator, so a part of b bytes holds at most (b + 1) / 2 of
    /// them: that is the room each part gets. An error in a later part gets its line number
    /// counted from the start of the file.
    static func readAll(_ bytes: UnsafeBufferPointer<UInt8>, name: String, threads: Int, partBytes: Int = partBytes) throws(DataError) -> NumberTableReader {
        var first = NumberTableReader(name: name)
        var start = 0
        while start < bytes.count, first.columns == 0 {
            start = try first.readLine(bytes, from: start)
        }
        let parts = max(1, min(threads, (bytes.count - start) / partBytes))
        var bounds = [start]
        for p in 1..<max(parts, 1) {
            var cut = max(bounds[p - 1], start + (bytes.count - start) * p / parts)
            while cut < bytes.count, bytes[cut - 1] != 10 { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(bytes.count)
        let cuts = bounds
        var offsets = [first.values.count]
        for p in 0..<parts { offsets.append(offsets[p] + (cuts[p + 1] - cuts[p] + 1) / 2 + 1) }
        let room = offsets
        let (header, columns, separator, firstRow) = (first.header, first.columns, first.separator, first.values)
        let shared = SharedBytes(bytes)
        let results = Mutex<[Int: Result<(line: Int, written: Int), DataError>]>([:])
        let values = [Double](unsafeUninitializedCapacity: offsets[parts]) { storage, count in
            guard let base = storage.baseAddress else { return }
            Self.adviseHugePages(storage)
            for (i, value) in firstRow.enumerated() { base[i] = value }
            let target = SharedStorage(base)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                var reader = NumberTableReader(name: name)
                (reader.header, reader.columns, reader.separator) = (header, columns, separator)
                reader.output = target.base + room[p]
                reader.room = room[p + 1] - room[p]
                let result: Result<(line: Int, written: Int), DataError>
                do throws(DataError) {
                    try reader.read(shared.bytes, from: cuts[p], to: cuts[p + 1])
                    result = .success((reader.line, reader.written))
                } catch {
                    result = .failure(error)
                }
                results.withLock { $0[p] = result }
            }
            var end = firstRow.count
            for p in 0..<parts {
                guard case .success(let part)? = results.withLock({ $0[p] }) else { continue }
                if end != offsets[p] { (base + end).update(from: base + offsets[p], count: part.written) }
                end += part.written
            }
            count = end
        }
        for p in 0..<parts {
            guard case .failure(let error)? = results.withLock({ $0[p] }) else { continue }
            let before = first.line + bytes[start..<cuts[p]].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw DataError(file: error.file, line: error.line + before, column: error.column, columnName: error.columnName, message: error.message)
        }
        first.values = values
        return first
    }

    /// Asks the kernel for 2 MB pages for the storage (the machine's transparent huge pages
    /// are given where asked): tens of megabytes of numbers are then written without
    /// thousands of page faults.
    private static func adviseHugePages(_ storage: UnsafeMutableBufferPointer<Double>) {
        #if os(Linux)
        guard let base = storage.baseAddress, storage.count * 8 >= 4 << 20 else { return }
        let page = 4096
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + storage.count * 8) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
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
        try readLine(bytes, start, trimmedEnd(bytes, start, stop))
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
        let before = self.count
        try readNumbers(bytes, first, end)
        let count = self.count - before
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
            : text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
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
                if let output {
                    guard written < room else { throw DataError(file: name, line: line, column: 0, message: "has more values than its bytes can hold; the file changed while it was read") }
                    output[written] = value
                    written += 1
                } else {
                    values.append(value)
                }
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


/// The table's storage, which the parts' threads write in disjoint stretches.
private struct SharedStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    init(_ base: UnsafeMutablePointer<Double>) { self.base = base }
}

/// The file's bytes, read by the parts' threads.
private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}
