import Foundation
import Numerics
import Testing
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
@testable import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport

/// Fairness over Monte Carlo draws. A small scenario whose draws are enumerated one by one:
/// each draw's perturbed inhabitants are computed again from (seed, draw), the core's
/// allocator shares the measure on that draw's data, the metrics are computed on those
/// amounts and that draw's population, and mean, sd (n - 1) and type 7 quantiles are taken
/// here; `fairness_summary` must say the same. Losses are counted the same way.
@Suite struct FairnessOverDrawsTests {
    static let data = """
        code,name,province,inhabitants,land_area_km2
        GM0001,A,North,30000,50
        GM0002,B,North,10000,150
        GM0003,C,South,20000,80
        """

    static let scenario = """
        scenario s {
            data {
                regions "regions.csv" {
                    province: text
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            criterion area = land_area_km2
            measure m {
                budget 2026: 1M
                key inhabitants 50%, area 50%
            }
            fairness {
                group province
                reference area
                losses 0.25, 1
            }
            variants {
                budget m 2026 in 1M, 2M
            }
            montecarlo {
                draws 40
                seed 9
                perturb inhabitants normal sd 5%
            }
        }
        """

    struct Run {
        let plan: ScenarioPlan
        let run: ScenarioRun
        let statistics: [any DrawStatistic]
        let basis: FairnessBasis
    }

    func prepare(_ text: String = FairnessOverDrawsTests.scenario) throws -> Run {
        let scenario = InMemoryScenario(text, data: Self.data, folder: "fairness-over-draws")
        let plan = try #require(scenario.compilation.plans.first, "\(messages(scenario.compilation))")
        let run = try ScenarioRun.run(plan, read: scenario.read)
        let report = try #require(try ScenarioFairness.reports([run]).reports.first?.report)
        let fairness = FairnessOverDraws(report.basis, baseline: report)
        return Run(plan: plan, run: run, statistics: [fairness, try #require(fairness.lossTable)], basis: report.basis)
    }

    /// Type 7 (numpy's default): h = (n - 1) p, between the sorted values around h.
    func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down)), high = Swift.min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    @Test func summaryEqualsTheDrawsOneByOne() throws {
        let prepared = try prepare()
        let result = try MonteCarloEngine.run(prepared.plan, table: prepared.run.table, control: RunControl(threads: 2), statistics: prepared.statistics)
        let generator = DrawGenerator(
            table: prepared.run.table, criteria: [Criterion(name: "people", expression: .indicator("inhabitants"))], plan: prepared.plan.simulation?.monteCarlo, draws: 40)
        let settings = prepared.basis.settings
        let table = prepared.run.table
        let baselineUnits = prepared.run.allocations[0].years[0].components[0].regions.map { Double($0.amount.cents) / 100 }
        for (variant, budget) in [(0, Int64(1_000_000)), (1, 2_000_000)] {
            var perMetric = settings.metrics.map { _ in [Double]() }
            var losses = [Int](repeating: 0, count: 6)
            for draw in 0..<40 {
                let people = try #require(try generator.values(draw: draw)["people"])
                let drawTable = try RegionTable(
                    regions: table.regions, indicators: table.indicators.merging(["inhabitants": people]) { $1 }, labels: table.labels)
                var measure = prepared.plan.measures[0].measure
                measure.budgets = [2026: Money(euros: budget)]
                let amounts = try Allocator(table: drawTable).allocate(measure).years[0].components[0].regions.map { Double($0.amount.cents) / 100 }
                let input = try FairnessInput(
                    codes: table.regions.map(\.code), amounts: amounts, populations: people, reference: table.indicators["land_area_km2"], groups: table.labels["province"])
                for (index, value) in settings.values(input).enumerated() { perMetric[index].append(try #require(value)) }
                let baseline = variant == 0 ? baselineUnits : amounts.indices.map { _ in 0 }
                if variant == 0 {
                    for r in 0..<3 {
                        let loss = (baseline[r] - amounts[r]) / (table.indicators["inhabitants"]?[r] ?? 1)
                        for (t, threshold) in [0.25, 1.0].enumerated() where loss > threshold { losses[r * 2 + t] += 1 }
                    }
                }
            }
            let rows = result.tables[0].rows[variant].map { $0.map(\.csvText) }
            #expect(rows.count == settings.metrics.count)
            for (index, metric) in settings.metrics.enumerated() {
                let row = rows[index]
                #expect(row[0] == "m" && row[1] == "2026" && row[2] == metric.description)
                let values = perMetric[index], sorted = values.sorted()
                let mean = values.reduce(0, +) / 40
                let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 39).squareRoot()
                for (cell, expected) in zip(row[4...], [mean, sd, quantile(sorted, 0.05), quantile(sorted, 0.5), quantile(sorted, 0.95)]) {
                    let value = try #require(Double(cell))
                    #expect(value.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "variant \(variant) \(metric)")
                }
            }
            if variant == 0 {
                let lossRows = result.tables[1].rows[0].map { $0.map(\.csvText) }
                #expect(lossRows.map { $0[2...4].joined(separator: " ") } == ["GM0001 A 0.25", "GM0001 A 1.0", "GM0002 B 0.25", "GM0002 B 1.0", "GM0003 C 0.25", "GM0003 C 1.0"])
                #expect(lossRows.map { Double($0[5]) } == losses.map { Double($0) / 40 })
                // The baseline column is the scenario's own metric (1M, nominal data).
                let baseline = try FairnessReport(prepared.basis, measures: [("m", prepared.run.allocations[0])])
                #expect(rows.map { Double($0[3]) } == baseline.rows.map(\.value))
            }
        }
    }

    /// Identical tables for any thread count and chunk size: the scenario above (few draws:
    /// every variant alone), and with two measures, five variants and 300 draws (brackets,
    /// sums over the measures).
    @Test func sameForAnyThreadsAndChunks() throws {
        let larger = Self.scenario
            .replacingOccurrences(of: "    fairness {", with: "    measure n {\n        budget 2026: 500k\n        key inhabitants 100%\n    }\n    fairness {")
            .replacingOccurrences(of: "budget m 2026 in 1M, 2M", with: "budget m 2026 in 1M, 1.5M, 2M, 2.5M, 3M")
            .replacingOccurrences(of: "draws 40", with: "draws 300")
        for text in [Self.scenario, larger] {
            let prepared = try prepare(text)
            var tables = [[[[[Cell]]]]]()
            for (threads, chunk) in [(1, 1), (2, 1), (3, 7)] {
                let result = try MonteCarloEngine.run(prepared.plan, table: prepared.run.table, control: RunControl(threads: threads, chunk: chunk), statistics: prepared.statistics)
                tables.append(result.tables.map(\.rows))
            }
            #expect(tables[0] == tables[1] && tables[1] == tables[2])
            #expect(tables[0][0].allSatisfy { !$0.isEmpty })
        }
    }

    /// Two measures: the rows for `all` are the metrics of each draw's amounts added over
    /// both measures (m: 1M by inhabitants and area, n: 500k by inhabitants), after each
    /// measure's own rows; losses too.
    @Test func allMeasuresTogether() throws {
        let text = Self.scenario
            .replacingOccurrences(of: "    fairness {", with: "    measure n {\n        budget 2026: 500k\n        key inhabitants 100%\n    }\n    fairness {")
            .replacingOccurrences(of: "budget m 2026 in 1M, 2M", with: "budget m 2026 in 1M")
        let prepared = try prepare(text)
        let result = try MonteCarloEngine.run(prepared.plan, table: prepared.run.table, control: RunControl(threads: 2), statistics: prepared.statistics)
        let settings = prepared.basis.settings
        let table = prepared.run.table
        let generator = DrawGenerator(
            table: table, criteria: [Criterion(name: "people", expression: .indicator("inhabitants"))], plan: prepared.plan.simulation?.monteCarlo, draws: 40)
        var perMetric = settings.metrics.map { _ in [Double]() }
        for draw in 0..<40 {
            let people = try #require(try generator.values(draw: draw)["people"])
            let drawTable = try RegionTable(regions: table.regions, indicators: table.indicators.merging(["inhabitants": people]) { $1 }, labels: table.labels)
            let allocations = try Allocator(table: drawTable).allocate(prepared.plan.measures.map(\.measure))
            let amounts = (0..<3).map { r in allocations.reduce(0.0) { $0 + Double($1.years[0].components[0].regions[r].amount.cents) / 100 } }
            let input = try FairnessInput(
                codes: table.regions.map(\.code), amounts: amounts, populations: people, reference: table.indicators["land_area_km2"], groups: table.labels["province"])
            for (index, value) in settings.values(input).enumerated() { perMetric[index].append(try #require(value)) }
        }
        let rows = result.tables[0].rows[0].map { $0.map(\.csvText) }
        #expect(rows.map { $0[0] } == Array(repeating: "m", count: settings.metrics.count) + Array(repeating: "n", count: settings.metrics.count)
            + Array(repeating: "all", count: settings.metrics.count))
        for (index, row) in rows.suffix(settings.metrics.count).enumerated() {
            let mean = perMetric[index].reduce(0, +) / 40
            let got = try #require(Double(row[4]))
            #expect(got.isApproximatelyEqual(to: mean, absoluteTolerance: 1e-12, relativeTolerance: 1e-12), "\(row[2])")
        }
        #expect(result.tables[1].rows[0].suffix(6).allSatisfy { $0[0] == .text("all") })
    }
}
