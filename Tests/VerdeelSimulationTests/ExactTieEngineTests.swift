import Testing
@testable import VerdeelSimulation
import VerdeelModel
import VerdeelTestSupport

/// The engine decides ties on exact amounts, as the core does. 42 euros by 46 : 15 : 23 : 0
/// (`abc`) is exactly 23, 7.5, 11.5 and 0, and the euro left goes to B (lower code) though
/// C's double is 11.500000000000002. With a floor of 18 on D (60 euros by inhabitants,
/// 46 : 15 : 23 : 16) the 42 left after D's floor make the same tie. `other` is perturbed
/// so that the draws go through the Monte Carlo path while the key's inputs stay the same:
/// every draw is that tie.
@Suite struct ExactTieEngineTests {
    static let data = """
        code,name,inhabitants,abc,abc_copy,other,floor_units
        GM0001,A,46,46,46,1,0
        GM0002,B,15,15,15,1,0
        GM0003,C,23,23,23,1,0
        GM0004,D,16,0,0,1,18
        """

    static func scenario(budget: String, key: String, floor: Bool, draws: Int, dirichlet: Bool = false) -> String {
        let perturbation = dirichlet ? "dirichlet m 50" : "perturb other normal sd 1%"
        let montecarlo = draws > 1 ? "montecarlo {\n        draws \(draws)\n        seed 3\n        \(perturbation)\n    }" : ""
        return """
            scenario s {
                data {
                    regions "four.csv" {
                        inhabitants: count
                        abc: count
                        abc_copy: count
                        other: nonnegative
                        floor_units: nonnegative
                    }
                }
                measure m {
                    budget 2026: \(budget)
                    key \(key)
                    \(floor ? "floor 1 per floor_units" : "")
                }
                variants {
                    budget m 2026 from \(budget) to \(budget) step 1
                }
                \(montecarlo)
            }
            """
    }

    func means(_ result: SimulationResult) -> [String: Double] {
        var means = [String: Double]()
        for (slot, info) in result.slots.enumerated() { means[info.region] = result.summary(variant: 0, slot: slot).mean }
        return means
    }

    /// One draw (variants only), 100 draws (16 at a time, then 4 one by one) and 2,000
    /// (quantiles from brackets): every path of the engine.
    @Test(arguments: [1, 100, 2_000]) func everyDrawOfATie(draws: Int) throws {
        let files = ["four.csv": Self.data]
        let plain = try simulate(Self.scenario(budget: "42", key: "abc 100%", floor: false, draws: draws), files: files)
        #expect(plain.infeasible.isEmpty)
        #expect(means(plain) == ["GM0001": 23, "GM0002": 8, "GM0003": 11, "GM0004": 0])
        let limited = try simulate(Self.scenario(budget: "60", key: "inhabitants 100%", floor: true, draws: draws), files: files)
        #expect(limited.infeasible.isEmpty)
        #expect(means(limited) == ["GM0001": 23, "GM0002": 8, "GM0003": 11, "GM0004": 18])
    }

    /// Dirichlet weights differ per draw and their doubles do not sum to exactly 1, but over
    /// two equal criteria every draw's exact amounts are the same tie: decided on the draw's
    /// weights divided by their exact sum.
    @Test func dirichletWeightsOverEqualCriteria() throws {
        let text = Self.scenario(budget: "42", key: "abc 50%, abc_copy 50%", floor: false, draws: 200, dirichlet: true)
            .replacingOccurrences(of: "budget m 2026 from 42 to 42 step 1", with: "budget m 2026 in 42")
        let result = try simulate(text, files: ["four.csv": Self.data])
        #expect(result.infeasible.isEmpty)
        #expect(means(result) == ["GM0001": 23, "GM0002": 8, "GM0003": 11, "GM0004": 0])
    }

    /// One draw's criterion values, computed again alone, divide to exactly the shares the
    /// whole run stored: the exact inputs are the run's own.
    @Test func aDrawComputedAgainIsTheSameDraw() throws {
        let compilation = compile(threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
            montecarlo {
                draws 300
                seed 11
                perturb inhabitants normal sd 5%
                perturb land_area_km2 lognormal sd 10%
                correlate inhabitants land_area_km2 0.3
            }
            """), files: ["three.csv": threeRegions])
        let plan = try #require(compilation.plans.first)
        let table = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }.table
        let criteria = plan.measures[0].measure.key.terms.map(\.criterion)
        let generator = DrawGenerator(table: table, criteria: criteria, plan: plan.simulation?.monteCarlo, draws: 300)
        let shares = try generator.shares(threads: 2)
        for draw in [0, 1, 255, 256, 299] {
            let values = try generator.values(draw: draw)
            for (c, criterion) in criteria.enumerated() {
                let row = try #require(values[criterion.name])
                let total = row.reduce(0, +)
                #expect((0..<3).map { row[$0] / total } == (0..<3).map { shares[c][$0 * 300 + draw] }, "draw \(draw), \(criterion.name)")
            }
        }
    }
}
