import Foundation
import Testing
import VerdeelCore
import VerdeelModel
import VerdeelSimulation
import VerdeelTestSupport

/// A plan read back from JSON is input: what the checker guarantees of a compiled plan is
/// checked again, and a plan that says what no scenario can gives an error, never a trap.
/// Each case below once trapped (scripts/fuzz.sh, FuzzPlan).
struct DecodedPlanTests {
    static func plan(_ file: String) throws -> ScenarioPlan {
        try #require(compile(file: file).plans.last)
    }

    /// The plan's JSON with `old` replaced by `new`, decoded.
    static func changed(_ plan: ScenarioPlan, _ old: String, _ new: String) throws -> ScenarioPlan {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(plan), as: UTF8.self)
        #expect(text.contains(old), "\(old) is not in the plan")
        return try JSONDecoder().decode(ScenarioPlan.self, from: Data(text.replacingOccurrences(of: old, with: new).utf8))
    }

    static func simulationProblem(_ plan: ScenarioPlan) throws -> String? {
        let run = try ScenarioRun.run(plan)
        do {
            _ = try MonteCarloEngine.run(plan, table: run.table, baseline: run.allocations, control: RunControl(threads: 1, variants: 0..<1))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func everyCompiledPlanPassesTheChecks() throws {
        for file in PlanCodingTests.files {
            for plan in compile(file: file).plans { #expect(plan.simulation?.problem == nil, "\(file): \(plan.name)") }
        }
    }

    /// An amount beyond EUR 1,000,000,000,000 (10^14 cents) is refused when decoded: sums of
    /// such amounts overflowed 64-bit cents.
    @Test func anAmountBeyondTheLargestIsRefused() throws {
        let plan = try Self.plan("Benchmarks/workloads/w1-baseline.verdeel")
        #expect(throws: DecodingError.self) { try Self.changed(plan, #"{"cents":940000000}"#, #"{"cents":9223372036854775807}"#) }
        #expect(throws: DecodingError.self) { try Self.changed(plan, #"{"cents":940000000}"#, #"{"cents":-100000000000001}"#) }
        #expect(try Self.changed(plan, #"{"cents":940000000}"#, #"{"cents":100000000000000}"#).measures.count == plan.measures.count)
    }

    @Test func variantsThatNoScenarioCanWriteAreRefused() throws {
        let w3 = try Self.plan("Benchmarks/workloads/w3-floor.verdeel")
        #expect(try Self.simulationProblem(Self.changed(w3, #""count":1000,"parameters""#, #""count":-1,"parameters""#))?
            .contains("variant dimension 1: it has -1 points; a dimension has at least one") == true)
        #expect(try Self.simulationProblem(Self.changed(w3, #""count":1000,"parameters""#, #""count":999,"parameters""#))?.contains("it has 999 points but 1000 values") == true)
        #expect(try Self.simulationProblem(Self.changed(w3, #""draws":10000"#, #""draws":9223372036854775807"#))?.contains("it has 1 to 100000000") == true)
        #expect(try Self.simulationProblem(Self.changed(w3, #""draws":10000"#, #""draws":0"#))?.contains("has 0 draws") == true)
        #expect(try Self.simulationProblem(Self.changed(w3, #""distribution":"normal","indicator":"inhabitants""#, #""distribution":"normal","indicator":"inhabitant""#))?
            .contains("it perturbs 'inhabitant', which the data has no number column of") == true)
        let w2 = try Self.plan("Benchmarks/workloads/w2-simplex.verdeel")
        // 100 steps over 3 weights: C(102, 2) = 5,151 points; Int.max steps has no count.
        #expect(try Self.simulationProblem(w2) == nil)
        #expect(try Self.simulationProblem(Self.changed(w2, #""steps":100"#, #""steps":9223372036854775807"#))?.contains("does not have 5151 points") == true)
        #expect(try Self.simulationProblem(Self.changed(w2, #""steps":100"#, #""steps":-3"#))?.contains("at least one step and two weights") == true)
    }
}
