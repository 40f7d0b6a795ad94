import SocialeAgenda
import VerdeelCore

/// The repository's `Scenarios/data/` directory, found from this file's path.
let bundledDataDirectory: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)  // Tests/SocialeAgendaTests/BundledData.swift
    return components.joined(separator: "/") + "/Scenarios/data"
}()

/// Euro amounts by region code from a year's allocation of one component (or of the measure).
func amounts(_ allocation: YearAllocation?, component: String? = nil) -> [String: Int64] {
    guard let allocation else { return [:] }
    var result = [String: Int64]()
    for part in allocation.components where component == nil || part.component == component {
        for region in part.regions { result[region.region.code, default: 0] += region.amount.cents / 100 }
    }
    return result
}
