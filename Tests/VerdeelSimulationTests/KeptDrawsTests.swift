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
    /// variant 2 (a base of 10,000 each, 970,000 by inhabitants): A 107,000, B 301,000, C 592,000;
    /// before rounding the same (within the doubles' noise).
    @Test func theFirstDrawsOfEveryVariantAreKeptInOrder() throws {
        let rows = try kept(2)
        let expected: [[Cell]] = [(1, [100_000, 300_000, 600_000]), (2, [107_000, 301_000, 592_000])].flatMap { variant, amounts in
            (1...2).flatMap { draw in
                zip(["GM0001", "GM0002", "GM0003"], amounts).map { region, amount in
                    [Cell.whole(variant), .whole(draw), .text("m"), .whole(2026), .text(region), .number(amount)]
                }
            }
        }
        #expect(rows.map { Array($0.prefix(6)) } == expected)
        for (row, amount) in zip(rows, expected.map { value($0[5]) }) { #expect(abs(value(row[6]) - amount) < 1e-6) }
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
            #expect(statistic.table.columns.map(\.id) == ["draw", "measure", "year", "region", "amount", "exact", "perturbed_land_area_km2"])
            let result = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: [statistic]) { read($0, files: ["three.csv": threeRegions]) }
            let table = try #require(result.tables.first { $0.header.name == "draws" })
            return table.rows.enumerated().flatMap { variant, rows in rows.map { [Cell.whole(variant + 1)] + $0 } }
        }
        let still = try rows(spread: "0%")
        #expect(still.map { value($0[7]) } == Array(repeating: [50.0, 30, 20], count: 2 * 20).flatMap { $0 })
        let drawn = try rows(spread: "10%")
        #expect(drawn.count == 2 * 20 * 3)
        let first = drawn.prefix(60), second = drawn.suffix(60)
        #expect(first.map { value($0[7]) } == second.map { value($0[7]) })
        #expect(Set(first.map { value($0[7]) }).count > 30)
        for draw in stride(from: 0, to: 60, by: 3) {
            let rows = first[(first.startIndex + draw)..<(first.startIndex + draw + 3)]
            let areas = rows.map { value($0[7]) }
            #expect(rows.map { value($0[5]) }.reduce(0, +) == 1_000_000)
            expect(rows, shares: areas.map { $0 / areas.reduce(0, +) }, total: 1_000_000)
        }
    }

    /// Each draw's amounts before rounding where a floor binds (the lanes' two roundings):
    /// 1M by perturbed land area (50 : 30 : 20, sd 5%) with a floor of 205,000. Where C's
    /// share `1M x a_C / (a_A + a_B + a_C)` is below it, C has 205,000 and A and B share
    /// 795,000 by their areas (neither comes near the floor: B's 298,125 would have to drop
    /// by almost a third); elsewhere the shares stand. Both kinds of draw occur.
    @Test func eachDrawsAmountsBeforeRoundingFollowTheFloor() throws {
        let rows = try keptWithAreas(measure: ["floor 205k"], spread: "5%", draws: 200)
        var (held, free) = (0, 0)
        for draw in stride(from: 0, to: rows.count, by: 3) {
            let three = rows[draw..<(draw + 3)]
            let areas = three.map { value($0[7]) }
            let amounts = three.map { value($0[5]) }
            #expect(amounts.reduce(0, +) == 1_000_000 && amounts[2] >= 205_000)
            if 1_000_000 * areas[2] / areas.reduce(0, +) < 205_000 {
                held += 1
                #expect(value(three[three.startIndex + 2][6]) == 205_000)
                expect(three.prefix(2), shares: areas.prefix(2).map { $0 / (areas[0] + areas[1]) }, total: 795_000)
            } else {
                free += 1
                expect(three, shares: areas.map { $0 / areas.reduce(0, +) }, total: 1_000_000)
            }
        }
        #expect(held > 20 && free > 20, "the floor holds C in \(held) draws, not in \(free)")
    }

    /// A transition limit sends every draw through the core's own pool distribution (the
    /// bounds depend on the year before); it never binds here (each draw has the same areas
    /// in both years), so both years' amounts before rounding are 1M by the draw's areas.
    @Test func amountsBeforeRoundingFromTheCoresDistribution() throws {
        let rows = try keptWithAreas(measure: ["budget 2027: 1M", "transition 10% from previous year"], spread: "10%", draws: 30)
        #expect(rows.count == 2 * 30 * 3)
        for start in stride(from: 0, to: rows.count, by: 3) {
            let three = rows[start..<(start + 3)]
            let areas = three.map { value($0[7]) }
            expect(three, shares: areas.map { $0 / areas.reduce(0, +) }, total: 1_000_000)
        }
    }

    /// Rows of 1M by land area, `measure` statements added, the area perturbed by `spread`.
    func keptWithAreas(measure: [String], spread: String, draws: Int) throws -> [[Cell]] {
        let text = threeRegionScenario(key: "land_area_km2 100%", measure: measure, blocks: """
            montecarlo {
                draws \(draws)
                seed 9
                perturb land_area_km2 normal sd \(spread)
            }
            """)
        let compilation = compile(text, files: ["three.csv": threeRegions])
        let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }
        let statistic = KeptDraws(count: draws, inputs: ["land_area_km2"])
        let result = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: [statistic]) { read($0, files: ["three.csv": threeRegions]) }
        let table = try #require(result.tables.first { $0.header.name == "draws" })
        return table.rows.enumerated().flatMap { variant, rows in rows.map { [Cell.whole(variant + 1)] + $0 } }
    }

    /// The rows' amounts before rounding (cell 6) are `total x shares` within a millionth of a
    /// euro, add up to `total`, and each rounded amount (cell 5) lies within a euro of its own.
    func expect(_ rows: ArraySlice<[Cell]>, shares: [Double], total: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        let exact = rows.map { value($0[6]) }
        #expect(abs(exact.reduce(0, +) - total) < 1e-6, sourceLocation: sourceLocation)
        for (row, share) in zip(rows, shares) {
            #expect(abs(value(row[6]) - total * share) < 1e-6, sourceLocation: sourceLocation)
            #expect(abs(value(row[5]) - value(row[6])) < 1, sourceLocation: sourceLocation)
        }
    }
}

/// A number cell's value; NaN for any other.
private func value(_ cell: Cell) -> Double {
    if case .number(let number, _) = cell { return number }
    return .nan
}
