import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelSession
import VerdeelSimulation

/// The scenarios a command names (``ScenarioReferences``), run: each file compiled and its
/// scenarios run once, the settings applied where they apply.
struct NamedScenarios {
    let references: ScenarioReferences
    let settings: SettingOptions

    /// Every scenario named, run in the order named, with the scenario files read and the
    /// runs' fairness; prints a file's diagnostics or an error (located in its file) and
    /// exits 1. Fairness is measured per file, where its errors can be located.
    func run(access: FileAccess) throws -> (runs: [ScenarioRun], files: [(path: String, bytes: [UInt8])], fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words])) {
        var byReference = [ScenarioReferences.Reference: ScenarioRun]()
        var reports = [String: FairnessReport](), warnings = [Words]()
        var read = [(path: String, bytes: [UInt8])]()
        for path in references.files {
            let input = ScenarioInput(file: path, access: access)
            let compilation = try input.compile()
            let wanted = references.references(to: path)
            let plans = try input.select(wanted.map(\.scenario), from: compilation.plans)
            var prepared = [ScenarioPlan]()
            for reference in wanted {
                guard let plan = plans.first(where: { $0.name == reference.scenario }) else { continue }
                let named = plan.with(name: references.name(reference), title: plan.title)
                prepared.append(reference.isSet ? try settings.applied(to: named) : named)
            }
            let runs = try input.run(prepared, sources: compilation.sources)
            let measured = try compilation.sources.orExit { try input.session.fairness(runs) }
            for (scenario, report) in measured.reports { reports[scenario] = report }
            warnings += measured.warnings
            for (reference, run) in zip(wanted, runs) { byReference[reference] = run }
            read += compilation.files.filter { file in !read.contains { $0.path == file.path } }
        }
        let runs = references.references.compactMap { byReference[$0] }
        let measured = runs.compactMap { run in reports[run.plan.name].map { (scenario: run.plan.name, report: $0) } }
        return (runs, read, (measured, warnings))
    }
}
