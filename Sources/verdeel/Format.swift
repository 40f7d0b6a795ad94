import ArgumentParser
import Foundation
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

/// `verdeel fmt FILE`: prints the file in canonical form, or checks or rewrites it.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt", abstract: "Format a scenario file in its canonical form.")

    @Argument(help: "The scenario file.")
    var file: String

    @Flag(help: "Exit with 1 if the file is not in canonical form; change nothing.")
    var check = false

    @Flag(help: "Rewrite the file in place (atomically; its permissions kept, through a symbolic link).")
    var write = false

    func validate() throws {
        if check && write { throw ValidationError("give --check or --write, not both") }
    }

    func run() throws {
        guard let bytes = ScenarioRun.readFromDisk(file) else {
            printError("error: cannot read \(file)")
            throw ExitCode(1)
        }
        guard case .success(let text) = UTF8Text.decode(bytes) else {
            printError("error: \(file) is not valid UTF-8 text")
            throw ExitCode(1)
        }
        let (document, diagnostics) = Parser.parse(SourceFile(name: file, text: text))
        if !diagnostics.isEmpty {
            for diagnostic in diagnostics { printError(diagnostic.rendered) }
            printError("not formatted: \(file) has syntax errors")
            throw ExitCode(1)
        }
        let formatted = Formatter.format(document)
        if check {
            guard formatted == text else {
                printError("\(file) is not in canonical form; run: verdeel fmt --write \(file)")
                throw ExitCode(1)
            }
        } else if write {
            if formatted != text { try FileRewrite.replace(file, with: formatted) }
        } else {
            print(formatted, terminator: "")
        }
    }
}
