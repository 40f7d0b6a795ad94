import VerdeelCore
import VerdeelSimulation

/// Whole euros per region code of a year's allocation, summed over its components (or of
/// one component).
public func euros(_ allocation: YearAllocation?, component: String? = nil) -> [String: Int64] {
    var result = [String: Int64]()
    for part in allocation?.components ?? [] where component == nil || part.component == component {
        for region in part.regions { result[region.region.code, default: 0] += region.amount.cents / 100 }
    }
    return result
}

/// Whole euros per region code of one measure and year of a run.
public func euros(_ run: ScenarioRun, _ measure: String, _ year: Int, component: String? = nil) -> [String: Int64] {
    euros(run.allocations.first { $0.measure == measure }?.year(year), component: component)
}
