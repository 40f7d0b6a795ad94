import Testing
import VerdeelCore
import VerdeelTestSupport

/// Ties that only exact arithmetic sees. 42 euros by 46 : 15 : 23 inhabitants is exactly
/// 23, 7.5 and 11.5: one euro is left and B and C tie on one half, so B (the lower code)
/// gets it. In double precision C's amount is 11.500000000000002 and B's 7.5, so deciding on
/// doubles gave the euro to C.
struct ExactTieTests {
    func regions(_ inhabitants: [Double], floorUnits: [Double]? = nil) throws -> RegionTable {
        var indicators = ["inhabitants": inhabitants]
        if let floorUnits { indicators["floor_units"] = floorUnits }
        return try RegionTable(
            regions: inhabitants.indices.map { Region(code: "GM000\($0 + 1)", name: "\($0 + 1)") }, indicators: indicators)
    }

    @Test func halvesThatDoublesSeeAsDifferent() throws {
        let year = try Allocator(table: regions([46, 15, 23])).allocate(byInhabitants([2026: 42])).year(2026)
        #expect(euros(year) == ["GM0001": 23, "GM0002": 8, "GM0003": 11])
    }

    /// 18 euros by 29 : 52 : 45 is 4 1/7, 7 3/7 and 6 3/7 (doubles: ...428571428 and
    /// ...428571429): the one euro left goes to B.
    @Test func sevenths() throws {
        let year = try Allocator(table: regions([29, 52, 45])).allocate(byInhabitants([2026: 18])).year(2026)
        #expect(euros(year) == ["GM0001": 4, "GM0002": 8, "GM0003": 6])
    }

    /// The same tie after redistribution: D's floor of 18 holds it above its 60 x 16/100 =
    /// 9.6, and the 42 left go to A, B, C by 46 : 15 : 23, so 23, 7.5 and 11.5 again.
    @Test func aTieAfterAFloorRedistributes() throws {
        let table = try regions([46, 15, 23, 16], floorUnits: [0, 0, 0, 18])
        let measure = byInhabitants([2026: 60], limits: Limits(floor: .per(Money(euros: 1), indicator: "floor_units")))
        let year = try Allocator(table: table).allocate(measure).year(2026)
        #expect(euros(year) == ["GM0001": 23, "GM0002": 8, "GM0003": 11, "GM0004": 18])
        #expect(year?.components.first?.regions.map(\.limitedBy) == [nil, nil, nil, .floor])
    }

    /// The exact pool on its own: bases scaled (3 x 5 cents of base for a pool of 10 cents
    /// gives 3 1/3 each: one cent left, to A), and a floor with a cap in the same year.
    @Test func exactPoolScalesBasesAndHoldsBounds() throws {
        let key = ExactKey([ExactKey.Term(weight: .one, values: [1, 1, 2])])
        let scaled = ExactPool.round(total: 10, baseCents: [5, 5, 5], unitCents: 1, key: key, bounds: nil, regions: 3)
        #expect(scaled?.units == [4, 3, 3])
        // 100 units by 1 : 1 : 2 is 25, 25, 50; C capped at 40 and A held at a floor of 31:
        // B takes the rest, 29.
        let bounds = ExactPool.Bounds(lower: [31, 0, 0], upper: [100, 100, 40])
        let held = ExactPool.round(total: 100, baseCents: nil, unitCents: 1, key: key, bounds: bounds, regions: 3)
        #expect(held?.units == [31, 29, 40])
        #expect(held?.limitedBy == [.floor, nil, .cap])
        // Weights 1/3 and 2/3 of two criteria, exactly: 9 units by (1/3)(1, 2) + (2/3)(2, 1)
        // is (1/3)(3) + (2/3)(6) = 5 and 4.
        let two = ExactKey([
            ExactKey.Term(weight: Rational(try #require(Fraction(1, 3))), values: [1, 2]),
            ExactKey.Term(weight: Rational(try #require(Fraction(2, 3))), values: [2, 1]),
        ])
        #expect(ExactPool.round(total: 9, baseCents: nil, unitCents: 1, key: two, bounds: nil, regions: 2)?.units == [5, 4])
    }

    /// A double is an exact binary fraction: 0.1 is 3602879701896397 / 2^55.
    @Test func rationalOfADouble() throws {
        let tenth = try #require(Rational(exactly: 0.1))
        #expect(tenth.isEqual(to: try #require(Rational(3_602_879_701_896_397, 36_028_797_018_963_968))))
        #expect(!tenth.isEqual(to: Rational(try #require(Fraction(1, 10)))))
        #expect(Rational(exactly: .infinity) == nil)
        #expect(try #require(Rational(exactly: 0x1p-1074)).denominator.bitWidth > 1_000)
    }

    /// The margin of a decision: the smallest remainder given a unit minus the largest not.
    @Test func marginOfARoundingDecision() throws {
        let rounded = try #require(LargestRemainder.round([1.75, 2.5, 0.75], total: 6))
        #expect(rounded.units == [2, 3, 1])
        #expect(rounded.margin == 1 + 0.5 - 0.75)
        let one = try #require(LargestRemainder.round([1.75, 2.5, 0.75], total: 5))
        #expect(one.units == [2, 2, 1])
        #expect(one.margin == 0.75 - 0.5)
        #expect(LargestRemainder.isCloseCall(margin: 0, scale: 1, terms: 10))
        #expect(!LargestRemainder.isCloseCall(margin: 0.001, scale: 1_000, terms: 10))
    }
}
