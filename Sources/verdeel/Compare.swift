import ArgumentParser
import VerdeelAnalysis
import VerdeelReport

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

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        let runs = try input.run(try input.select([first, second], from: compilation.plans))
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
        if runs.contains(where: { $0.plan.data.hasSyntheticData }) { print(AllocationJSON.syntheticNotice) }
    }
}
