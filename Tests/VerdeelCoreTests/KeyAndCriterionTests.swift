import Testing
import VerdeelCore
import VerdeelTestSupport

/// Keys and criteria (docs/allocation-rules.md, step 4): exact 100%, and errors that name the
/// criterion and the region.
struct KeyAndCriterionTests {
    @Test func keyMustSumToExactly100Percent() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.key = Key([.init(.indicator("inhabitants"), percent(50)), .init(.indicator("area"), percent(40))])
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the key's weights sum to 90%, not 100%; change the weights so that they add up to 100%")
    }

    @Test func thirdsSumToExactly100Percent() throws {
        // 1/3 inhabitants + 1/3 area + 1/3 area-twice is exactly 100%; 900 euros:
        // 300 * (0.4, 0.3, 0.2, 0.1) + 600 * 0.25 = 270, 240, 210, 180.
        let third = try #require(Fraction(1, 3))
        var measure = byInhabitants([2026: 900])
        measure.key = Key([
            .init(.indicator("inhabitants"), third), .init(.indicator("area"), third),
            .init(Criterion(name: "area2", expression: .binary(.multiply, .number(2), .indicator("area"))), third),
        ])
        #expect(euros(try Allocator(table: fourRegions()).allocate(measure).year(2026))
            == ["GM0001": 270, "GM0002": 240, "GM0003": 210, "GM0004": 180])
    }

    @Test func criterionThatSumsToZeroIsAnError() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.key = Key([.init(Criterion(name: "nobody", expression: .binary(.multiply, .number(0), .indicator("inhabitants"))), .one)])
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': criterion 'nobody' is 0 for every region, so it cannot share a budget")
    }

    @Test func negativeCriterionNamesTheRegion() throws {
        let criterion = Criterion(name: "gap", expression: .binary(.subtract, .indicator("inhabitants"), .number(15)))
        #expect(message { _ = try criterion.values(over: fourRegions()) }
            == "criterion 'gap' is negative (-5.0) for region GM0004; a criterion must be >= 0 (wrap it in max(0, ...) if that is what you mean)")
    }

    @Test func nonFiniteCriterionNamesTheRegion() throws {
        let table = try RegionTable(regions: [Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B")], indicators: ["x": [1, 0]])
        let criterion = Criterion(name: "inverse", expression: .binary(.divide, .number(1), .indicator("x")))
        #expect(message { _ = try criterion.values(over: table) }
            == "criterion 'inverse' is inf for region GM0002; it must be a finite number (check for division by zero or log of 0)")
    }

    @Test func unknownIndicatorSuggestsTheNearestName() throws {
        #expect(message { _ = try Criterion.indicator("inhabitans").values(over: fourRegions()) }
            == "criterion 'inhabitans': unknown region indicator 'inhabitans'; did you mean 'inhabitants'?")
    }

    @Test func duplicateAndEmptyKeys() throws {
        var measure = byInhabitants([2026: 1_000])
        measure.key = Key([.init(.indicator("area"), percent(50)), .init(.indicator("area"), percent(50))])
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': criterion 'area' appears twice in the key; give it once with the combined weight")
        measure.key = Key([])
        #expect(message { _ = try Allocator(table: fourRegions()).allocate(measure) }
            == "measure 'test': the key has no criteria; give at least one criterion with weight 100%")
    }
}
