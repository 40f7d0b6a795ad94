import Foundation
import VerdeelData
import VerdeelDesign

/// The files of SALib's layouts that `verdeel sensitivity` reads: a problem file and tables
/// of numbers (samples, outputs), checked before they are parsed.
public enum SALibFiles {
    /// Reads a problem file (SALib's text or JSON layout).
    public static func problem(_ path: String) throws(SALibFileError) -> SensitivityProblem {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
            throw SALibFileError("cannot read the problem file \(path); check the path (it must be a file)")
        }
        if data.count > TextPrefix.problemLimit {
            throw SALibFileError("\(path): a problem file of \(data.count) bytes; a problem file names its factors in a few lines, at most \(TextPrefix.problemLimit / 1_000_000) MB")
        }
        if let problem = data.withUnsafeBytes({ TextPrefix.problem($0.bindMemory(to: UInt8.self)) }) {
            throw SALibFileError("\(path): \(problem); give SALib's text or JSON problem file")
        }
        do {
            return try ProblemFile.parse(name: path, text: String(decoding: data, as: UTF8.self))
        } catch {
            throw SALibFileError(error.message)
        }
    }

    /// A table of numbers, read in parallel parts from the file mapped into memory.
    public static func table(_ path: String, threads: Int) throws(SALibFileError) -> NumberTable {
        let descriptor = open(path, O_RDONLY)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            if descriptor >= 0 { close(descriptor) }
            throw SALibFileError("cannot read \(path); check the path (it must be a file)")
        }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        guard size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw SALibFileError("\(path): has no rows of numbers; write one row per sample, values separated by spaces or commas")
        }
        defer { munmap(mapped, size) }
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        if let problem = TextPrefix.problem(bytes) {
            throw SALibFileError("\(path): \(problem); give a text file of numbers (one row per sample, values separated by spaces or commas)")
        }
        do {
            return try NumberTable(name: path, buffer: UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), threads: threads)
        } catch {
            throw SALibFileError("\(error)")
        }
    }
}

/// Why a file of SALib's layouts cannot be read.
public struct SALibFileError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The first bytes of a file that should be text, looked at before anything else: a NUL
/// byte or bytes that are not UTF-8 there mean a binary file, refused at once instead of
/// scanning gigabytes of it.
enum TextPrefix {
    static let length = 65_536
    static let problemLimit = 16_000_000

    static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let prefix = UnsafeBufferPointer(rebasing: bytes.prefix(length))
        if let nul = prefix.firstIndex(of: 0) { return "byte \(nul + 1) is a NUL byte: this is a binary file, not text" }
        var decoder = UTF8()
        var iterator = prefix.makeIterator()
        var decoded = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): decoded += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error:
                // A character cut by the prefix's end is not an error.
                return prefix.count == length && decoded >= length - 4 ? nil : "byte \(decoded + 1) is not UTF-8 text: this is a binary file"
            }
        }
    }
}
