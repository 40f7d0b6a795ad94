import Testing
import VerdeelCore
import VerdeelTestSupport

/// The steps of docs/allocation-rules.md one by one, worked by hand on four regions with 40/30/20/10
/// inhabitants.
struct MeasureRuleTests {
    @Test func topsliceFractionRoundsHalfUpToTheEuro() throws {
        // 10% of 1,005 = 100.5 -> 101; D = 904 by 40:30:20:10 = 361.6, 271.2, 180.8, 90.4:
        // floors 361+271+180+90 = 902; two euros to .8 (C) and .6 (A).
        var measure = byInhabitants([2026: 1_005])
        measure.topslices = [Topslice(name: "ondersteuning", .fraction(percent(10)))]
        let year = try #require(try Allocator(table: fourRegions()).allocate(measure).year(2026))
        #expect(year.topslices == [TopsliceAmount(name: "ondersteuning", amount: Money(euros: 101))])
        #expect(euros(year) == ["GM0001": 362, "GM0002": 271, "GM0003": 181, "GM0004": 90])
    }

    @Test func topslicesOfFixedAmountsAndFractionsTogether() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.topslices = [Topslice(name: "a", .amount(Money(euros: 100))), Topslice(name: "b", .fraction(percent(10)))]
        let year = try #require(try Allocator(table: fourRegions()).allocate(measure).year(2026))
        #expect(year.topslices.map(\.amount) == [Money(euros: 100), Money(euros: 100)])
        #expect(euros(year) == ["GM0001": 320, "GM0002": 240, "GM0003": 160, "GM0004": 80])
    }

    @Test func topslicesAboveTheBudgetAreAnError() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.topslices = [Topslice(name: "a", .amount(Money(euros: 600))), Topslice(name: "b", .fraction(percent(50)))]
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the top-slices (EUR 1,100) exceed the budget (EUR 1,000)")
    }

    @Test func baseThenKeyOnTheRemainder() throws {
        // Base 150 x 4 = 600; remainder 400 by 40:30:20:10.
        var measure = byInhabitants([2026: 1_000])
        measure.base = Base(.uniform(Money(euros: 150)))
        #expect(euros(try Allocator(table: fourRegions()).allocate(measure).year(2026))
            == ["GM0001": 310, "GM0002": 270, "GM0003": 230, "GM0004": 190])
    }

    @Test func infeasibleBaseStopsWithPolicyError() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.base = Base(.uniform(Money(euros: 300)), ifInfeasible: .error)
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the fixed bases need EUR 1,200 but only EUR 1,000 is available after top-slices; lower the base, raise the budget, or set the base's policy to 'scale'")
    }

    @Test func infeasibleBaseScalesWithPolicyScale() throws {
        // 1,200 needed, 1,000 available: every base becomes 250 and nothing is left for the key.
        var measure = byInhabitants([2026: 1_000])
        measure.base = Base(.uniform(Money(euros: 300)), ifInfeasible: .scale)
        let year = try #require(try Allocator(table: fourRegions()).allocate(measure).year(2026))
        #expect(euros(year) == ["GM0001": 250, "GM0002": 250, "GM0003": 250, "GM0004": 250])
        #expect(year.warnings.map(\.english) == ["measure 'test', 2026: the fixed bases need EUR 1,200 but only EUR 1,000 is available; every base was scaled down pro rata (policy 'scale')"])
        #expect(year.warnings.map(\.dutch) == ["maatregel 'test', 2026: de vaste voeten vragen EUR 1.200 maar er is maar EUR 1.000; elke vaste voet is naar rato verlaagd (beleid 'scale')"])
    }

    @Test func basePerRegionMustNameEveryRegion() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.base = Base(.perRegion(["GM0001": Money(euros: 10), "GM0002": Money(euros: 10), "GM0003": Money(euros: 10)]))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the fixed base gives no amount for region GM0004; give one for every region")
        measure.base = Base(.perRegion(["GM0001": Money(euros: 10), "GM0002": Money(euros: 10), "GM0003": Money(euros: 10), "GM0004": Money(euros: 1), "GM0005": .zero]))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the fixed base names region GM0005, which is not in the region table; did you mean GM0001?")
    }

    @Test func componentsByFractionEachWithItsOwnKey() throws {
        // 1,000 split 30% / 70%: 300 by area (equal: 75 each), 700 by inhabitants (280/210/140/70).
        var measure = byInhabitants([2026: 1_000])
        measure.components = [
            Component(name: "flat", .fraction(percent(30)), key: Key([.init(.indicator("area"), .one)])),
            Component(name: "people", .fraction(percent(70))),
        ]
        let year = try #require(try Allocator(table: fourRegions()).allocate(measure).year(2026))
        #expect(year.components.map(\.component) == ["flat", "people"])
        #expect(year.components.map(\.distributed) == [Money(euros: 300), Money(euros: 700)])
        #expect(euros(year) == ["GM0001": 355, "GM0002": 285, "GM0003": 215, "GM0004": 145])
        #expect(year.amount(for: "GM0004") == Money(euros: 145))
    }

    @Test func componentFractionsMustSumTo100() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.components = [Component(name: "a", .fraction(percent(30))), Component(name: "b", .fraction(percent(60)))]
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the components' fractions sum to 90%, not 100%")
        measure.components = [Component(name: "a", .fraction(percent(30))), Component(name: "b", .proportionalAmount(Money(euros: 5)))]
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': give every component as a percentage, or every component as an amount, not a mix")
    }

    @Test func roundingTieGoesToTheLowestRegionCode() throws {
        // Three equal regions, EUR 100: 33.333 each; the one euro left is a three-way tie,
        // won by the lowest code whatever the order of the rows.
        let regions = [Region(code: "GM0300", name: "C"), Region(code: "GM0100", name: "A"), Region(code: "GM0200", name: "B")]
        let table = try RegionTable(regions: regions, indicators: ["inhabitants": [5, 5, 5]])
        let year = try Allocator(table: table).allocate(byInhabitants([2026: 100])).year(2026)
        #expect(euros(year) == ["GM0100": 34, "GM0200": 33, "GM0300": 33])
        #expect(year?.components[0].regions.map(\.region.code) == ["GM0100", "GM0200", "GM0300"])
    }

    @Test func roundingToCents() throws {
        // 100 euros = 10,000 cents over three equal regions: 3,333.33 each; one cent left.
        let table = try RegionTable(
            regions: [Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B"), Region(code: "GM0003", name: "C")],
            indicators: ["inhabitants": [1, 1, 1]])
        let year = try Allocator(table: table).allocate(byInhabitants([2026: 100], rounding: .cent)).year(2026)
        #expect(year?.components[0].regions.map(\.amount) == [Money(cents: 3_334), Money(cents: 3_333), Money(cents: 3_333)])
    }

    @Test func budgetThatIsNotWholeEurosIsAnError() throws {
        var measure = byInhabitants([:])
        measure.budgets = [2026: Money(cents: 100_050)]
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the budget EUR 1,000.50 is not a whole number of euros, but amounts are rounded to euros; round it or set rounding to cents")
    }

    @Test func multiYearBudgetsAreAllocatedInYearOrder() throws {
        let result = try Allocator(table: fourRegions()).allocate(byInhabitants([2028: 300, 2026: 100, 2027: 200]))
        #expect(result.years.map(\.year) == [2026, 2027, 2028])
        #expect(euros(result.year(2028)) == ["GM0001": 120, "GM0002": 90, "GM0003": 60, "GM0004": 30])
    }

    @Test func earmarkIsAMinimumRoundedUp() throws {
        // 15% of 310 = 46.5 -> 47; of 270 = 40.5 -> 41; of 230 = 34.5 -> 35; of 190 = 28.5 -> 29.
        var measure = byInhabitants([2026: 1_000])
        measure.base = Base(.uniform(Money(euros: 150)))
        measure.earmarks = [Earmark(purpose: "youth", minimum: percent(15))]
        let year = try #require(try Allocator(table: fourRegions()).allocate(measure).year(2026))
        #expect(year.earmarks.map(\.minimum) == [47, 41, 35, 29].map { Money(euros: $0) })
        #expect(year.distributed == Money(euros: 1_000))
    }
}
