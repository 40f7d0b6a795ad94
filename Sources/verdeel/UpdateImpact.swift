import ArgumentParser
import VerdeelReport
import VerdeelSession

/// `verdeel update-impact FILE --table T --from V --to W`: what replacing one vintage of
/// a table by another does to a scenario's allocation, everything else equal (the library's
/// ``ScenarioSession/updateImpact(_:table:from:to:lossThreshold:files:)``).
struct UpdateImpact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-impact",
        abstract: "What a data update (a new vintage of a table, e.g. new SES-WOA scores) changes: per measure, year and municipality, fairness before and after, who loses.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Option(name: .long, help: "The scenario (default: the file's first).")
    var scenario: String?

    @Option(name: .long, help: "The table whose vintage changes (it must have a vintage column), e.g. ses_woa.")
    var table: String

    @Option(name: .long, help: "The vintage compared from (e.g. 2022).")
    var from: String

    @Option(name: .long, help: "The vintage compared to (e.g. 2023).")
    var to: String

    @Option(name: .long, help: "A loss (euros per inhabitant) beyond which a municipality is listed (default: the scenario's smallest 'losses' threshold, else 0: any loss).")
    var lossThreshold: Double?

    @OptionGroup(title: "On the terminal")
    var view: ChangeView

    @OptionGroup(title: "Output: update_impact.csv, fairness.csv, schema.json, dictionary.md and provenance.json (or the workbook, or the HTML report)")
    var out: OutputOptions

    func validate() throws {
        if let lossThreshold, !(lossThreshold >= 0 && lossThreshold.isFinite) { throw ValidationError("--loss-threshold is euros per inhabitant, 0 or more") }
        if from == to { throw ValidationError("--from and --to name the same vintage; name two") }
    }

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        guard let plan = try input.select(scenario.map { [$0] } ?? [], from: compilation.plans).first else {
            printError("error: \(file) has no scenario")
            throw ExitCode(1)
        }
        let sides = try compilation.sources.orExit("error: ") { try ScenarioSession.updateSides(plan, table: table, from: from, to: to) }
        let runs = try input.run(sides, sources: compilation.sources)
        let threshold = ScenarioSession.lossThreshold(plan, asked: lossThreshold)
        let result = try compilation.sources.orExit {
            try input.session.updateImpact(runs, table: table, from: from, to: to, lossThreshold: threshold, files: compilation.files)
        }
        for warning in result.fairnessWarnings { printError(warningLine(warning, out.terminal)) }
        if out.format == .table {
            print(result.terminalText(wide: view.wide, allMetrics: view.allMetrics, language: out.terminal), terminator: "")
        }
        if let output = out.output {
            try OutputSet(output).publish(out.format, notes: result.notes) { try result.files(format: out.format, language: out.pages) }
        } else if out.format != .table {
            print(try result.text(format: out.format), terminator: "")
        }
        if !result.notes.isEmpty { printSyntheticNotice(out.terminal) }
    }
}
