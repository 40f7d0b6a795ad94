import Numerics
import Testing
import VerdeelCore

/// The parts of the amounts (base, each key criterion, limits, rounding), worked by hand on
/// four regions with 40/30/20/10 inhabitants and area 1 each.
struct AmountSourceTests {
    func parts(_ measure: Measure) throws -> [AmountSource] {
        let allocator = Allocator(table: try fourRegions())
        let allocation = try allocator.allocate(measure)
        return try #require(try allocator.sources(of: measure, allocation: allocation).first).sources
    }

    func expectClose(_ values: [Double], _ expected: [Double], _ comment: Comment? = nil) {
        #expect(values.count == expected.count, comment)
        for (value, wanted) in zip(values, expected) {
            #expect(value.isApproximatelyEqual(to: wanted, absoluteTolerance: 1e-9), comment)
        }
    }

    /// EUR 1,000, base 100 each, key 50% inhabitants and 50% area: R = 600, inhabitants 300 x
    /// (0.4, 0.3, 0.2, 0.1) = (120, 90, 60, 30), area 300 / 4 = 75 each; amounts 295, 265,
    /// 235, 205 are whole, so rounding adds nothing; no limit, no limits part.
    @Test func baseAndTwoCriteria() throws {
        let measure = Measure(
            name: "test", budgets: [2026: Money(euros: 1_000)], base: Base(.uniform(Money(euros: 100))),
            key: Key([.init(.indicator("inhabitants"), percent(50)), .init(.indicator("area"), percent(50))]))
        let sources = try parts(measure)
        #expect(sources.map(\.part) == [.base, .key, .key, .rounding])
        #expect(sources.map(\.criterion) == [nil, "inhabitants", "area", nil])
        expectClose(sources[0].euros, [100, 100, 100, 100])
        expectClose(sources[1].euros, [120, 90, 60, 30])
        expectClose(sources[2].euros, [75, 75, 75, 75])
        expectClose(sources[3].euros, [0, 0, 0, 0])
        #expect(sources[3].isBalanced && !sources[1].isBalanced)
    }

    /// Floor 150 by inhabitants (LimitTests): the key gives 400, 300, 200, 100; the floor
    /// lifts D to 150 and takes 50 from A, B, C by 40:30:20, so limits = (-200/9, -50/3,
    /// -100/9, 50); rounding to 378, 283, 189, 150 adds (2/9, -1/3, 1/9, 0).
    @Test func aFloorAndRounding() throws {
        let sources = try parts(byInhabitants([2026: 1_000], limits: Limits(floor: .amount(Money(euros: 150)))))
        #expect(sources.map(\.part) == [.key, .limits, .rounding])
        expectClose(sources[0].euros, [400, 300, 200, 100])
        expectClose(sources[1].euros, [-200.0 / 9, -50.0 / 3, -100.0 / 9, 50])
        expectClose(sources[2].euros, [2.0 / 9, -1.0 / 3, 1.0 / 9, 0])
    }

    /// Bases of 300 each over EUR 1,000 with policy scale: 250 each, nothing left for the key.
    @Test func scaledBasesLeaveTheKeyNothing() throws {
        let measure = Measure(
            name: "test", budgets: [2026: Money(euros: 1_000)], base: Base(.uniform(Money(euros: 300)), ifInfeasible: .scale),
            key: Key([.init(.indicator("inhabitants"), .one)]))
        let sources = try parts(measure)
        expectClose(sources[0].euros, [250, 250, 250, 250])
        expectClose(sources[1].euros, [0, 0, 0, 0])
    }

    /// Two components of 60% and 40% with their own keys: each pool's parts, in order.
    @Test func componentsHaveTheirOwnParts() throws {
        let measure = Measure(
            name: "test", budgets: [2026: Money(euros: 1_000)], key: Key([.init(.indicator("inhabitants"), .one)]),
            components: [Component(name: "a", .fraction(percent(60))), Component(name: "b", .fraction(percent(40)), key: Key([.init(.indicator("area"), .one)]))])
        let sources = try parts(measure)
        #expect(sources.map(\.component) == ["a", "a", "b", "b"])
        expectClose(sources[0].euros, [240, 180, 120, 60])
        expectClose(sources[2].euros, [100, 100, 100, 100])
    }
}
