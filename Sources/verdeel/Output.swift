import ArgumentParser
import Foundation
import VerdeelCore
import VerdeelData
import VerdeelReport
import VerdeelSession

/// How `verdeel run` shows or writes results.
extension OutputFormat: ExpressibleByArgument {}

extension ReportLanguage: ExpressibleByArgument {}

/// The options of every command that writes results: the folder, the format and the
/// language of a workbook's or page's words. Checked when the command line is parsed.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Write the results into this folder, as one set with provenance.json.")
    var output: String?

    @Option(name: .long, help: "table, csv, csv-nl (';' and decimal comma), json, xlsx (a workbook) or html (update-impact's report); xlsx and html need --output.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "The language of a workbook's or a report's words: nl or en.")
    var lang: ReportLanguage = .nl

    func validate() throws {
        if format.needsFolder && output == nil { throw ValidationError("--format \(format.rawValue) writes a file into a folder; add --output DIR") }
    }

    /// Refuses a format the command does not write, naming the ones it does.
    func refuse(_ formats: Set<OutputFormat>) throws {
        guard formats.contains(format) else { return }
        let written = OutputFormat.allCases.filter { !formats.contains($0) }.map(\.rawValue)
        throw ValidationError("--format \(format.rawValue) is not written here; use \(written.joined(separator: ", "))")
    }
}

/// Writing an output set from a command: signals only recorded while it is written (a
/// signal then stops it before the next file, and the old folder stays); a problem ends
/// the command with its message.
extension OutputSet {
    func write(_ files: [(name: String, contents: String)], notes: [String] = []) throws {
        try write(files: files.map { ($0.name, Data($0.contents.utf8)) }, notes: notes)
    }

    func write(files: [(name: String, data: Data)], notes: [String] = []) throws {
        let interruption = Interruption.shared
        do {
            try interruption.deferred { () throws(any Error) in try write(files: files, notes: notes) { interruption.signalNumber != nil } }
        } catch OutputSetError.stopped {
            printError("\(interruption.signalName): no output was written")
            throw ExitCode(interruption.exitCode)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
