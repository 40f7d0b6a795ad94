import Foundation
import Numerics
import Testing
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelSimulation
import VerdeelTestSupport

/// Elasticities worked out by hand. R1: 1,000 inhabitants, 30 km2; R2: 3,000, 10 km2.
/// Budget 1M, top-slice 10%, base 50k, key inhabitants 40%, area 60%: R1's key share
/// S = 0.4 x 0.25 + 0.6 x 0.75 = 0.55, remainder R = 900k - 2 x 50k = 800k, so
/// a = 50k + 800k x 0.55 = 490,000 and
///   da/dB = 0.9 x 0.55 = 0.495              e = 0.495 x 1M / 490k   =  1.0102041
///   da/db = 1 - 2 x 0.55 = -0.1             e = -0.1 x 50k / 490k   = -0.0102041
///   da/df = -1M x 0.55 = -550,000           e = -550k x 0.1 / 490k  = -0.1122449
///   da/dw = 800k (0.25 - 0.6 x 0.75 / 0.6) = -400,000, e = -400k x 0.4 / 490k = -0.3265306
/// A floor of 1 euro (which never binds here) makes the rules count as not linear: the
/// central differences on the exact allocation must give the same values.
@Suite struct ElasticityTests {
    func elasticities(floor: Bool) throws -> [String: Elasticity] {
        let text = """
            scenario s {
                data {
                    regions "regions.csv" {
                        inhabitants: count
                        land_area_km2: nonnegative
                    }
                }
                criterion area = land_area_km2
                measure m {
                    budget 2026: 1M
                    topslice support 10%
                    base 50k
                    key inhabitants 40%, area 60%
                    \(floor ? "floor 1" : "")
                }
            }
            """
        let scenario = InMemoryScenario(text, folder: "elasticity")
        let plan = try #require(scenario.compilation.plans.first, "\(scenario.compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan, read: scenario.read)
        let rows = try Elasticities.compute(plan, table: run.table).filter { $0.region == "R1" }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.parameter, $0) })
    }

    @Test(arguments: [false, true]) func byHand(floor: Bool) throws {
        let found = try elasticities(floor: floor)
        let expected: [(String, Double, Double)] = [
            ("m.budget.2026", 0.495, 0.495 * 1e6 / 490_000), ("m.base", -0.1, -0.1 * 50_000 / 490_000),
            ("m.topslice.support", -550_000, -550_000 * 0.1 / 490_000), ("m.weight.inhabitants", -400_000, -400_000 * 0.4 / 490_000),
        ]
        for (parameter, derivative, elasticity) in expected {
            let row = try #require(found[parameter], "\(parameter)")
            #expect(row.analytic == !floor)
            #expect(row.derivative.isApproximatelyEqual(to: derivative, absoluteTolerance: 1e-6, relativeTolerance: 1e-6), "\(parameter): \(row.derivative)")
            #expect((row.elasticity ?? .nan).isApproximatelyEqual(to: elasticity, relativeTolerance: 1e-9), "\(parameter)")
        }
        #expect(found["m.weight.area"] != nil)
    }
}
