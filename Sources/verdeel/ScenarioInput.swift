import ArgumentParser
import Foundation
import VerdeelBundle
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelSession
import VerdeelSimulation

/// A scenario file given on the command line, or the bundled Sociale Agenda scenario.
struct ScenarioInput {
    let path: String
    let read: @Sendable (String) -> [UInt8]?
    /// Where files may be read from; nil for the bundled scenario, which reads no files.
    let access: FileAccess?

    /// `file` (the user's choice) is read wherever it is; what it includes and the data it
    /// names only inside the folders `access` allows.
    init(file: String?, access: FileAccess = FileAccess(root: nil, allowRead: [])) {
        if let file {
            path = file
            read = { requested in requested == file ? ScenarioRun.readFromDisk(requested) : access.read(requested) }
            self.access = access
        } else {
            path = BundledScenario.mainFile
            read = { path in BundledScenario.files[(path as NSString).standardizingPath].map { Array($0.utf8) } }
            self.access = nil
        }
    }

    /// Compiles the file; prints diagnostics; throws exit code 1 on errors.
    func compile() throws -> ScenarioLoader.Compilation {
        let compilation = ScenarioLoader.compile(path: path, read: read)
        for diagnostic in compilation.diagnostics { printError(diagnostic.rendered) }
        let refused = compilation.hasErrors ? [] : access?.refusedDataFiles(compilation.plans, sources: compilation.sources) ?? []
        for message in refused { printError(message) }
        if compilation.hasErrors || !refused.isEmpty {
            let count = compilation.diagnostics.count + refused.count
            printError("\(count) error\(count == 1 ? "" : "s") in \(path)")
            throw ExitCode(1)
        }
        return compilation
    }

    /// The plans named (all when none is; a name given twice counts once), or exit code 1
    /// for an unknown name.
    func select(_ names: [String], from plans: [ScenarioPlan]) throws -> [ScenarioPlan] {
        guard !names.isEmpty else { return plans }
        var selected = [ScenarioPlan]()
        for name in names where !selected.contains(where: { $0.name == name }) {
            guard let plan = plans.first(where: { $0.name == name }) else {
                let hint = NearestName.find(name, among: plans.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
                printError("error: \(path) has no scenario '\(name)'.\(hint) It has: \(plans.map(\.name).joined(separator: ", "))")
                throw ExitCode(1)
            }
            selected.append(plan)
        }
        return selected
    }

    /// The session that runs this input's plans, reading files as the input may.
    var session: ScenarioSession { ScenarioSession(read: read) }

    /// Runs the plans; prints a data or allocation error (located by `sources`) and exits 1.
    func run(_ plans: [ScenarioPlan], sources: SourceMap) throws -> [ScenarioRun] {
        do {
            return try session.allocate(plans)
        } catch {
            printError("error: \(sources.describe(error))")
            throw ExitCode(1)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
