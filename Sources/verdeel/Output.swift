import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelData
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// How `verdeel run` shows or writes results.
extension OutputFormat: ExpressibleByArgument {}

extension ReportLanguage: ExpressibleByArgument {}

/// The options of every command that writes results: the folder, the format and the
/// language of a workbook's or page's words. Checked when the command line is parsed.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Write the results into this folder, as one set with provenance.json.")
    var output: String?

    @Option(name: .long, help: "table, csv, csv-nl (';' and decimal comma), json, xlsx (a workbook), html (update-impact's report) or parquet (a file per table); xlsx, html and parquet need --output.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "The language of the words and numbers: nl or en (default: nl in a workbook or report, en on the terminal).")
    var lang: ReportLanguage?

    /// The language of a workbook or report: Dutch unless asked otherwise.
    var pages: ReportLanguage { lang ?? .nl }

    /// The language of the terminal's tables: English unless asked otherwise.
    var terminal: ReportLanguage { lang ?? .en }

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

/// Writing an output set from a command; a problem ends the command (``written(_:)``).
extension OutputSet {
    /// Writes the files `make` gives as one set and names each file written; a file that
    /// cannot be made ends the command with its message.
    func publish(_ format: OutputFormat, notes: [String], _ make: () throws -> [OutputFile]) throws {
        let files: [OutputFile]
        do { files = try make() } catch {
            printError("error: the results cannot be written as \(format.rawValue): \(error)")
            throw ExitCode(1)
        }
        try write(files: files, notes: notes)
        for file in files { print("wrote \((path as NSString).appendingPathComponent(file.name))") }
    }

    func write(files: [OutputFile], notes: [String] = []) throws {
        try written { stop in try write(files: files, notes: notes, stop: stop) }
    }
}

/// Runs a write (an output set, one file) with signals only recorded: a signal stops it at
/// its next step and the old files stay. A stopped write ends the command with the signal's
/// exit code, a failed one with its message.
func written(_ body: (_ stop: () -> Bool) throws -> Void) throws {
    let interruption = Interruption.shared
    func stopped(_ what: String) -> ExitCode {
        printError("\(interruption.signalName): \(what)")
        return ExitCode(interruption.exitCode)
    }
    do {
        try interruption.deferred { try body { interruption.signalNumber != nil } }
    } catch OutputSetError.stopped {
        throw stopped("no output was written")
    } catch FileRewriteError.stopped(let what) {
        throw stopped(what)
    } catch FileRewriteError.refused(let message) {
        printError("error: \(message)")
        throw ExitCode(1)
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// How the terminal shows the changes between scenarios (`compare`, `update-impact`).
struct ChangeView: ParsableArguments {
    @Flag(name: .long, help: "Show every fairness metric on the terminal (default: Gini, Theil, Hoover, Loosemore-Hanby).")
    var allMetrics = false

    @Flag(name: .long, help: "Show the change of every year on the terminal even when the table is wider than 120 columns.")
    var wide = false
}
