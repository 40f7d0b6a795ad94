import Foundation
import Testing
import VerdeelReport
import VerdeelSession

/// An output set written from streamed files: each file as its pieces come, a file made
/// from the files before it (their sizes and SHA-256), and a renderer that fails half-way
/// leaving the old folder as it was.
struct OutputSetTests {
    static func folder() throws -> URL {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("verdeel-outputset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }

    /// "abc" in two pieces is the file `abc` (3 bytes, SHA-256 ba7816bf... of FIPS 180-2's
    /// first example); the listing after it sees that size and digest.
    @Test func streamedFilesAreWrittenAndListed() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out").path
        let streamed = OutputFile("a.txt") { sink in
            try sink(Data("ab".utf8))
            try sink(Data("c".utf8))
        }
        let listing = OutputFile("list.txt") { written in Data(written.map { "\($0.name) \($0.bytes) \($0.sha256)\n" }.joined().utf8) }
        try OutputSet(target).write(files: [streamed, listing], notes: [], stop: { false })
        #expect(try String(contentsOfFile: target + "/a.txt", encoding: .utf8) == "abc")
        #expect(try String(contentsOfFile: target + "/list.txt", encoding: .utf8) == "a.txt 3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
    }

    struct RendererFailure: Error, CustomStringConvertible {
        var description: String { "the renderer gave up" }
    }

    /// A file whose renderer fails after its first piece: the error names the file and why,
    /// the old folder keeps its files, and no temporary folder is left.
    @Test func aFailingRendererLeavesTheOldFolder() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out").path
        try OutputSet(target).write(files: [OutputFile("a.txt", data: Data("old".utf8))], notes: [], stop: { false })
        let failing = OutputFile("a.txt") { sink in
            try sink(Data("new, half".utf8))
            throw RendererFailure()
        }
        #expect {
            try OutputSet(target).write(files: [failing], notes: [], stop: { false })
        } throws: { error in
            "\(error)" == "a.txt cannot be made: the renderer gave up; nothing was changed in the output folder"
        }
        #expect(try String(contentsOfFile: target + "/a.txt", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["out"])
    }
}
