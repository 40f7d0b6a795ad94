import ArgumentParser
import VerdeelAnalysis
import VerdeelReport
import VerdeelSession

/// `verdeel compare FILE A B [C ...]`: winners and losers of each scenario against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare scenarios: the change of each against the first per region, measure and year, in euros, percent and per inhabitant per year, and of every fairness metric.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Argument(help: ArgumentHelp(
        "The scenarios: the first (e.g. baseline) and the ones compared with it. OTHER_FILE:NAME takes a scenario from another file.",
        valueName: "scenario"))
    var scenarios: [String] = []

    @OptionGroup(title: "Parameters set for the scenarios after the first (or, with one scenario named, for a copy of it)")
    var set: SettingOptions

    @Option(name: .long, help: "A loss (euros per inhabitant in one year of one measure) beyond which a municipality is listed on the terminal (default: the first scenario's smallest 'losses' threshold; none without one).")
    var lossThreshold: Double?

    @Flag(name: .long, help: "Attribute each region's change to the provisions that differ (Shapley values; explain.csv with --output); two scenarios only.")
    var explain = false

    @OptionGroup(title: "On the terminal")
    var view: ChangeView

    @OptionGroup(title: "Output: compare.csv, compare_fairness.csv (or compare.json), with --explain explain.csv, and schema.json, dictionary.md, provenance.json")
    var out: OutputOptions

    func validate() throws {
        try out.refuse([.html])
        if scenarios.count < (set.settings.isEmpty ? 2 : 1) {
            throw ValidationError("name two scenarios or more: the first, and the ones compared with it (e.g. baseline jongerenwerk_60_40), or one with --set")
        }
        if let lossThreshold, !(lossThreshold >= 0 && lossThreshold.isFinite) { throw ValidationError("--loss-threshold is euros per inhabitant, 0 or more") }
        if explain && scenarios.count > 2 { throw ValidationError("--explain attributes the change between two scenarios; name two") }
    }

    func run() throws {
        let references = ScenarioReferences(mainFile: file, arguments: scenarios, hasSettings: !set.settings.isEmpty)
        let (runs, scenarioFiles, measured) = try NamedScenarios(references: references, settings: set).run(access: files.access)
        let session = ScenarioSession(read: files.access.reader(scenarioFiles: references.files))
        let result: ComparisonResult
        do { result = try session.comparison(runs, files: scenarioFiles, explain: explain, measured: measured) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        for warning in result.fairnessWarnings { printError(warningLine(warning, out.terminal)) }
        let summary = result.attribution?.summary()
        if let output = out.output {
            if let summary { print(summary, terminator: "") }
            try OutputSet(output).publish(out.format, notes: result.notes) { try result.files(format: out.format, language: out.pages) }
        } else if out.format != .table {
            print(try result.text(format: out.format), terminator: "")
            if let summary { printError(summary) }
            return
        } else {
            print(result.terminalText(wide: view.wide, allMetrics: view.allMetrics, lossThreshold: lossThreshold, language: out.terminal), terminator: "")
            if let summary { print("\n" + summary, terminator: "") }
        }
        if !result.notes.isEmpty { printSyntheticNotice(out.terminal) }
    }
}
