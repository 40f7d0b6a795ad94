import Foundation
import Numerics
import Testing
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
@testable import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport

/// The largest loss per inhabitant in each draw: three draws worked out by hand, then a
/// scenario whose 40 draws are allocated again one by one with the core's allocator.
struct LargestLossOverDrawsTests {
    /// Feeds `draws` (per draw, each region's euros) in blocks of `width` draws.
    func rows(_ statistic: LargestLossOverDraws, baseline: [Double], draws: [[Double]], width: Int) -> [[Cell]] {
        let regions = baseline.count
        let context = StatisticContext(
            measure: "m", year: 2026, regions: (1...regions).map { "GM\($0)" }, regionNames: (1...regions).map { "Region \($0)" }, baselineEuros: baseline,
            draws: draws.count)
        let accumulator = statistic.accumulator(context)
        for start in stride(from: 0, to: draws.count, by: width) {
            let block = Array(draws[start..<min(draws.count, start + width)])
            let amounts = (0..<regions).flatMap { r in block.map { $0[r] } }
            amounts.withUnsafeBufferPointer { pointer in
                accumulator.add(DrawBlock(
                    amounts: BufferHandle(pointer), unitEuros: 1, draws: draws.count, width: block.count, start: start, regions: regions, shareRows: []))
            }
        }
        return accumulator.rows()
    }

    /// Baseline 100, 200, 300 euros for 10, 20, 30 inhabitants. Losses per inhabitant:
    /// draw 1 (90, 210, 300): 1, -0.5, 0; draw 2 (100, 180, 320): 0, 1, -2/3;
    /// draw 3 (80, 190, 330): 2, 0.5, -1. Largest: 1, 1, 2 (GM1, GM2, GM1): mean 4/3, P50 1,
    /// P95 1 + 0.9 (2 - 1) = 1.9 (type 7: h = 2 x 0.95); GM1 worst in 2 of 3 draws.
    /// Regions above 0.25: 1, 1, 2 (mean 4/3, P50 1, P95 1.9, max 2, some in every draw);
    /// above 1: 0, 0, 1 (mean 1/3, P50 0, P95 0.9, max 1, some in 1 of 3 draws).
    @Test func threeDrawsByHand() throws {
        let statistic = LargestLossOverDraws(populations: [10, 20, 30], thresholds: [0.25, 1])
        let draws: [[Double]] = [[90, 210, 300], [100, 180, 320], [80, 190, 330]]
        for width in [1, 2, 3] {
            let rows = rows(statistic, baseline: [100, 200, 300], draws: draws, width: width)
            #expect(rows.count == 2)
            let expected: [[Double?]] = [
                [4.0 / 3, 1, 1.9, nil, nil, 2.0 / 3, 0.25, 4.0 / 3, 1, 1.9, 2, 1],
                [4.0 / 3, 1, 1.9, nil, nil, 2.0 / 3, 1, 1.0 / 3, 0, 0.9, 1, 1.0 / 3],
            ]
            for (row, values) in zip(rows, expected) {
                #expect(Array(row.prefix(2)) == [.text("m"), .whole(2026)])
                #expect(row[5] == .text("GM1") && row[6] == .text("Region 1"))
                for (cell, value) in zip(row.dropFirst(2), values) {
                    guard let value else { continue }
                    guard case .number(let got, _) = cell else { Issue.record("\(cell) for \(value)"); continue }
                    #expect(got.isApproximatelyEqual(to: value, relativeTolerance: 1e-12), "\(got) for \(value), blocks of \(width)")
                }
            }
        }
    }

    /// Equal losses in a draw go to the first region; as many draws worst each, too.
    @Test func tiesGoToTheFirstRegion() {
        let statistic = LargestLossOverDraws(populations: [1, 1, 1], thresholds: [0])
        let equal = rows(statistic, baseline: [10, 10, 10], draws: [[10, 9, 9]], width: 1)
        #expect(equal[0][5] == .text("GM2") && equal[0][6] == .text("Region 2") && equal[0][7] == .number(1))
        let split = rows(statistic, baseline: [10, 10, 10], draws: [[10, 9, 10], [10, 10, 9], [9, 10, 10], [10, 10, 8]], width: 4)
        #expect(split[0][5] == .text("GM3") && split[0][7] == .number(0.5))
        let even = rows(statistic, baseline: [10, 10, 10], draws: [[10, 9, 10], [10, 10, 9]], width: 2)
        #expect(even[0][5] == .text("GM2") && even[0][7] == .number(0.5))
        // Every region gains: the largest loss is the smallest gain, negative.
        let gains = rows(statistic, baseline: [10, 10, 10], draws: [[11, 12, 13]], width: 1)
        #expect(gains[0][2] == .number(-1) && gains[0][11] == .number(0))
    }

    /// The scenario of ``FairnessOverDrawsTests``: each of its 40 draws allocated again from
    /// that draw's inhabitants, the losses against the scenario's own allocation (1M) per
    /// nominal inhabitant, in both variants (1M and 2M: at 2M every region gains).
    @Test func theEnginesDrawsOneByOne() throws {
        let prepared = try FairnessOverDrawsTests().prepare()
        let statistic = try #require(LargestLossOverDraws(prepared.basis))
        let result = try MonteCarloEngine.run(prepared.plan, table: prepared.run.table, control: RunControl(threads: 2), statistics: [statistic])
        let table = prepared.run.table
        let generator = DrawGenerator(
            table: table, criteria: [Criterion(name: "people", expression: .indicator("inhabitants"))], plan: prepared.plan.simulation?.monteCarlo, draws: 40)
        let baseline = prepared.run.allocations[0].years[0].components[0].regions.map { Double($0.amount.cents) / 100 }
        let nominal = try #require(table.indicators["inhabitants"])
        for (variant, budget) in [(0, Int64(1_000_000)), (1, 2_000_000)] {
            var largest = [Double](), worst = [0, 0, 0], above = [[Double](), [Double]()]
            for draw in 0..<40 {
                let people = try #require(try generator.values(draw: draw)["people"])
                let drawTable = try RegionTable(regions: table.regions, indicators: table.indicators.merging(["inhabitants": people]) { $1 }, labels: table.labels)
                var measure = prepared.plan.measures[0].measure
                measure.budgets = [2026: Money(euros: budget)]
                let amounts = try Allocator(table: drawTable).allocate(measure).years[0].components[0].regions.map { Double($0.amount.cents) / 100 }
                let losses = (0..<3).map { (baseline[$0] - amounts[$0]) / nominal[$0] }
                let most = try #require(losses.max())
                largest.append(most)
                worst[try #require(losses.firstIndex(of: most))] += 1
                for (t, threshold) in [0.25, 1.0].enumerated() { above[t].append(Double(losses.count { $0 > threshold })) }
            }
            let rows = result.tables[0].rows[variant]
            #expect(rows.count == 2)
            let sorted = largest.sorted()
            let top = try #require(worst.indices.max { worst[$0] < worst[$1] || (worst[$0] == worst[$1] && $0 > $1) })
            for (t, row) in rows.enumerated() {
                let counts = above[t].sorted()
                let expected = [largest.reduce(0, +) / 40, FairnessOverDrawsTests().quantile(sorted, 0.5), FairnessOverDrawsTests().quantile(sorted, 0.95)]
                    + [Double(worst[top]) / 40, [0.25, 1.0][t], counts.reduce(0, +) / 40, FairnessOverDrawsTests().quantile(counts, 0.5),
                       FairnessOverDrawsTests().quantile(counts, 0.95), counts.last ?? 0, Double(counts.count { $0 > 0 }) / 40]
                let numbers = row.compactMap { cell -> Double? in
                    if case .number(let value, _) = cell { return value }
                    return nil
                }.dropFirst()
                #expect(row[5] == .text(table.regions[top].code) && row[6] == .text(table.regions[top].name))
                for (got, value) in zip(numbers, expected) {
                    #expect(got.isApproximatelyEqual(to: value, absoluteTolerance: 1e-9, relativeTolerance: 1e-12), "variant \(variant): \(got) for \(value)")
                }
                if variant == 1 { #expect(largest.allSatisfy { $0 < 0 }) }
            }
        }
    }

    /// No thresholds, no statistic.
    @Test func madeOnlyWhenTheFairnessBlockNamesLosses() throws {
        let text = FairnessOverDrawsTests.scenario.replacingOccurrences(of: "        losses 0.25, 1\n", with: "")
        let scenario = InMemoryScenario(text, data: FairnessOverDrawsTests.data, folder: "largest-loss-none")
        let plan = try #require(scenario.compilation.plans.first, "\(messages(scenario.compilation))")
        let report = try #require(try ScenarioFairness.reports([try ScenarioRun.run(plan, read: scenario.read)]).reports.first?.report)
        #expect(LargestLossOverDraws(report.basis) == nil)
    }
}

#if DEBUG
/// A statistic reads a block only through its accessors, and a debug build stops at an index
/// outside the block instead of reading the engine's memory beyond it.
struct DrawBlockBoundsTests {
    @Test func anIndexOutsideTheBlockStops() async {
        await #expect(processExitsWith: .failure) {
            let amounts: [Double] = [1, 2, 3, 4]
            _ = amounts.withUnsafeBufferPointer { pointer in
                DrawBlock(amounts: BufferHandle(pointer), unitEuros: 1, draws: 2, width: 2, start: 0, regions: 2, shareRows: []).euros(region: 2, draw: 0)
            }
        }
        await #expect(processExitsWith: .failure) {
            let amounts: [Double] = [1, 2, 3, 4]
            _ = amounts.withUnsafeBufferPointer { pointer in
                DrawBlock(amounts: BufferHandle(pointer), unitEuros: 1, draws: 2, width: 2, start: 0, regions: 2, shareRows: []).share(criterion: 0, region: 0, draw: 0)
            }
        }
    }
}
#endif
