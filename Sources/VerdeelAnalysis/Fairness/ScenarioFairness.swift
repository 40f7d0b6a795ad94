import VerdeelCore
import VerdeelModel
import VerdeelSimulation

/// The fairness reports of computed scenarios. A scenario with a fairness block whose
/// metrics cannot be computed (a region of population 0, a reference that sums to 0) is an
/// error at the block; without a block, a scenario whose data has no `inhabitants`, or
/// whose default population `inhabitants` cannot serve, gets a warning that asks to name
/// the population, and no fairness outputs.
public enum ScenarioFairness {
    public static func reports(_ runs: [ScenarioRun]) throws(FairnessFailure) -> (reports: [(scenario: String, report: FairnessReport)], warnings: [Words]) {
        var reports = [(scenario: String, report: FairnessReport)]()
        var warnings = [Words]()
        for run in runs {
            guard let plan = run.plan.fairness else {
                warnings.append(Words(
                    dutch: "scenario '\(run.plan.name)': geen eerlijkheidsmaten: de gegevens hebben geen indicator 'inhabitants' om per persoon te meten; noem er een in een fairness-blok (fairness { population INDICATOR })",
                    english: "scenario '\(run.plan.name)': no fairness metrics: the data has no indicator 'inhabitants' to measure per person by; name one in a fairness block (fairness { population INDICATOR })"))
                continue
            }
            do {
                let basis = try FairnessBasis(plan, table: run.table)
                let measures = zip(run.plan.measures, run.allocations).map { (id: $0.id, allocation: $1) }
                let allocator = Allocator(table: run.table)
                var sources: [[(year: Int, sources: [AmountSource])]]?
                do {
                    sources = try zip(run.plan.measures, run.allocations).map { planned, allocation throws(AllocationError) in
                        try allocator.sources(of: planned.measure, allocation: allocation)
                    }
                } catch {
                    warnings.append(Words(dutch: "scenario '\(run.plan.name)': geen Gini naar bron: \(error)", english: "scenario '\(run.plan.name)': no Gini by source: \(error)"))
                }
                reports.append((run.plan.name, try FairnessReport(basis, measures: measures, sources: sources)))
            } catch {
                guard let place = plan.declaredAt else {
                    warnings.append(Words(dutch: "scenario '\(run.plan.name)': geen eerlijkheidsmaten: \(error)", english: "scenario '\(run.plan.name)': no fairness metrics: \(error)"))
                    continue
                }
                throw FairnessFailure(site: place, message: "scenario '\(run.plan.name)', fairness: \(error)")
            }
        }
        return (reports, warnings)
    }
}

/// Fairness that a scenario asks for but cannot be computed, with where it is asked for.
public struct FairnessFailure: SiteError, Sendable {
    /// The fairness block.
    public let site: Site
    public let message: String

    public func described(by locator: any SiteLocator) -> String {
        "\(locator.location(of: site)): error: \(message)"
    }
}
