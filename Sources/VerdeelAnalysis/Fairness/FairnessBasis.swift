import VerdeelCore
import VerdeelModel

/// What a scenario measures fairness by, resolved on its data: each region's population,
/// reference values and group, and which metrics to report.
public struct FairnessBasis: Sendable {
    public let plan: FairnessPlan
    public let codes: [String]
    public let populations: [Double]
    public let reference: [Double]?
    public let groups: [String]?
    public let settings: FairnessSettings

    /// Resolves the plan on `table`; the population must be above 0 for every region.
    public init(_ plan: FairnessPlan, table: RegionTable) throws(FairnessError) {
        self.plan = plan
        codes = table.regions.map(\.code)
        guard let populations = table.indicators[plan.population] else { throw .unknownIndicator(plan.population) }
        for (index, population) in populations.enumerated() where !(population > 0 && population.isFinite) {
            throw .population(region: codes[index], value: population)
        }
        self.populations = populations
        if let reference = plan.reference {
            do {
                self.reference = try Criterion(name: reference.name, expression: reference.expression).values(over: table)
            } catch {
                throw .referenceCriterion(error.description)
            }
        } else {
            reference = nil
        }
        groups = plan.group.flatMap { table.labels[$0] }
        settings = FairnessSettings(epsilons: plan.epsilons, alphas: plan.alphas, grouped: groups != nil, referenced: reference != nil)
    }

    /// The input for one allocation's amounts (euros, table order) and, optionally, other
    /// populations (e.g. one Monte Carlo draw's).
    public func input(amounts: [Double], populations: [Double]? = nil) throws(FairnessError) -> FairnessInput {
        try FairnessInput(codes: codes, amounts: amounts, populations: populations ?? self.populations, reference: reference, groups: groups)
    }
}
