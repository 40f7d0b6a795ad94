import ArgumentParser
import VerdeelLanguage
import VerdeelModel

/// `--set NAME=VALUE`: a scenario's parameter changed without editing its file.
struct SettingOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set a parameter for this run (repeat for several): MEASURE.weight.CRITERION=70% (the other weights keep their proportions), MEASURE.base=200k, MEASURE.budget.YEAR=1.2M, MEASURE.topslice.NAME=5%.",
            valueName: "name=value"))
    var settings: [String] = []

    /// `plan` with the settings applied, or exit code 1 after their diagnostics.
    func applied(to plan: ScenarioPlan) throws -> ScenarioPlan {
        switch ParameterSettings(settings).apply(to: plan) {
        case .success(let changed): return changed
        case .failure(let error):
            for diagnostic in error.diagnostics { printError(diagnostic.rendered) }
            printError("\(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") in --set")
            throw ExitCode(1)
        }
    }
}
