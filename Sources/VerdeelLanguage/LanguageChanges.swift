import VerdeelModel

/// The language's reading of parameter changes (``PlanChanges``): each change is a
/// `--set` setting (``ParameterSettings``), and a scenario of changes is written with the
/// language's `set` statements.
public struct LanguageChanges: PlanChanges {
    public init() {}

    public func apply(_ changes: [String], to plan: ScenarioPlan) -> Result<ScenarioPlan, PlanChangeMistake> {
        ParameterSettings(changes).apply(to: plan).mapError { error in
            let diagnostic = error.diagnostics.first
            let index = diagnostic.flatMap { found in changes.firstIndex { $0 == found.sourceLine } } ?? 0
            return PlanChangeMistake(index: index, message: diagnostic?.message ?? "the change cannot be applied", suggestion: diagnostic?.suggestion)
        }
    }

    public func scenarioText(extending plan: ScenarioPlan, named name: String, title: String, included: String, header: [String], changes: [String]) -> String? {
        guard let statements = ParameterSettings(changes).statements(in: plan) else { return nil }
        let lines = header.map { "# " + $0 } + ["include \(Formatter.quoted(included))", "", "scenario \(name) extends \(plan.name) {", "    title \(Formatter.quoted(title))"]
            + statements.map { "    " + $0 } + ["}", ""]
        return lines.joined(separator: "\n")
    }
}
