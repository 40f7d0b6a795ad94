import Testing
import VerdeelCore
import VerdeelTestSupport

/// Limits that miss the pool by a single unit of a large pool: the bounds are whole units,
/// so the check is exact and the answer is an error, never a hang or a silent overrun.
struct LimitEdgeTests {
    @Test func floorsOneEuroAboveAPoolOfAThousandMillion() {
        // Four floors of 250,000,000 need 1,000,000,000; the pool is 999,999,999.
        let measure = byInhabitants([2026: 999_999_999], limits: Limits(floor: .amount(Money(euros: 250_000_000))))
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: the floors need EUR 1,000,000,000 but only EUR 999,999,999 is distributed")
    }

    @Test func capsOneCentBelowAPoolOfTenMillionEuros() {
        // Cent rounding: 1,000,000,001 cents to share, four caps of 250,000,000 cents.
        let measure = Measure(
            name: "test", budgets: [2026: Money(cents: 1_000_000_001)], key: Key([.init(.indicator("inhabitants"), .one)]),
            limits: Limits(cap: .amount(Money(cents: 250_000_000))), rounding: .cent)
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: the caps allow only EUR 10,000,000 of the EUR 10,000,000.01 to distribute")
    }

    @Test func floorsThatExactlyFillALargePoolHold() throws {
        // Four floors of 250,000,000 fill 1,000,000,000 exactly: every region gets its floor.
        let measure = byInhabitants([2026: 1_000_000_000], limits: Limits(floor: .amount(Money(euros: 250_000_000))))
        let year = try Allocator(table: fourRegions()).allocate(measure).year(2026)
        #expect(euros(year) == ["GM0001": 250_000_000, "GM0002": 250_000_000, "GM0003": 250_000_000, "GM0004": 250_000_000])
    }
}

/// Limits that can never bind are recognised, so they cost nothing in a Monte Carlo run.
struct InertLimitTests {
    @Test func aFloorOfZeroCanNeverBind() {
        #expect(Limits().canNeverBind)
        #expect(Limits(floor: .amount(.zero)).canNeverBind)
        #expect(Limits(floor: .per(.zero, indicator: "inhabitants")).canNeverBind)
        #expect(!Limits(floor: .amount(Money(cents: 1))).canNeverBind)
        #expect(!Limits(cap: .amount(Money(euros: 1_000_000_000))).canNeverBind)
    }
}

/// A floor per inhabitant over an enormous indicator value: an error with the amount in
/// scientific notation, never a trap while the message is written.
struct HugeBoundTests {
    @Test func aFloorPerInhabitantOfAHugeIndicator() throws {
        let table = try RegionTable(
            regions: [Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B")], indicators: ["inhabitants": [1e300, 10]])
        let measure = byInhabitants([2026: 1_000], limits: Limits(floor: .per(Money(cents: 250), indicator: "inhabitants")))
        // 2.50 x 1e300 = 2.5e300 euros (rounded up to whole euros) plus 25 for B.
        #expect(message { _ = try Allocator(table: table).allocate(measure) }
            == "measure 'test', 2026: the limits cannot all hold: the floors need EUR 2.5e+300 but only EUR 1,000 is distributed")
    }
}

/// Ties go to the lowest region code on every path, also when a limit is present that does
/// not bind: scaled bases of 1,001 / 4 = 250.25 each leave one euro, whatever the key.
struct TieWithLimitsTests {
    @Test func scaledBasesWithAFloorThatDoesNotBind() throws {
        let table = try RegionTable(
            regions: (1...4).map { Region(code: "GM000\($0)", name: "\($0)") }, indicators: ["inhabitants": [10, 20, 30, 40]])
        for limits in [Limits(), Limits(floor: .amount(Money(euros: 1))), Limits(cap: .amount(Money(euros: 1_000)))] {
            var measure = byInhabitants([2026: 1_001], limits: limits)
            measure.base = Base(.uniform(Money(euros: 300)), ifInfeasible: .scale)
            let year = try Allocator(table: table).allocate(measure).year(2026)
            #expect(euros(year) == ["GM0001": 251, "GM0002": 250, "GM0003": 250, "GM0004": 250], "\(limits)")
        }
    }
}
