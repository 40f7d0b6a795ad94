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
}
