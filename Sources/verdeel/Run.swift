import ArgumentParser
import Foundation
import VerdeelLanguage
import VerdeelCore
import VerdeelModel
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

    @OptionGroup(title: "Parameters set for every scenario run")
    var set: SettingOptions

    @OptionGroup(title: "Output")
    var out: OutputOptions

    @Option(name: .long, help: "Threads for variant and Monte Carlo runs (results do not depend on it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Variants per work item in variant runs (results do not depend on it).")
    var chunk: Int = 32

    @Flag(name: .long, help: "Leave out the fairness metrics (fairness.csv, lorenz.csv, fairness_summary.csv, losses.csv, largest_loss.csv).")
    var noFairness = false

    @Flag(name: .long, help: "Also estimate from a Monte Carlo run's draws how much each perturbed input drives each region's amount (rank_sobol.csv; up to 48 regions).")
    var rankSobol = false

    @Option(name: .long, help: "Run part I of N of a variant, Monte Carlo or sensitivity run (I from 1) into --output; 'verdeel merge' joins the parts. Default from a Slurm array's environment.")
    var shard: String?

    @Option(name: .long, help: "The number of parts of a Kubernetes Indexed Job (its JOB_COMPLETION_INDEX gives the part).")
    var shardCount: Int?

    @OptionGroup(title: "Draws kept")
    var keep: KeepDrawsOptions

    func validate() throws {
        if let file, let problem = Self.notAFile(file) { throw ValidationError(problem) }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard threads <= RunControl.maximumThreads else { throw ValidationError("--threads must be at most \(RunControl.maximumThreads)") }
        guard chunk >= 1 else { throw ValidationError("--chunk must be at least 1") }
        guard chunk <= RunControl.maximumChunk else { throw ValidationError("--chunk must be at most \(RunControl.maximumChunk)") }
        try out.refuse([.html])
        if try part() != nil {
            guard out.output != nil else { throw ValidationError("a shard writes its part into a folder: add --output DIR") }
            guard [.table, .csv, .parquet].contains(out.format) else {
                throw ValidationError("a shard writes CSV or Parquet for 'verdeel merge'; leave out --format \(out.format.rawValue) (convert the merged run)")
            }
        }
    }

    /// The part of the run this process computes (``ShardChoice``), nil for all of it.
    func part() throws -> ShardChoice? {
        do { return try ShardChoice.resolve(option: shard, count: shardCount) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let part = try part()
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        // The bundled file's first scenario is the baseline; a newcomer's first command shows it.
        let names = file == nil && scenario.isEmpty ? Array(compilation.plans.prefix(1).map(\.name)) : scenario
        let selected = try input.select(names, from: compilation.plans).map(set.applied)
        if part != nil, !selected.contains(where: { RunKind($0).canBeSharded }) {
            let quoted = selected.map { "'\($0.name)'" }.joined(separator: ", ")
            try fail("only variant, Monte Carlo and sensitivity runs can be sharded; \(quoted) \(selected.count == 1 ? "has" : "have") no variants, montecarlo or sensitivity block")
        }
        if keep.count != nil, !selected.contains(where: { RunKind($0) == .simulation }) {
            try fail("--keep-draws keeps the draws of a variant or Monte Carlo run; none of \(selected.map { "'\($0.name)'" }.joined(separator: ", ")) has a variants or montecarlo block")
        }
        let long = LongRun(session: input.session, sources: compilation.sources, files: compilation.files, threads: threads)
        if let analysed = selected.first(where: { RunKind($0) == .sensitivity }) {
            if selected.count > 1 { try fail("scenario '\(analysed.name)' declares a sensitivity analysis; run one scenario at a time", help: "add --scenario \(analysed.name)") }
            try sensitivity(try input.run(selected, sources: compilation.sources)[0], long: long, part: part)
        } else if selected.contains(where: { RunKind($0) == .simulation }) {
            if selected.count > 1 {
                let simulated = selected.filter { RunKind($0) == .simulation }, count = simulated.count
                let quoted = simulated.map { "'\($0.name)'" }.joined(separator: ", ")
                try fail("scenario\(count == 1 ? "" : "s") \(quoted) declare\(count == 1 ? "s" : "") variants or montecarlo; run one scenario at a time", help: "add --scenario \(simulated[0].name)")
            }
            if !(out.format == .table || out.format == .csv || out.output != nil) {
                try fail("variant and Monte Carlo runs write their tables into a folder; --format \(out.format.rawValue) needs --output DIR", help: "add --output out")
            }
            try simulation(try input.run(selected, sources: compilation.sources)[0], long: long, part: part)
        } else {
            try allocation(try input.run(selected, sources: compilation.sources), compilation: compilation, session: input.session)
        }
    }

    /// Plain runs: their tables on the terminal or standard output, or written into --output.
    private func allocation(_ runs: [ScenarioRun], compilation: ScenarioLoader.Compilation, session: ScenarioSession) throws {
        let result = try compilation.sources.orExit { try session.allocation(runs, files: compilation.files, fairness: !noFairness) }
        if let output = out.output {
            try OutputSet(output).publish(out.format, notes: result.notes) { try result.files(format: out.format, language: out.pages) }
        } else {
            print(try result.text(format: out.format, language: out.terminal), terminator: "")
            if out.format == .csv || out.format == .csvNL, result.tables.count > 1 {
                let others = result.tables.dropFirst().map(\.fileName).joined(separator: ", ")
                printError("note: standard output holds \(result.tables[0].fileName) only; --output DIR also writes \(others)")
            }
        }
        for warning in runs.flatMap(\.warnings) + result.fairnessWarnings {
            // Under the printed table, where it is read; on standard error when the output is data.
            if out.format == .table && out.output == nil { print(warningLine(warning, out.terminal)) } else { printError(warningLine(warning, out.terminal)) }
        }
        if !result.notes.isEmpty && (out.format == .table || out.output != nil) { printSyntheticNotice(out.terminal) }
        if file == nil && scenario.isEmpty && out.format == .table {
            print("Other scenarios in the bundled file: \(compilation.plans.dropFirst().map(\.name).joined(separator: ", ")) (pick with --scenario NAME).")
        }
        let failures = runs.flatMap(\.failedAssertions)
        for failure in failures { printError(compilation.sources.describe(failure)) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// Ends the command with an error (and a hint).
    func fail(_ message: String, help: String? = nil) throws -> Never {
        printError("error: \(message)")
        if let help { printError("help: \(help)") }
        throw ExitCode(1)
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
