import ArgumentParser
import Foundation
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel report FILE --output report.html`: the HTML report of a scenario (run here) or
/// of an output folder that `verdeel run --output` wrote, written as one file.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an HTML report of a scenario or of an output folder: allocation, winners and losers, fairness, uncertainty, sensitivity.",
        discussion: "The report is one self-contained file (no network, fonts or scripts from elsewhere), in Dutch unless --lang en.")

    @Argument(help: "A scenario file (run here), or an output folder written by 'verdeel run --output'.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Option(name: .long, help: "The scenario to report on (default: the file's first, or the folder's only scenario).")
    var scenario: String?

    @Option(name: .long, help: "A scenario to compare with: winners and losers, and its fairness next to the scenario's.")
    var baseline: String?

    @Option(name: .long, help: "The HTML file to write (replaced as a whole).")
    var output: String

    @Option(name: .long, help: "The report's language: nl or en.")
    var lang: ReportLanguage = .nl

    @Option(name: .long, help: "The variant whose draws the Monte Carlo section shows (default: the middle one of the sweep).")
    var variant: Int?

    @Option(name: .long, help: "The municipality (code) whose amount the heatmap of a two-weight sweep shows (default: the first).")
    var region: String?

    @Option(name: .long, help: "Threads for variant, Monte Carlo and sensitivity runs (results do not depend on it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (variant ?? 1) >= 1 else { throw ValidationError("--variant must be at least 1") }
        guard threads >= 1, threads <= RunControl.maximumThreads else { throw ValidationError("--threads must be from 1 to \(RunControl.maximumThreads)") }
        if output.hasSuffix("/") { throw ValidationError("--output names the HTML file to write, e.g. --output report.html") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            printError("error: \(file) does not exist; name a scenario file (.verdeel) or an output folder written by 'verdeel run --output'")
            throw ExitCode(1)
        }
        let input = isDirectory.boolValue ? try folderInput() : try scenarioInput()
        let html: String
        do { html = try HTMLReport(input, language: lang).render() } catch {
            printError("error: the report cannot be made: \(error)")
            throw ExitCode(1)
        }
        try written { stop in try FileRewrite.create(output, with: html, stop: stop) }
        print("wrote \(output) (\(html.utf8.count / 1000) kB)")
        if input.provenance.syntheticData { printSyntheticNotice() }
    }

    /// The report's input from an output folder (``OutputFolder``); a folder that cannot be
    /// read back ends the command.
    private func folderInput() throws -> ReportInput {
        do { return try OutputFolder(path: file).reportInput(scenario: scenario, baseline: baseline, variant: variant, region: region) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The report's input from a scenario file: the scenario (and baseline) run in memory,
    /// with the tables `verdeel run --output` would write.
    private func scenarioInput() throws -> ReportInput {
        let source = ScenarioInput(file: file, access: files.access)
        let compilation = try source.compile()
        guard let name = scenario ?? compilation.plans.first?.name else {
            printError("error: \(file) has no scenario to report on")
            throw ExitCode(1)
        }
        let selected = try source.select([name] + (baseline.map { [$0] } ?? []).filter { $0 != name }, from: compilation.plans)
        let runs = try source.run(selected, sources: compilation.sources)
        let allocation = try compilation.sources.orExit { try source.session.allocation(runs, files: compilation.files, fairness: true) }
        let long = LongRun(session: source.session, sources: compilation.sources, files: compilation.files, threads: threads)
        let more: RunResult?
        switch RunKind(runs[0].plan) {
        case .sensitivity: more = try long.sensitivity(runs[0])
        case .simulation: more = try long.simulation(runs[0], fairness: true, chunk: 32, part: nil, keep: nil, output: nil)
        case .allocation: more = nil
        }
        return try compilation.sources.orExit("error: ") {
            try ScenarioSession.reportInput(allocation, more: more, baseline: baseline, variant: variant, region: region, sites: compilation.sources)
        }
    }
}
