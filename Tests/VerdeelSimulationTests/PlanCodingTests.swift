import Foundation
import Testing
import VerdeelCore
import VerdeelModel
import VerdeelReport
import VerdeelSimulation
import VerdeelTestSupport

/// A plan is data: every plan of the bundled scenarios and the workloads, encoded as JSON and
/// decoded, equals the compiled plan and runs to the same bytes (allocations, and a variant
/// run's variants and summaries over its first variants).
struct PlanCodingTests {
    static let files = [
        "Scenarios/sociale-agenda.verdeel", "Scenarios/sociale-agenda-sensitivity.verdeel", "Scenarios/source-document-figures.verdeel",
        "Benchmarks/workloads/w1-baseline.verdeel", "Benchmarks/workloads/w2-simplex.verdeel", "Benchmarks/workloads/w3-montecarlo.verdeel",
        "Benchmarks/workloads/w3-floor.verdeel",
    ]

    static func plans(_ file: String) throws -> [ScenarioPlan] {
        let compilation = compile(file: file)
        #expect(compilation.diagnostics.isEmpty, "\(file): \(messages(compilation))")
        return compilation.plans
    }

    static func roundTrip(_ plan: ScenarioPlan) throws -> ScenarioPlan {
        try JSONDecoder().decode(ScenarioPlan.self, from: try JSONEncoder().encode(plan))
    }

    @Test(arguments: files) func everyPlanReadBackFromJSONIsTheCompiledPlan(file: String) throws {
        let plans = try Self.plans(file)
        #expect(!plans.isEmpty)
        for plan in plans {
            #expect(try Self.roundTrip(plan) == plan, "\(file): scenario \(plan.name)")
        }
    }

    @Test func decodedPlansAllocateToTheSameBytes() throws {
        for file in Self.files.prefix(3) {
            let plans = try Self.plans(file)
            let compiled = try plans.map { try ScenarioRun.run($0) }
            let decoded = try plans.map { try ScenarioRun.run(try Self.roundTrip($0)) }
            let (before, after) = (RunTables.allocation(compiled, fairness: []), RunTables.allocation(decoded, fairness: []))
            #expect(try before.map { try CSVRenderer.text($0) } == after.map { try CSVRenderer.text($0) }, "\(file)")
        }
    }

    /// The simplex's and the Monte Carlo's variants, drawn from the decoded plan: the same
    /// points, the same draws, the same summaries (the first three variants of each).
    @Test(arguments: ["Benchmarks/workloads/w2-simplex.verdeel", "Benchmarks/workloads/w3-montecarlo.verdeel"])
    func decodedPlansSimulateToTheSameBytes(file: String) throws {
        let plan = try #require(try Self.plans(file).first)
        let table = try ScenarioRun.run(plan).table
        let control = { RunControl(threads: 2, variants: 0..<3) }
        let before = RunTables.simulation(try MonteCarloEngine.run(plan, table: table, control: control()))
        let after = RunTables.simulation(try MonteCarloEngine.run(try Self.roundTrip(plan), table: table, control: control()))
        #expect(try before.map { try CSVRenderer.text($0) } == after.map { try CSVRenderer.text($0) })
    }

    /// A plan built in Swift, without the language, runs like the compiled one.
    @Test func aPlanBuiltInSwiftRunsLikeTheCompiledOne() throws {
        let compiled = try #require(try Self.plans("Benchmarks/workloads/w1-baseline.verdeel").first)
        let built = ScenarioPlan(
            name: compiled.name, data: compiled.data, measures: compiled.measures.map { PlannedMeasure(id: $0.id, title: $0.title, measure: $0.measure) },
            assertions: compiled.assertions, simulation: compiled.simulation, fairness: compiled.fairness, sensitivity: compiled.sensitivity)
        #expect(built == compiled)
        #expect(try CSVRenderer.text(AllocationTables([try ScenarioRun.run(built)]).allocations()) == CSVRenderer.text(AllocationTables([try ScenarioRun.run(compiled)]).allocations()))
    }
}
