import Foundation
import Testing
import VerdeelLanguage
import VerdeelSession
import VerdeelTestSupport
@testable import VerdeelWorkbench

/// The map classes of an answer, worked out by hand for two real municipalities: Groningen
/// (GM0014, 30,000 inhabitants and 50 km2 here) and Stadskanaal (GM0037, 10,000 and 150 km2).
/// Half by inhabitants, half by land area, EUR 1M gives each 500,000; by land area alone,
/// Groningen 250,000 and Stadskanaal 750,000.
struct WorkbenchMapTests {
    /// ``TwoRegions/peopleAndMixed``'s `mixed` (EUR 1M in 2026, half by inhabitants, half by
    /// land area) with loss thresholds of 5 and 10.
    static let scenario = TwoRegions.peopleAndMixed + "\nscenario judged extends mixed {\n    fairness {\n        losses 5, 10\n    }\n}\n"

    /// Groningen's change, -250,000 / 1 year / 30,000 = -8.33 per inhabitant, is a loss beyond
    /// 5 but not beyond 10 (class 1 of: beyond 10, beyond 5, up to 5, no change, gain);
    /// Stadskanaal's +25.00 a gain (class 4). Amounts per inhabitant, 8.33 and 75.00, fall in
    /// two classes by rank (two values make at most two classes).
    @Test func theMapClassesFollowTheThresholds() throws {
        let data = "code,name,inhabitants,land_area_km2\nGM0014,Groningen,30000,50\nGM0037,Stadskanaal,10000,150\n"
        let source = InMemoryScenario(Self.scenario, data: data, folder: "workbench-map")
        let file = Workbench.File(path: source.path, runs: try source.runs(), files: source.compilation.files, session: ScenarioSession(read: source.read))
        let allocated = try Workbench([file], changes: LanguageChanges()).allocate(AllocationRequest(scenario: "judged", changes: ["m.weight.land_area_km2=100%"]))
        let classes = try #require(allocated.mapClasses().first)
        #expect(classes.measure == "m")
        #expect(classes.change.classes == ["GM0014": 1, "GM0037": 4] && classes.change.legend.count == 5)
        #expect(classes.amount.classes == ["GM0014": 0, "GM0037": 1])
        #expect(classes.amount.legend.map(\.dutch) == ["€ 8,33 – € 8,33", "€ 75,00 – € 75,00"])
    }
}
