import Testing
import VerdeelModel
import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport

/// `--keep-draws`: the draws' amounts as rows, worked out by hand. Land area is perturbed
/// but the key is inhabitants only, so every draw gives A 100,000, B 300,000 and C 600,000
/// (of 1M by 100 : 300 : 600 inhabitants).
struct KeptDrawsTests {
    static let text = threeRegionScenario(key: "inhabitants 100%", blocks: """
        variants {
            base m in 0, 10k
        }
        montecarlo {
            draws 50
            seed 3
            perturb land_area_km2 normal sd 10%
        }
        """)

    func kept(_ count: Int) throws -> [[Cell]] {
        let compilation = compile(Self.text, files: ["three.csv": threeRegions])
        let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }
        let result = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: [KeptDraws(count: count)]) { read($0, files: ["three.csv": threeRegions]) }
        let table = try #require(result.tables.first { $0.header.name == "draws" })
        return table.rows.enumerated().flatMap { variant, rows in rows.map { [Cell.whole(variant + 1)] + $0 } }
    }

    /// Two draws of each of two variants: variant 1 (no base) A 100,000, B 300,000, C 600,000;
    /// variant 2 (a base of 10,000 each, 970,000 by inhabitants): A 107,000, B 301,000, C 592,000.
    @Test func theFirstDrawsOfEveryVariantAreKeptInOrder() throws {
        let rows = try kept(2)
        let expected: [[Cell]] = [(1, [100_000, 300_000, 600_000]), (2, [107_000, 301_000, 592_000])].flatMap { variant, amounts in
            (1...2).flatMap { draw in
                zip(["GM0001", "GM0002", "GM0003"], amounts).map { region, amount in
                    [Cell.whole(variant), .whole(draw), .text("m"), .whole(2026), .text(region), .number(amount)]
                }
            }
        }
        #expect(rows == expected)
    }

    /// Asking for more draws than the run makes keeps all 50 of each variant.
    @Test func moreThanTheRunHasKeepsThemAll() throws {
        #expect(try kept(1_000).count == 2 * 50 * 3)
    }

    /// The perturbed land area of every kept draw, with the key land area only: each draw's
    /// amounts are 1M split by that draw's perturbed areas, rounded (within a euro of
    /// 1M x area / total, adding up to 1M); the areas are the same in both variants (common
    /// random numbers), differ between draws, and a spread of 0% leaves 50, 30 and 20.
    @Test func theDrawsPerturbedInputsAreKept() throws {
        func rows(spread: String) throws -> [[Cell]] {
            let text = threeRegionScenario(key: "land_area_km2 100%", blocks: """
                variants {
                    base m in 0, 10k
                }
                montecarlo {
                    draws 20
                    seed 5
                    perturb land_area_km2 normal sd \(spread)
                }
                """)
            let compilation = compile(text, files: ["three.csv": threeRegions])
            let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
            let run = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }
            let statistic = KeptDraws(count: 20, inputs: ["land_area_km2"])
            #expect(statistic.table.columns.map(\.id) == ["draw", "measure", "year", "region", "amount", "perturbed_land_area_km2"])
            let result = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: [statistic]) { read($0, files: ["three.csv": threeRegions]) }
            let table = try #require(result.tables.first { $0.header.name == "draws" })
            return table.rows.enumerated().flatMap { variant, rows in rows.map { [Cell.whole(variant + 1)] + $0 } }
        }
        let value = { (cell: Cell) -> Double in
            if case .number(let number, _) = cell { return number }
            return .nan
        }
        let still = try rows(spread: "0%")
        #expect(still.map { value($0[6]) } == Array(repeating: [50.0, 30, 20], count: 2 * 20).flatMap { $0 })
        let drawn = try rows(spread: "10%")
        #expect(drawn.count == 2 * 20 * 3)
        let first = drawn.prefix(60), second = drawn.suffix(60)
        #expect(first.map { value($0[6]) } == second.map { value($0[6]) })
        #expect(Set(first.map { value($0[6]) }).count > 30)
        for draw in stride(from: 0, to: 60, by: 3) {
            let areas = first[(first.startIndex + draw)..<(first.startIndex + draw + 3)].map { value($0[6]) }
            let amounts = first[(first.startIndex + draw)..<(first.startIndex + draw + 3)].map { value($0[5]) }
            #expect(amounts.reduce(0, +) == 1_000_000)
            for (area, amount) in zip(areas, amounts) { #expect(abs(amount - 1_000_000 * area / areas.reduce(0, +)) < 1) }
        }
    }
}
