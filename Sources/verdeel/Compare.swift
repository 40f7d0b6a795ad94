import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelReport
import VerdeelSimulation

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

    @Option(name: .long, help: "With --explain: write explain.csv into this folder.")
    var output: String?

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        // A scenario compared with itself is run once and shown on both sides (no change).
        let distinct = try input.run(try input.select([first, second], from: compilation.plans))
        guard let from = distinct.first, let to = distinct.last else { return }
        let runs = [from, to]
        print(ComparisonTable(runs[0], runs[1]).render(), terminator: "")
        let fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [String])
        do { fairness = try ScenarioFairness.reports(runs) } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        if fairness.reports.count == 2 {
            print("\n" + FairnessComparisonTable(fairness.reports[0], fairness.reports[1]).render(), terminator: "")
        }
        for warning in fairness.warnings { printError("warning: \(warning)") }
        if explain { try explainChange(runs, read: input.read, provenance: Provenance(runs, scenarioFiles: compilation.files)) }
        if runs.contains(where: { $0.plan.data.hasSyntheticData }) { print(AllocationJSON.syntheticNotice) }
    }

    private func explainChange(_ runs: [ScenarioRun], read: @escaping (String) -> [UInt8]?, provenance: Provenance) throws {
        let attribution: ShapleyAttribution
        do { attribution = try ShapleyAttribution.explain(runs[0], runs[1], read: read) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let names = Dictionary(runs[0].table.regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rendered = ExplainOutput(attribution, regionNames: names)
        print("\n" + rendered.summary(), terminator: "")
        if let output {
            let notes = runs.contains(where: { $0.plan.data.hasSyntheticData }) ? [AllocationJSON.syntheticNotice] : []
            try OutputSet(output).write([("explain.csv", rendered.csv()), ("provenance.json", try provenance.json(warnings: runs.flatMap(\.warnings)))], notes: notes)
            for name in ["explain.csv", "provenance.json"] { print("wrote \((output as NSString).appendingPathComponent(name))") }
        }
    }
}
