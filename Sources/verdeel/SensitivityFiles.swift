import ArgumentParser
import Foundation
import VerdeelData
import VerdeelDesign

/// Reads a problem file (SALib's text or JSON layout), or stops with its message.
func loadProblem(_ path: String) throws -> SensitivityProblem {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("error: cannot read the problem file \(path); check the path")
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
    do {
        return try NumberTable(name: path, buffer: UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), threads: threads)
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// Writes one file through a temporary sibling and a rename, so a reader never sees half of it.
func writeAtomically(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("error: cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
}
