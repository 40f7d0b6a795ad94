import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelModel
import VerdeelData
import VerdeelReport
import VerdeelTables
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
        let input = isDirectory.boolValue ? try folderInput()
            : try ReportScenario(file: file, access: files.access, threads: threads).input(scenario: scenario, baseline: baseline, variant: variant, region: region)
        let html: String
        do { html = try HTMLReport(input, language: lang).render() } catch {
            printError("error: the report cannot be made: \(error)")
            throw ExitCode(1)
        }
        try FileRewrite.create(output, with: html)
        print("wrote \(output) (\(html.utf8.count / 1000) kB)")
        if input.provenance.syntheticData { print(AllocationJSON.syntheticNotice) }
    }

    /// The report's input from an output folder (``OutputFolder``); a folder that cannot be
    /// read back ends the command.
    private func folderInput() throws -> ReportInput {
        do { return try OutputFolder(path: file).reportInput(scenario: scenario, baseline: baseline, variant: variant, region: region) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// What `report` reads from a scenario file: the scenario (and baseline) run in memory,
/// with the tables `verdeel run --output` would write.
struct ReportScenario {
    let file: String
    let access: FileAccess
    let threads: Int

    func input(scenario: String?, baseline: String?, variant: Int?, region: String?) throws -> ReportInput {
        let source = ScenarioInput(file: file, access: access)
        let compilation = try source.compile()
        guard let name = scenario ?? compilation.plans.first?.name else {
            printError("error: \(file) has no scenario to report on")
            throw ExitCode(1)
        }
        let selected = try source.select([name] + (baseline.map { [$0] } ?? []).filter { $0 != name }, from: compilation.plans)
        let runs = try source.run(selected, sources: compilation.sources)
        let allocation: RunResult
        do { allocation = try source.session.allocation(runs, files: compilation.files, fairness: true) } catch {
            printError(compilation.sources.describe(error))
            throw ExitCode(1)
        }
        let main = runs[0]
        let more: RunResult?
        switch RunKind(main.plan) {
        case .sensitivity:
            more = try SensitivityRun(run: main, sources: compilation.sources, threads: threads, files: compilation.files, format: .csv, language: .nl).analyse()
        case .simulation:
            let statistics = try Simulate.drawStatistics(main, session: source.session, fairness: true, sources: compilation.sources)
            more = try Simulate(
                run: main, sources: compilation.sources, read: source.read, threads: threads, chunk: 32, statistics: statistics, files: compilation.files, format: .csv, language: .nl
            ).simulate()
        case .allocation:
            more = nil
        }
        let tables = allocation.tables + (more?.tables ?? [])
        let document = allocation.provenance.document(seed: more?.seed, warnings: allocation.warnings + (more?.sensitivity?.warnings ?? []))
        let titles = Dictionary(runs.flatMap { run in run.plan.measures.map { ($0.measure.name, $0.title) } }, uniquingKeysWith: { first, _ in first })
        do {
            return try ReportInput(
                tables: tables, provenance: document, scenario: name, baseline: baseline, measureTitles: titles,
                lossThresholds: main.plan.fairness?.losses ?? [], assertions: runs.flatMap { Self.assertions($0, sources: compilation.sources) }, variant: variant, region: region)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Each assertion of a run, by its line in the scenario file, and whether it holds.
    static func assertions(_ run: ScenarioRun, sources: SourceMap) -> [ReportInput.Assertion] {
        run.plan.assertions.map { assertion in
            let text = (sources.line(of: assertion.site) ?? "").trimmingCharacters(in: .whitespaces)
            let failed = run.failedAssertions.contains { $0.site == assertion.site }
            return ReportInput.Assertion(scenario: run.plan.name, text: text, met: !failed)
        }
    }
}
