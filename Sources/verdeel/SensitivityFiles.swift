import ArgumentParser
import Foundation
import VerdeelData
import VerdeelDesign

/// Reads a problem file (SALib's text or JSON layout), or stops with its message.
func loadProblem(_ path: String) throws -> SensitivityProblem {
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
        printError("error: cannot read the problem file \(path); check the path (it must be a file)")
        throw ExitCode(1)
    }
    if data.count > TextPrefix.problemLimit {
        printError("error: \(path): a problem file of \(data.count) bytes; a problem file names its factors in a few lines, at most \(TextPrefix.problemLimit / 1_000_000) MB")
        throw ExitCode(1)
    }
    if let problem = data.withUnsafeBytes({ TextPrefix.problem($0.bindMemory(to: UInt8.self)) }) {
        printError("error: \(path): \(problem); give SALib's text or JSON problem file")
        throw ExitCode(1)
    }
    do {
        return try ProblemFile.parse(name: path, text: String(decoding: data, as: UTF8.self))
    } catch {
        printError("error: \(error.message)")
        throw ExitCode(1)
    }
}

/// A table of numbers, read in parallel parts from the file mapped into memory.
func loadTable(_ path: String, threads: Int) throws -> NumberTable {
    let descriptor = open(path, O_RDONLY)
    var status = stat()
    guard descriptor >= 0, fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        if descriptor >= 0 { close(descriptor) }
        printError("error: cannot read \(path); check the path (it must be a file)")
        throw ExitCode(1)
    }
    defer { close(descriptor) }
    let size = Int(status.st_size)
    guard size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
        printError("error: \(path): has no rows of numbers; write one row per sample, values separated by spaces or commas")
        throw ExitCode(1)
    }
    defer { munmap(mapped, size) }
    let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
    if let problem = TextPrefix.problem(bytes) {
        printError("error: \(path): \(problem); give a text file of numbers (one row per sample, values separated by spaces or commas)")
        throw ExitCode(1)
    }
    do {
        return try NumberTable(name: path, buffer: UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), threads: threads)
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
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
