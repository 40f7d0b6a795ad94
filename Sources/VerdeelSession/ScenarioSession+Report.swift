import VerdeelModel
import VerdeelReport
import VerdeelSimulation

/// A report of a scenario run in memory, built like one of an output folder.
extension ScenarioSession {
    /// The report's input: `allocation` is the plain run of the scenario (and its baseline,
    /// second), `more` the scenario's simulation or sensitivity run, if it has one; `sites`
    /// gives each assertion's line of scenario text.
    public static func reportInput(
        _ allocation: RunResult, more: RunResult?, baseline: String?, variant: Int?, region: String?, sites: any SiteLocator
    ) throws(ReportError) -> ReportInput {
        let runs = allocation.runs
        let main = runs[0]
        let document = allocation.provenance.document(seed: more?.seed, warnings: allocation.warnings + (more?.sensitivity?.warnings ?? []))
        let assertions = runs.flatMap { run in
            run.plan.assertions.map { assertion in
                let text = (sites.line(of: assertion.site) ?? "").trimmingCharacters(in: .whitespaces)
                return ReportInput.Assertion(scenario: run.plan.name, text: text, met: !run.failedAssertions.contains { $0.site == assertion.site })
            }
        }
        return try ReportInput(
            tables: allocation.tables + (more?.tables ?? []), provenance: document, scenario: main.plan.name, baseline: baseline,
            measureTitles: measureTitles(runs), scenarioTitles: scenarioTitles(runs), lossThresholds: main.plan.fairness?.losses ?? [], assertions: assertions, variant: variant, region: region)
    }
}
