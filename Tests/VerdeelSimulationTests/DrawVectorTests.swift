import Numerics
import Testing
import VerdeelCore
@testable import VerdeelSimulation
import VerdeelTestSupport

/// Known-answer vectors: the engine's first draws equal those of an independent Python
/// reimplementation written from docs/monte-carlo.md alone
/// (Reference/known_answers.py, whose output the numbers below are).
@Suite struct DrawVectorTests {
    static let scenario = threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
        montecarlo {
            draws 3
            seed 42
            perturb inhabitants normal sd 10%
            perturb land_area_km2 uniform 20%
            correlate inhabitants land_area_km2 0.5
        }
        """)

    static let inhabitants: [[Double]] = [
        [0.09326490777582767, 0.31301573103770874, 0.5937193611864637],
        [0.10289444800776304, 0.3192320857787138, 0.5778734662135231],
        [0.0788180110409216, 0.28702016321000645, 0.634161825749072],
    ]
    static let area: [[Double]] = [
        [0.5610367502913588, 0.251663233612263, 0.18730001609637828],
        [0.4813328870595199, 0.33111887168769777, 0.18754824125278227],
        [0.48574583721921694, 0.3290965891472444, 0.18515757363353863],
    ]

    @Test func firstDrawsMatchTheDocumentedRecipe() throws {
        let compilation = compile(Self.scenario, files: ["three.csv": threeRegions])
        let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }
        let generator = DrawGenerator(
            table: run.table, criteria: [.indicator("inhabitants"), .indicator("land_area_km2")], plan: plan.simulation?.monteCarlo, draws: 3)
        let shares = try generator.shares(threads: 2)
        for draw in 0..<3 {
            for region in 0..<3 {
                #expect(shares[0][region * 3 + draw].isApproximatelyEqual(to: Self.inhabitants[draw][region], relativeTolerance: 1e-13), "inhabitants, draw \(draw), region \(region)")
                #expect(shares[1][region * 3 + draw].isApproximatelyEqual(to: Self.area[draw][region], relativeTolerance: 1e-13), "area, draw \(draw), region \(region)")
            }
        }
    }
}
