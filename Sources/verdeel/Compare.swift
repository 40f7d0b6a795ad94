import ArgumentParser
import VerdeelAnalysis
import VerdeelReport
import VerdeelSession

/// `verdeel compare FILE A B`: winners and losers between two scenarios.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two scenarios: the change per region, measure and year, in euros and per inhabitant, and of every fairness metric.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    @Argument(help: "The scenario compared from (e.g. baseline).")
    var first: String

    @Argument(help: "The scenario compared to.")
    var second: String

    @Flag(name: .long, help: "Attribute each region's change to the provisions that differ (Shapley values; explain.csv with --output).")
    var explain = false

    @OptionGroup(title: "On the terminal")
    var view: ChangeView

    @OptionGroup(title: "Output: compare.csv and compare_fairness.csv (or compare.json), provenance.json and, with --explain, explain.csv")
    var out: OutputOptions

    func validate() throws {
        try out.refuse([.html])
    }

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        // A scenario compared with itself is run once and shown on both sides (no change).
        let distinct = try input.run(try input.select([first, second], from: compilation.plans), sources: compilation.sources)
        guard let from = distinct.first, let to = distinct.last else { return }
        let result: ComparisonResult
        do { result = try input.session.comparison(from, to, files: compilation.files, explain: explain) } catch {
            // A fairness error is a diagnostic of its own; an attribution's is a message.
            printError((error is AttributionError ? "error: " : "") + compilation.sources.describe(error))
            throw ExitCode(1)
        }
        for warning in result.fairnessWarnings { printError("warning: \(warning)") }
        let summary = result.attribution?.summary()
        if let output = out.output {
            if let summary { print(summary, terminator: "") }
            try OutputSet(output).publish(out.format, notes: result.notes) { try result.files(format: out.format, language: out.lang) }
        } else if out.format != .table {
            print(try result.text(format: out.format), terminator: "")
            if let summary { printError(summary) }
            return
        } else {
            print(view.render(from, to, fairness: result.fairness), terminator: "")
            if let summary { print("\n" + summary, terminator: "") }
        }
        if !result.notes.isEmpty { printSyntheticNotice() }
    }
}
