import Foundation
import Testing
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport

/// The sensitivity from the draws (`rank_sobol`) on a case whose indices are known: two
/// regions of equal population sharing EUR 1M by inhabitants, each population drawn with the
/// same 1% spread. Region A's amount is `1M x_A / (x_A + x_B)`, to first order
/// `250k (dx_A - dx_B) / x`, so each input explains half its variance (own 0.5) and both
/// together all of it (all 1); the dummy explains nothing.
struct RankSobolStatisticTests {
    static let scenario = TwoRegions.byInhabitants("s", blocks: """
        montecarlo {
            draws 4000
            seed 5
            perturb inhabitants normal sd 1%
        }
        """)

    @Test func twoEqualRegions() throws {
        let scenario = InMemoryScenario(Self.scenario, data: "code,name,inhabitants\nGM0001,A,50000\nGM0002,B,50000\n", folder: "rank-sobol")
        let plan = try #require(scenario.compilation.plans.first, "\(messages(scenario.compilation))")
        let session = ScenarioSession(read: scenario.read)
        let run = try #require(try session.allocate([plan]).first)
        let chosen = try session.drawStatistics(run, fairness: false, givenData: true)
        #expect(chosen.statistics.map(\.table.name) == ["rank_sobol"])
        #expect(try session.drawStatistics(run, fairness: false).statistics.isEmpty)
        let result = try session.simulate(run, statistics: chosen.statistics, control: RunControl(threads: 2))
        let table = try #require(RunTables.simulation(result).first { $0.name == "rank_sobol" })
        let lines = try CSVRenderer.text(table).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["variant", "measure", "year", "region", "region_name", "indicator", "inputs", "s1", "s1_conf", "above_dummy"])
        #expect(lines.count == 1 + 2 * 3)
        for row in lines.dropFirst() {
            let (s1, conf) = (Double(row[7]) ?? .nan, Double(row[8]) ?? .nan)
            #expect(conf > 0 && conf < 0.05, "\(row)")
            switch (row[5], row[6]) {
            case ("inhabitants", "own"):
                #expect(abs(s1 - 0.5) < 3 * conf + 0.01, "\(row)")
                #expect(row[9] == "true")
            case ("inhabitants", "all"):
                #expect(abs(s1 - 1) < 3 * conf + 0.01, "\(row)")
            default:
                #expect(row[5] == "dummy" && row[6] == "" && row[9] == "")
                #expect(abs(s1) < 3 * conf + 0.01, "\(row)")
            }
        }
    }
}
