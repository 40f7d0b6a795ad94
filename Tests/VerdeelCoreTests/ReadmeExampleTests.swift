import Testing
import VerdeelCore

/// The Swift example in README.md, so the README stays true.
struct ReadmeExampleTests {
    @Test func readmeExampleGivesTheStatedAmounts() throws {
        let table = try RegionTable(
            regions: [Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B")],
            indicators: ["inhabitants": [30_000, 10_000], "land_area_km2": [50, 150]])
        let measure = Measure(
            name: "Ontmoetingsplekken",
            budgets: [2026: Money(euros: 1_000_000)],
            topslices: [Topslice(name: "ondersteuning", .fraction(try #require(Fraction(percent: 5))))],
            base: Base(.uniform(Money(euros: 100_000)), ifInfeasible: .error),
            key: Key([
                .init(.indicator("inhabitants"), try #require(Fraction(percent: 50))),
                .init(.indicator("land_area_km2"), try #require(Fraction(percent: 50))),
            ]))
        let result = try Allocator(table: table).allocate(measure)
        #expect(euros(result.year(2026)) == ["GM0001": 475_000, "GM0002": 475_000])
    }
}
