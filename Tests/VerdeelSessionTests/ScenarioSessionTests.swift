import Testing
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTestSupport

/// The library runner, used as a client other than the command line uses it.
struct ScenarioSessionTests {
    /// R1 has 1,000 inhabitants, R2 3,000: EUR 1M by inhabitants is 250,000 and 750,000; with
    /// a second scenario half by land area (30 and 10 km2), R1 gets 125,000 + 375,000.
    @Test func allocatesEveryPlanOfAFile() throws {
        let scenario = InMemoryScenario(TwoRegions.peopleAndMixed, folder: "session-allocates")
        #expect(scenario.compilation.diagnostics.isEmpty, "\(messages(scenario.compilation))")
        let runs = try ScenarioSession(read: scenario.read).allocate(scenario.compilation.plans)
        #expect(runs.map { euros($0, "m", 2026) } == [["R1": 250_000, "R2": 750_000], ["R1": 500_000, "R2": 500_000]])
        #expect(scenario.compilation.plans.map(RunKind.init) == [.allocation, .allocation])
    }

    /// The kind of run each bundled plan asks for, as its blocks say.
    @Test func theKindOfRunFollowsTheBlocks() throws {
        let agenda = compile(file: "Scenarios/sociale-agenda-sensitivity.verdeel").plans
        #expect(agenda.first { $0.name == "sensitivity" }.map(RunKind.init) == .sensitivity)
        #expect(agenda.first { $0.name == "baseline" }.map(RunKind.init) == .allocation)
        #expect(compile(file: "Benchmarks/workloads/w3-montecarlo.verdeel").plans.map(RunKind.init) == [.simulation])
        #expect(!RunKind.allocation.canBeSharded && RunKind.simulation.canBeSharded && RunKind.sensitivity.canBeSharded)
    }

    /// 1,000 variants are 250 product tiles of 4; 3 parts take 83, 83 and 84 whole tiles
    /// (250 / 3 rounded down at each boundary): 332, 332 and 336 contiguous variants.
    @Test func partsCoverTheVariantsOnce() throws {
        let plan = try #require(compile(file: "Benchmarks/workloads/w3-montecarlo.verdeel").plans.first)
        let parts = (1...3).map { ScenarioSession.variants(of: plan, part: ($0, 3)) }
        #expect(parts.map(\.count) == [332, 332, 336])
        #expect(parts[0].lowerBound == 0 && parts[0].upperBound == parts[1].lowerBound && parts[1].upperBound == parts[2].lowerBound && parts[2].upperBound == 1_000)
        #expect(ScenarioSession.variants(of: plan, part: nil) == 0..<1_000)
    }

    /// The session hands the run's allocation to the engine as its baseline: the summaries
    /// and the fairness over the draws are those of the engine making its own, and without
    /// fairness the session chooses no statistic.
    @Test func simulatesOnTheAllocationItMade() throws {
        let plan = try #require(compile(file: "Benchmarks/workloads/w3-montecarlo.verdeel").plans.first)
        let session = ScenarioSession()
        let run = try #require(try session.allocate([plan]).first)
        let chosen = try session.drawStatistics(run, fairness: true)
        #expect(chosen.statistics.map(\.table.name) == ["fairness_summary"])
        #expect(try session.drawStatistics(run, fairness: false).statistics.isEmpty)
        let control = { RunControl(threads: 2, variants: 0..<2) }
        let viaSession = try session.simulate(run, statistics: chosen.statistics, control: control())
        let direct = try MonteCarloEngine.run(plan, table: run.table, control: control(), statistics: chosen.statistics)
        #expect(try RunTables.simulation(viaSession).map { try CSVRenderer.text($0) } == RunTables.simulation(direct).map { try CSVRenderer.text($0) })
    }

    /// An update of a table's figures compares the plan with the table's rows of one vintage
    /// and of another; a table without a vintage column has no sides. The loss threshold is
    /// the one asked for, else the plan's smallest `losses`, else 0.
    @Test func anUpdateHasTwoSidesAndAThreshold() throws {
        let text = TwoRegions.vintagedScores(losses: "15, 7.50")
        let compilation = compile(text, files: ["regions.csv": "code,name,inhabitants\nA,A,1\n", "scores.csv": "code,year,households\nA,2022,1\n"])
        let plan = try #require(compilation.plans.first, "\(messages(compilation))")
        let sides = try ScenarioSession.updateSides(plan, table: "scores", from: "2022", to: "2023")
        #expect(sides.map(\.name) == ["v (scores year 2022)", "v (scores year 2023)"])
        #expect(sides.map { $0.data.joins[0].vintage?.value } == ["2022", "2023"])
        // A table without a vintage column, and a table the scenario does not read, have no sides.
        #expect(throws: UpdateSidesError.noVintage(table: "regions", at: plan.data.tables[0].declaredAt)) {
            try ScenarioSession.updateSides(plan, table: "regions", from: "2022", to: "2023")
        }
        #expect(throws: UpdateSidesError.noTable(scenario: "v", table: "ses", read: ["regions", "scores"])) {
            try ScenarioSession.updateSides(plan, table: "ses", from: "2022", to: "2023")
        }
        #expect(ScenarioSession.lossThreshold(plan, asked: 5) == 5)
        #expect(ScenarioSession.lossThreshold(plan, asked: nil) == 7.5)
    }
}
