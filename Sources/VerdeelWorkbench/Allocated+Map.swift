import Foundation
import VerdeelCore
import VerdeelReport
import VerdeelSimulation

extension Allocated {
    /// Per measure, the map's classes of every municipality: its change per inhabitant per
    /// year against the baseline, classed by the scenario's `losses` thresholds, and its
    /// amount per inhabitant per year in five classes by rank (``MapClasses``). Without
    /// inhabitants a municipality is left out; a scenario whose regions are not all on the
    /// map (``MunicipalityMap``) has no map. With a measure asked for, that measure's only.
    public func mapClasses() -> [(measure: String, change: MapClasses, amount: MapClasses)] {
        guard let map = MunicipalityMap.netherlands2024, map.covers(changed.table.regions.map(\.code)) else { return [] }
        let thresholds = changed.plan.fairness?.losses ?? []
        let inhabitants = changed.table.indicators["inhabitants"]
        return changed.allocations.filter { measure == nil || $0.measure == measure }.map { allocation in
            let years = Double(max(allocation.years.count, 1))
            var change = [String: Double](), amount = [String: Double]()
            let before = runs[0].allocations.first { $0.measure == allocation.measure }
            for (index, region) in changed.table.regions.enumerated() {
                guard let people = inhabitants?[index], people > 0 else { continue }
                let after = allocation.years.reduce(Int64(0)) { $0 + ($1.amount(for: region.code)?.cents ?? 0) }
                let earlier = before?.years.reduce(Int64(0)) { $0 + ($1.amount(for: region.code)?.cents ?? 0) } ?? 0
                amount[region.code] = Double(after) / 100 / years / people
                change[region.code] = Double(after - earlier) / 100 / years / people
            }
            return (allocation.measure, MapClasses.changes(change, thresholds: thresholds), MapClasses.quantiles(amount, count: 5))
        }
    }

    /// The classes as JSON: `{"MEASURE": {"change": {"legend": [...], "classes": {...}}, "amount": {...}}}`.
    func mapJSON() -> String {
        let string = ColumnarJSONRenderer.string
        let classes = { (classes: MapClasses) -> String in
            let legend = classes.legend.map { "{\"nl\":" + string($0.dutch) + ",\"en\":" + string($0.english) + "}" }
            let members = classes.classes.sorted { $0.key < $1.key }.map { string($0.key) + ":" + String($0.value) }
            return "{\"legend\":[" + legend.joined(separator: ",") + "],\"classes\":{" + members.joined(separator: ",") + "}}"
        }
        return "{" + mapClasses().map { string($0.measure) + ":{\"change\":" + classes($0.change) + ",\"amount\":" + classes($0.amount) + "}" }.joined(separator: ",") + "}"
    }
}
