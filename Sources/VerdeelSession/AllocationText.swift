import VerdeelReport

/// A plain run's results for the terminal: per scenario, each measure's allocation table
/// and earmarks, then the fairness metrics.
enum AllocationText {
    static func text(_ result: RunResult, language: ReportLanguage) -> String {
        result.runs.map { run in
            let measures = run.allocations.enumerated().map { index, allocation in
                let measure = run.plan.measures[index]
                return ([AllocationTable(allocation, title: measure.title, inhabitants: Inhabitants(run)).render(language)] + measure.measure.earmarks.map {
                    EarmarkTable(allocation, purpose: $0.purpose, share: $0.minimum).render(language)
                }).joined(separator: "\n")
            }
            let fairness = result.fairness.filter { $0.scenario == run.plan.name }.map { FairnessTable($0.report).render(language) }
            return "Scenario \(run.plan.name)\n\n" + (measures + fairness).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
