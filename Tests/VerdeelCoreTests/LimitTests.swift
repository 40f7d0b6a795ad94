import Numerics
import Testing
import VerdeelCore
import VerdeelTestSupport

/// Floors, caps and transition limits with redistribution (docs/allocation-rules.md, step 5), worked by hand on
/// four regions with 40/30/20/10 inhabitants and EUR 1,000 (unlimited: 400/300/200/100).
struct LimitTests {
    @Test func capForcesRedistributionOverTwoRounds() throws {
        // Cap 310. Round 1: A 400 -> 310, excess 90 over B, C, D by 30:20:10:
        //   B 345, C 230, D 115. Round 2: B 345 -> 310, excess 35 over C, D by 20:10:
        //   C 253.333, D 126.667. Rounding: floors 310+310+253+126 = 999, the last euro to
        //   D (remainder .667 > .333). B starts under the cap (300) and is pushed over it only
        //   by A's excess: one pass of redistribution would leave it at 345.
        let table = try fourRegions()
        let result = try Allocator(table: table).allocate(byInhabitants([2026: 1_000], limits: Limits(cap: .amount(Money(euros: 310)))))
        let year = try #require(result.year(2026))
        #expect(euros(year) == ["GM0001": 310, "GM0002": 310, "GM0003": 253, "GM0004": 127])
        #expect(year.components[0].regions.map(\.limitedBy) == [.cap, .cap, nil, nil])
        let exact = year.components[0].regions.map(\.exact)
        #expect(exact[2].isApproximatelyEqual(to: 253.0 + 1.0 / 3, relativeTolerance: 4e-12))
        #expect(exact[3].isApproximatelyEqual(to: 126.0 + 2.0 / 3, relativeTolerance: 8e-12))
    }

    @Test func floorTakesTheShortfallFromTheOthersByKey() throws {
        // Floor 150: D 100 -> 150, shortfall 50 from A, B, C by 40:30:20:
        //   A 377.778, B 283.333, C 188.889. Floors 377+283+188+150 = 998; the two euros
        //   left go to C (.889) and A (.778).
        let result = try Allocator(table: fourRegions()).allocate(byInhabitants([2026: 1_000], limits: Limits(floor: .amount(Money(euros: 150)))))
        #expect(euros(result.year(2026)) == ["GM0001": 378, "GM0002": 283, "GM0003": 189, "GM0004": 150])
        #expect(result.year(2026)?.components[0].regions.map(\.limitedBy) == [nil, nil, nil, .floor])
    }

    @Test func capPerInhabitantThatCannotHoldIsReported() throws {
        // EUR 7.75 per inhabitant: caps 310, 232.5 -> 232, 155, 77.5 -> 77; together 774 < 1,000.
        let measure = byInhabitants([2026: 1_000], limits: Limits(cap: .per(Money(cents: 775), indicator: "inhabitants")))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: the caps allow only EUR 774 of the EUR 1,000 to distribute")
    }

    @Test func floorsAboveTheBudgetAreReported() throws {
        let measure = byInhabitants([2026: 1_000], limits: Limits(floor: .amount(Money(euros: 300))))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: the floors need EUR 1,200 but only EUR 1,000 is distributed")
    }

    @Test func floorAndCapBindingInTheSameYear() throws {
        // Floor 150 and cap 310 (found by the property test): D 100 -> 150 and A 400 -> 310
        // together. The net 90 - 50 = 40 over B and C by 30:20 would give B 324 > 310, so B
        // is held at its cap as well and C takes the rest: 1,000 - 310 - 310 - 150 = 230.
        let limits = Limits(floor: .amount(Money(euros: 150)), cap: .amount(Money(euros: 310)))
        let year = try #require(try Allocator(table: fourRegions()).allocate(byInhabitants([2026: 1_000], limits: limits)).year(2026))
        #expect(euros(year) == ["GM0001": 310, "GM0002": 310, "GM0003": 230, "GM0004": 150])
        #expect(year.components[0].regions.map(\.limitedBy) == [.cap, .cap, nil, .floor])
    }

    @Test func floorAboveCapIsReportedForTheRegion() throws {
        let measure = byInhabitants([2026: 1_000], limits: Limits(floor: .amount(Money(euros: 200)), cap: .perRegion([
            "GM0001": Money(euros: 500), "GM0002": Money(euros: 500), "GM0003": Money(euros: 500), "GM0004": Money(euros: 150),
        ])))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: region GM0004 must get at least EUR 200 but at most EUR 150")
    }

    @Test func transitionLimitAgainstThePreviousYear() throws {
        // 2026: 400/300/200/100. 2027 budget 1,200 would give 480/360/240/120; change at most
        // EUR 50: caps 450/350/250/150. Round 1: A -> 450, B -> 350, excess 40 over C, D by
        // 20:10: C 266.667, D 133.333. Round 2: C -> 250, excess 16.667 to D: 150.
        let limits = Limits(transition: TransitionLimit(maximumChange: .amount(Money(euros: 50)), reference: .previousYear))
        let result = try Allocator(table: fourRegions()).allocate(byInhabitants([2026: 1_000, 2027: 1_200], limits: limits))
        #expect(euros(result.year(2026)) == ["GM0001": 400, "GM0002": 300, "GM0003": 200, "GM0004": 100])
        #expect(euros(result.year(2027)) == ["GM0001": 450, "GM0002": 350, "GM0003": 250, "GM0004": 150])
    }

    @Test func transitionLimitAsAFractionOfAGivenReference() throws {
        // Reference 250 each, change at most 20%: bounds [200, 300]. Unlimited 400/300/200/100:
        // A -> 300 (cap), D -> 200 (floor); difference 1,000 - 300 - 300 - 200 - 200 = 0, so
        // B and C stay exactly on their bounds.
        let reference = ["GM0001", "GM0002", "GM0003", "GM0004"].reduce(into: [String: Money]()) { $0[$1] = Money(euros: 250) }
        let limits = Limits(transition: TransitionLimit(maximumChange: .fraction(percent(20)), reference: .allocation(reference)))
        let result = try Allocator(table: fourRegions()).allocate(byInhabitants([2026: 1_000], limits: limits))
        #expect(euros(result.year(2026)) == ["GM0001": 300, "GM0002": 300, "GM0003": 200, "GM0004": 200])
        let limited = try #require(result.year(2026)).components[0].regions.map(\.limitedBy)
        #expect(limited.first == .cap)
        #expect(limited.last == .floor)
    }

    @Test func referenceMissingARegionIsAnError() throws {
        let limits = Limits(transition: TransitionLimit(maximumChange: .amount(Money(euros: 10)), reference: .allocation(["GM0001": Money(euros: 1)])))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(byInhabitants([2026: 1_000], limits: limits)) }
            == "measure 'test': the transition reference gives no amount for region GM0002; give one for every region")
    }

    @Test func unknownIndicatorInACapSuggestsTheNearestName() throws {
        let measure = byInhabitants([2026: 1_000], limits: Limits(cap: .per(Money(euros: 1), indicator: "inhabitant")))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the cap uses unknown indicator 'inhabitant'; did you mean 'inhabitants'?")
    }
}
