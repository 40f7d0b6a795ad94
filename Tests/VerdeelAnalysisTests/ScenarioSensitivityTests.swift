import Foundation
import Numerics
import Testing
@testable import VerdeelAnalysis
import VerdeelCore
import VerdeelDesign
import VerdeelModel
import VerdeelSimulation
import VerdeelTestSupport

/// A scenario's sensitivity analysis on a model solved by hand. Two regions: R1 has 1,000
/// inhabitants and 30 km2, R2 3,000 and 10 km2; 1M by inhabitants w and area 1 - w, so
/// R1's unrounded amount is 1M (0.25 w + 0.75 (1 - w)) = 1M (0.75 - 0.5 w), linear in w:
/// its first-order and total indices are 1, the dummy's exactly 0; on Morris's unit grid
/// w = 0.2 + 0.6 u moves by 0.6 per unit, so every effect is -0.5 x 0.6 x 1M = -300,000.
@Suite struct ScenarioSensitivityTests {
    static func scenario(_ head: String, _ lines: String = "") -> String {
        """
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
                key inhabitants 50%, area 50%
            }
            sensitivity \(head) {
                weight m inhabitants from 20% to 80%
                dummy
                \(lines)
            }
        }
        """
    }

    func prepare(_ text: String) throws -> ScenarioRun {
        let scenario = InMemoryScenario(text, folder: "scenario-sensitivity")
        let plan = try #require(scenario.compilation.plans.first, "\(scenario.compilation.diagnostics.map(\.rendered))")
        return try ScenarioRun.run(plan, read: scenario.read)
    }

    /// A design split into parts (uneven, one empty) and joined: the same outputs as the whole
    /// design's, and the same analysis as the whole run's; R1's total index is 1 by hand.
    @Test(arguments: ["sobol 64 seed 1", "morris 12 seed 2"]) func partsJoinedAreTheWholeRun(head: String) throws {
        let run = try prepare(Self.scenario(head))
        let rows = try ScenarioSensitivity.designRows(run.plan, table: run.table)
        var values = [Double]()
        var outputs = [ScenarioSensitivity.Output]()
        for range in [0..<4, 4..<4, 4..<(rows - 8), (rows - 8)..<rows] {
            let part = try ScenarioSensitivity.outputs(of: range, run.plan, table: run.table, threads: 2)
            #expect(part.values.count == range.count * part.outputs.count)
            (outputs, values) = (part.outputs, values + part.values)
        }
        let joined = try ScenarioSensitivity.analyse(run.plan, table: run.table, outputs: outputs, values: values, threads: 1)
        let whole = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 3)
        #expect(joined.rows == rows && joined.outputs == whole.outputs && joined.factors == whole.factors)
        #expect(joined.sobol?.map(\.st) == whole.sobol?.map(\.st) && joined.sobol?.map(\.s1Confidence) == whole.sobol?.map(\.s1Confidence))
        #expect(joined.morris?.map(\.muStar) == whole.morris?.map(\.muStar) && joined.morris?.map(\.sigma) == whole.morris?.map(\.sigma))
        if let sobol = joined.sobol, let r1 = joined.outputs.firstIndex(where: { $0.name == "exact:R1" }) {
            #expect(abs(sobol[r1].st[0] - 1) < 0.05)
        }
        #expect(throws: ScenarioSensitivityError.self) {
            try ScenarioSensitivity.analyse(run.plan, table: run.table, outputs: outputs, values: Array(values.dropLast()), threads: 1)
        }
    }

    @Test func aStopRuleCannotBeSplit() throws {
        let run = try prepare(Self.scenario("sobol 64 seed 1", "until width 0.1 max 256"))
        #expect {
            try ScenarioSensitivity.designRows(run.plan, table: run.table)
        } throws: { error in
            "\(error)".contains("cannot be split into parts")
        }
    }

    @Test func rowsAreTheHandModel() throws {
        let run = try prepare(Self.scenario("sobol 64 seed 1"))
        let sensitivity = try #require(run.plan.sensitivity)
        let coordinates = try SensitivityCoordinates(sensitivity, regions: ["R1", "R2"])
        let design = try SaltelliDesign(problem: coordinates.problem, baseCount: 64, secondOrder: false).matrix(seed: 1)
        let model = try DesignPointModel(plan: run.plan, sensitivity: sensitivity, coordinates: coordinates, table: run.table)
        let outputs = try DesignOutputs.evaluate(design, model: model, threads: 2)
        let names = outputs.outputs.map(\.name)
        let exact = try #require(names.firstIndex(of: "exact:R1")), r1 = try #require(names.firstIndex(of: "R1")), r2 = try #require(names.firstIndex(of: "R2"))
        for row in 0..<design.rows {
            let w = 0.2 + 0.6 * design[row, 0]
            #expect(outputs.values[row * names.count + exact].isApproximatelyEqual(to: 1e6 * (0.75 - 0.5 * w), absoluteTolerance: 1e-3, relativeTolerance: 1e-9))
            #expect(outputs.values[row * names.count + r1] + outputs.values[row * names.count + r2] == 1_000_000)
        }
        #expect(names.contains("fairness:gini"))
    }

    @Test func sobolIndicesOfTheLinearModel() throws {
        let run = try prepare(Self.scenario("sobol 512 seed 1"))
        let result = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 2)
        let sobol = try #require(result.sobol)
        #expect(result.factors == ["m.weight.inhabitants", "dummy"])
        let exact = try #require(result.outputs.firstIndex { $0.name == "exact:R1" })
        #expect(abs(sobol[exact].s1[0] - 1) < 0.05 && abs(sobol[exact].st[0] - 1) < 0.05)
        #expect(sobol[exact].s1[1] == 0 && sobol[exact].st[1] == 0 && sobol[exact].stConfidence[1] == 0)
        #expect(!result.indistinguishableFromDummy(output: exact, factor: 0))
        let again = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 1)
        #expect(again.sobol == result.sobol)
    }

    @Test func morrisEffectsOfTheLinearModel() throws {
        let run = try prepare(Self.scenario("morris 20 seed 2"))
        let result = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 2)
        let morris = try #require(result.morris)
        let exact = try #require(result.outputs.firstIndex { $0.name == "exact:R1" })
        #expect(abs(morris[exact].mu[0] + 300_000) < 0.01 && abs(morris[exact].muStar[0] - 300_000) < 0.01)
        #expect(morris[exact].muStar[1] == 0)
    }

    /// The stop rule doubles N until every half-width is below 0.05; the rows it keeps
    /// from the smaller designs give the same indices as a design of the final N at once.
    @Test func stopRuleDoublesUntilNarrow() throws {
        let run = try prepare(Self.scenario("sobol 16 seed 1", "until width 0.05 max 4096"))
        let result = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 2)
        let sobol = try #require(result.sobol)
        #expect(result.converged == true && result.basePoints > 16 && result.basePoints <= 4096)
        #expect(sobol.allSatisfy { ScenarioSensitivity.widestHalfWidth($0) < 0.05 })
        let direct = try prepare(Self.scenario("sobol \(result.basePoints) seed 1"))
        #expect(try ScenarioSensitivity.run(direct.plan, table: direct.table, threads: 1).sobol == sobol)
        let capped = try prepare(Self.scenario("sobol 16 seed 1", "until width 0.0001 max 64"))
        let stopped = try ScenarioSensitivity.run(capped.plan, table: capped.table, threads: 2)
        #expect(stopped.basePoints == 64 && stopped.converged == false)
        #expect(stopped.warnings.contains { $0.english.hasPrefix("the stop rule ended at N = 64 (its maximum)") })
    }

    /// A group block reports its factors together: the weight and the budget as one.
    @Test func groupsReportTogether() throws {
        let text = Self.scenario("sobol 128 seed 1").replacingOccurrences(of: "weight m inhabitants from 20% to 80%", with: "group rules {\n            weight m inhabitants from 20% to 80%\n            budget m 2026 from 1M to 2M\n        }")
        let run = try prepare(text)
        let result = try ScenarioSensitivity.run(run.plan, table: run.table, threads: 2)
        #expect(result.factors == ["rules", "dummy"])
        let exact = try #require(result.outputs.firstIndex { $0.name == "exact:R1" })
        #expect(abs((result.sobol?[exact].st[0] ?? 0) - 1) < 0.1)
    }

    @Test func infeasibleRowsAreReported() throws {
        let run = try prepare(Self.scenario("sobol 16", "base m from 100k to 600k"))
        let error = #expect(throws: ScenarioSensitivityError.self) { try ScenarioSensitivity.run(run.plan, table: run.table, threads: 2) }
        #expect(error?.message.contains("cannot be allocated") == true)
        #expect(error?.message.hasSuffix("narrow the factors' ranges so every row is feasible") == true)
    }

    /// Weights over 10^9 always sum to exactly one, the pinned one keeping its rounding.
    @Test func exactSharesSumToOne() {
        let shares = Fraction.billionths([0.1234567894, 0.3, 0.5765432106], pinned: 0)
        #expect(shares.map { $0.numerator * (1_000_000_000 / $0.denominator) }.reduce(0, +) == 1_000_000_000)
        #expect(shares[0].numerator * (1_000_000_000 / shares[0].denominator) == 123_456_789)
        let thirds = Fraction.billionths([1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(thirds.map { $0.numerator * (1_000_000_000 / $0.denominator) } == [333_333_334, 333_333_333, 333_333_333])
    }
}
