import Foundation
import VerdeelLanguage
import VerdeelSimulation

/// Compiles `text` as `Scenarios/NAME` of the repository, with `files` (by name, e.g.
/// `three.csv`) held in memory; other files are read from disk.
public func compile(_ text: String, files: [String: String] = [:], name: String = "test.verdeel") -> ScenarioLoader.Compilation {
    let path = "\(repositoryRoot)/Scenarios/\(name)"
    return ScenarioLoader.compile(path: path) { requested in
        requested == path ? Array(text.utf8) : read(requested, files: files)
    }
}

/// Compiles the repository's file at `file` (e.g. `Scenarios/sociale-agenda.verdeel`) from disk.
public func compile(file: String) -> ScenarioLoader.Compilation {
    ScenarioLoader.compile(path: "\(repositoryRoot)/\(file)") { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
}

/// A file's bytes: one of `files` when the path ends in its name, else the file on disk.
public func read(_ path: String, files: [String: String]) -> [UInt8]? {
    for (name, contents) in files where path.hasSuffix("/" + name) { return Array(contents.utf8) }
    return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

/// The rendered diagnostics with the repository's `Scenarios/` path removed, for exact comparison.
public func messages(_ compilation: ScenarioLoader.Compilation) -> [String] {
    compilation.diagnostics.map { $0.rendered.replacingOccurrences(of: "\(repositoryRoot)/Scenarios/", with: "") }
}

/// A scenario file and its `regions.csv` held in memory (in a folder of the temporary
/// directory that is never written): compiled, and its scenarios run, without the disk.
public struct InMemoryScenario {
    /// The scenario file's path (never written).
    public let path: String
    public let compilation: ScenarioLoader.Compilation
    public let read: @Sendable (String) -> [UInt8]?

    public init(_ text: String, data: String = TwoRegions.handWorked, folder: String) {
        let path = FileManager.default.temporaryDirectory.path + "/\(folder)/s.verdeel"
        self.path = path
        read = { requested in
            requested == path ? Array(text.utf8) : requested.hasSuffix("/regions.csv") ? Array(data.utf8) : nil
        }
        compilation = ScenarioLoader.compile(path: path, read: read)
    }

    /// Every scenario run, in file order.
    public func runs() throws -> [ScenarioRun] {
        try compilation.plans.map { try ScenarioRun.run($0, read: read) }
    }
}
