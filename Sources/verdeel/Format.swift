import ArgumentParser
import Foundation
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelSession
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
        guard let bytes = ScenarioRun.readFromDisk(file) else { try fail("error: cannot read \(file)") }
        switch Formatter.format(bytes: bytes, name: file) {
        case .failure(.notText): try fail("error: \(file) is not valid UTF-8 text")
        case .failure(.syntax(let diagnostics)):
            for diagnostic in diagnostics { printError(diagnostic.rendered) }
            try fail("not formatted: \(file) has syntax errors")
        case .success(let (text, formatted)):
            if check, formatted != text {
                try fail("\(file) is not in canonical form; run: verdeel fmt --write \(file)")
            } else if write, formatted != text {
                try written { stop in try FileRewrite.replace(file, with: formatted, stop: stop) }
            } else if !check && !write {
                print(formatted, terminator: "")
            }
        }
    }

    private func fail(_ message: String) throws -> Never {
        printError(message)
        throw ExitCode(1)
    }
}
