import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelData
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `verdeel run [FILE]`: computes scenarios and prints or writes their allocations.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenarios and show the allocation per measure, region and year.")

    @Argument(help: "The scenario file; without it, the bundled Sociale Agenda scenario.")
    var file: String?

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Option(name: .long, help: "A scenario to run (repeat for several). Without it, every scenario of FILE; without FILE, the bundled file's baseline.")
    var scenario: [String] = []

    @OptionGroup(title: "Output")
    var out: OutputOptions

    @Option(name: .long, help: "Threads for variant and Monte Carlo runs (results do not depend on it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Variants per work item in variant runs (results do not depend on it).")
    var chunk: Int = 32

    @Flag(name: .long, help: "Leave out the fairness metrics (fairness.csv, lorenz.csv, fairness_summary.csv, losses.csv).")
    var noFairness = false

    @Option(name: .long, help: "Run part I of N of a variant, Monte Carlo or sensitivity run (I from 1) into --output; 'verdeel merge' joins the parts. Default from a Slurm array's environment.")
    var shard: String?

    @Option(name: .long, help: "The number of parts of a Kubernetes Indexed Job (its JOB_COMPLETION_INDEX gives the part).")
    var shardCount: Int?

    func validate() throws {
        if let file, let problem = Self.notAFile(file) { throw ValidationError(problem) }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard threads <= RunControl.maximumThreads else { throw ValidationError("--threads must be at most \(RunControl.maximumThreads)") }
        guard chunk >= 1 else { throw ValidationError("--chunk must be at least 1") }
        guard chunk <= RunControl.maximumChunk else { throw ValidationError("--chunk must be at most \(RunControl.maximumChunk)") }
        try out.refuse([.html])
        if try ShardChoice.resolve(option: shard, count: shardCount) != nil {
            guard out.output != nil else { throw ValidationError("a shard writes its part into a folder: add --output DIR") }
            guard out.format == .table || out.format == .csv else { throw ValidationError("a shard writes CSV for 'verdeel merge'; leave out --format \(out.format.rawValue) (convert the merged run)") }
        }
    }

    func run() throws {
        let part = try ShardChoice.resolve(option: shard, count: shardCount)
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        // The bundled file's first scenario is the baseline; a newcomer's first command shows it.
        let names = file == nil && scenario.isEmpty ? Array(compilation.plans.prefix(1).map(\.name)) : scenario
        let selected = try input.select(names, from: compilation.plans)
        if part != nil, !selected.contains(where: { RunKind($0).canBeSharded }) {
            printError("error: only variant, Monte Carlo and sensitivity runs can be sharded; \(selected.map { "'\($0.name)'" }.joined(separator: ", ")) \(selected.count == 1 ? "has" : "have") no variants, montecarlo or sensitivity block")
            throw ExitCode(1)
        }
        if let analysed = selected.first(where: { RunKind($0) == .sensitivity }) {
            guard selected.count == 1 else {
                printError("error: scenario '\(analysed.name)' declares a sensitivity analysis; run one scenario at a time")
                printError("help: add --scenario \(analysed.name)")
                throw ExitCode(1)
            }
            let runs = try input.run(selected, sources: compilation.sources)
            let sensitivity = SensitivityRun(run: runs[0], sources: compilation.sources, threads: threads, files: compilation.files, format: out.format, language: out.lang)
            if let part, let output = out.output, let file {
                let location = ShardRecord.SensitivityPart(
                    file: file, scenario: analysed.name, directory: FileManager.default.currentDirectoryPath, root: files.root, allowRead: files.allowRead)
                try sensitivity.executePart(part, location: location, output: output)
            } else if part != nil {
                printError("error: the bundled scenarios have no sensitivity analysis to shard; name a scenario file")
                throw ExitCode(1)
            } else {
                try sensitivity.execute(output: out.output)
            }
            return
        }
        let simulated = selected.filter { RunKind($0) == .simulation }
        if !simulated.isEmpty {
            guard selected.count == 1 else {
                printError("error: scenario\(simulated.count == 1 ? "" : "s") \(simulated.map { "'\($0.name)'" }.joined(separator: ", ")) declare\(simulated.count == 1 ? "s" : "") variants or montecarlo; run one scenario at a time")
                printError("help: add --scenario \(simulated[0].name)")
                throw ExitCode(1)
            }
            guard out.format == .table || out.format == .csv || out.output != nil else {
                printError("error: variant and Monte Carlo runs write their tables into a folder; --format \(out.format.rawValue) needs --output DIR")
                printError("help: add --output out")
                throw ExitCode(1)
            }
            let runs = try input.run(selected, sources: compilation.sources)
            try Simulate(
                run: runs[0], sources: compilation.sources, read: input.read, threads: threads, chunk: chunk, statistics: try Simulate.drawStatistics(runs[0], session: input.session, fairness: !noFairness, sources: compilation.sources),
                files: compilation.files, format: out.format, language: out.lang,
                shard: part
            ).execute(output: out.output)
            if runs[0].plan.data.hasSyntheticData { print(AllocationJSON.syntheticNotice) }
            return
        }
        let runs = try input.run(selected, sources: compilation.sources)
        let result: RunResult
        do { result = try input.session.allocation(runs, files: compilation.files, fairness: !noFairness) } catch {
            printError(compilation.sources.describe(error))
            throw ExitCode(1)
        }
        if let output = out.output {
            try write(result, compilation: compilation, to: output)
        } else {
            print(try render(result, compilation: compilation), terminator: "")
        }
        for warning in runs.flatMap(\.warnings) + result.fairnessWarnings {
            // Under the printed table, where it is read; on standard error when the output is data.
            if out.format == .table && out.output == nil { print("warning: \(warning)") } else { printError("warning: \(warning)") }
        }
        if !result.notes.isEmpty && (out.format == .table || out.output != nil) { print(ScenarioSession.syntheticNotice) }
        if file == nil && scenario.isEmpty && out.format == .table {
            print("Other scenarios in the bundled file: \(compilation.plans.dropFirst().map(\.name).joined(separator: ", ")) (pick with --scenario NAME).")
        }
        let failures = runs.flatMap(\.failedAssertions)
        for failure in failures { printError(compilation.sources.describe(failure)) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    private func render(_ result: RunResult, compilation: ScenarioLoader.Compilation) throws -> String {
        switch out.format {
        case .table:
            return result.runs.map { run in
                let measures = run.allocations.enumerated().map { index, allocation in
                    let measure = run.plan.measures[index]
                    return ([AllocationTable(allocation, title: measure.title, inhabitants: Inhabitants(run)).render()] + measure.measure.earmarks.map {
                        EarmarkTable(allocation, purpose: $0.purpose, share: $0.minimum).render()
                    }).joined(separator: "\n")
                }
                let fairnessBlock = result.fairness.filter { $0.scenario == run.plan.name }.map { FairnessTable($0.report).render() }
                return "Scenario \(run.plan.name)\n\n" + (measures + fairnessBlock).joined(separator: "\n")
            }.joined(separator: "\n")
        case .csv, .csvNL: return CSVRenderer.text(result.tables[0], style: out.format == .csvNL ? .dutch : .standard)
        case .json: return try AllocationJSON(result.runs, scenarioFiles: compilation.files, fairness: result.fairness).render()
        case .xlsx, .html: return ""
        }
    }

    private func write(_ result: RunResult, compilation: ScenarioLoader.Compilation, to directory: String) throws {
        var files = [(name: String, data: Data)]()
        switch out.format {
        case .json:
            files = [("allocations.json", Data(try AllocationJSON(result.runs, scenarioFiles: compilation.files, fairness: result.fairness).render().utf8))]
            files.append(("provenance.json", Data(try result.provenance.json(warnings: result.warnings).utf8)))
        case .table, .csv, .csvNL, .xlsx, .html:
            files = try ExportedFiles.files(result, format: out.format, name: "allocations", language: out.lang)
        }
        try OutputSet(directory).write(files: files, notes: result.notes)
        for (name, _) in files { print("wrote \((directory as NSString).appendingPathComponent(name))") }
    }

    /// `run` is the default command, so `verdeel rnu` reaches here with `rnu` as the file:
    /// a word with no `.` or `/` that names no file is taken for a mistyped command.
    static func notAFile(_ word: String) -> String? {
        guard !word.contains("."), !word.contains("/"), !FileManager.default.fileExists(atPath: word) else { return nil }
        let commands = Verdeel.configuration.subcommands.compactMap { $0.configuration.commandName ?? String(describing: $0).lowercased() }
        let hint = NearestName.find(word, among: commands).map { " Did you mean 'verdeel \($0)'?" } ?? ""
        return "'\(word)' is neither a command nor a scenario file.\(hint) The commands are \(commands.joined(separator: ", ")); scenario files end in .verdeel"
    }
}
