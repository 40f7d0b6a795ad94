import ArgumentParser

/// `verdeel check FILE`: parses, checks, runs every scenario and evaluates its assertions.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file: syntax, names, units, keys, budgets, and every assertion.")

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup(title: "Files a scenario may read")
    var files: FileAccessOptions

    func run() throws {
        let input = ScenarioInput(file: file, access: files.access)
        let compilation = try input.compile()
        let runs = try input.run(compilation.plans, sources: compilation.sources)
        let failures = runs.flatMap(\.failedAssertions)
        for failure in failures { printError(compilation.sources.describe(failure)) }
        let assertions = runs.reduce(0) { $0 + $1.plan.assertions.count }
        if !failures.isEmpty {
            printError("\(failures.count) of \(assertions) assertion\(assertions == 1 ? "" : "s") failed in \(file)")
            throw ExitCode(1)
        }
        print("\(file): \(runs.count) scenario\(runs.count == 1 ? "" : "s"), \(assertions) assertion\(assertions == 1 ? " holds" : "s hold")")
    }
}
