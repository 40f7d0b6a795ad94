import ArgumentParser
import Foundation
import VerdeelBundle
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// A scenario file given on the command line, or the bundled Sociale Agenda scenario.
struct ScenarioInput {
    let path: String
    let read: @Sendable (String) -> [UInt8]?
    /// Where files may be read from; nil for the bundled scenario, which reads no files.
    let access: FileAccess?

    /// `file` is read as ``FileAccess/reader(scenarioFile:)`` allows; without it, the
    /// bundled file `bundled` (default the Sociale Agenda scenario).
    init(file: String?, access: FileAccess = FileAccess(root: nil, allowRead: []), bundled: String = BundledScenario.mainFile) {
        if let file {
            (path, read, self.access) = (file, access.reader(scenarioFile: file), access)
        } else {
            path = bundled
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
        do { return try ScenarioSession.select(names, from: plans, file: path) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The session that runs this input's plans, reading files as the input may.
    var session: ScenarioSession { ScenarioSession(read: read) }

    /// Runs the plans; prints a data or allocation error (located by `sources`) and exits 1.
    func run(_ plans: [ScenarioPlan], sources: SourceMap) throws -> [ScenarioRun] {
        try sources.orExit("error: ") { try session.allocate(plans) }
    }
}

/// The notice of outputs built on synthetic figures, in lines that fit the terminal.
func printSyntheticNotice(_ language: ReportLanguage = .en) {
    print(TextGrid.wrapped(SyntheticNotice.text(language)), terminator: "")
}

/// A warning as the terminal shows it, in `language`.
func warningLine(_ warning: Words, _ language: ReportLanguage) -> String {
    language.pick("waarschuwing: ", "warning: ") + language.pick(warning)
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

extension SourceMap {
    /// Runs `body`; an error ends the command with its message (after `prefix`), its sites
    /// located in the scenario text.
    func orExit<T>(_ prefix: String = "", _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            printError(prefix + describe(error))
            throw ExitCode(1)
        }
    }
}
