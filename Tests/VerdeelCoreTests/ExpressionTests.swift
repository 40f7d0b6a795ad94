import Numerics
import Testing
import VerdeelCore

/// Criterion expressions evaluated for all regions at once.
struct ExpressionTests {
    let table: RegionTable

    init() throws {
        let districts = try DistrictTable(
            districts: [
                District(code: "WK01", name: "", regionCode: "GM0001"), District(code: "WK02", name: "", regionCode: "GM0001"),
                District(code: "WK03", name: "", regionCode: "GM0002"),
            ],
            indicators: ["inhabitants": [30, 10, 30], "score": [-0.5, 0.2, -0.1]], missingAsZero: true)
        table = try RegionTable(
            regions: [Region(code: "GM0002", name: "B"), Region(code: "GM0001", name: "A"), Region(code: "GM0003", name: "C")],
            indicators: ["inhabitants": [30, 40, 20], "score": [0.1, -0.3, 0.25]], districts: districts)
    }

    @Test func rowsAreInRegionCodeOrder() {
        #expect(table.regions.map(\.code) == ["GM0001", "GM0002", "GM0003"])
        #expect(table.indicators["inhabitants"] == [40, 30, 20])
    }

    @Test func needBelowTheHighestScore() throws {
        // c = 0.25: 40 * 0.55 = 22, 30 * 0.15 = 4.5, 20 * 0 = 0.
        let need = Expression.binary(.multiply, .indicator("inhabitants"),
            .call(.max, [.number(0), .binary(.subtract, .aggregate(.highest, .indicator("score")), .indicator("score"))]))
        let values = try need.evaluate(over: table)
        #expect(values[0].isApproximatelyEqual(to: 22))
        #expect(values[1].isApproximatelyEqual(to: 4.5))
        #expect(values[2] == 0)
    }

    @Test func functionsAndComparisons() throws {
        #expect(try Expression.call(.clamp, [.indicator("inhabitants"), .number(25), .number(35)]).evaluate(over: table) == [35, 30, 25])
        #expect(try Expression.binary(.less, .indicator("score"), .number(0)).evaluate(over: table) == [1, 0, 0])
        #expect(try Expression.call(.ifElse, [.binary(.greaterOrEqual, .indicator("inhabitants"), .number(30)), .number(1), .number(2)]).evaluate(over: table) == [1, 1, 2])
        #expect(try Expression.call(.sqrt, [.number(16)]).evaluate(over: table) == [4, 4, 4])
        #expect(try Expression.aggregate(.total, .indicator("inhabitants")).evaluate(over: table) == [90, 90, 90])
        #expect(try Expression.aggregate(.mean, .indicator("inhabitants")).evaluate(over: table) == [30, 30, 30])
        #expect(try Expression.binary(.power, .number(2), .number(10)).evaluate(over: table) == [1024, 1024, 1024])
        #expect(try Expression.call(.log, [.call(.exp, [.number(2)])]).evaluate(over: table)[0].isApproximatelyEqual(to: 2))
    }

    @Test func normalCDFMatchesTabulatedValues() throws {
        // Standard normal table: Phi(0) = 0.5, Phi(1.96) = 0.9750021, Phi(-1) = 0.1586553.
        #expect(try Expression.call(.normalCDF, [.number(0)]).evaluate(over: table)[0] == 0.5)
        #expect(try Expression.call(.normalCDF, [.number(1.96)]).evaluate(over: table)[0].isApproximatelyEqual(to: 0.9750021, absoluteTolerance: 1e-7))
        #expect(try Expression.call(.normalCDF, [.number(-1)]).evaluate(over: table)[0].isApproximatelyEqual(to: 0.1586553, absoluteTolerance: 1e-7))
    }

    @Test func inhabitantsInDistrictsBelowAThreshold() throws {
        // Districts with score < 0: WK01 (30, GM0001) and WK03 (30, GM0002); GM0003 has none
        // (missing_as_zero: it gets 0).
        let expression = Expression.sumOverDistricts(.binary(.multiply, .indicator("inhabitants"), .binary(.less, .indicator("score"), .number(0))))
        #expect(try expression.evaluate(over: table) == [30, 30, 0])
    }

    @Test func wrongArgumentCountIsAnError() throws {
        #expect(message { _ = try Expression.call(.clamp, [.number(1)]).evaluate(over: table) } == "clamp takes 3 arguments, got 1")
        #expect(message { _ = try Expression.call(.max, [.number(1)]).evaluate(over: table) } == "max takes at least 2 arguments, got 1")
        #expect(message { _ = try Expression.call(.exp, []).evaluate(over: table) } == "exp takes 1 argument, got 0")
    }

    @Test func districtSumNeedsDistrictsAndCannotNest() throws {
        let plain = try RegionTable(regions: [Region(code: "GM0001", name: "A")], indicators: ["x": [1]])
        #expect(message { _ = try Expression.sumOverDistricts(.number(1)).evaluate(over: plain) } == "sum_districts needs a district table, and none was given")
        #expect(message { _ = try Expression.sumOverDistricts(.sumOverDistricts(.number(1))).evaluate(over: table) } == "sum_districts cannot be used inside sum_districts")
    }

    @Test func tableRejectsDuplicateCodesAndStrayDistricts() {
        #expect(message { _ = try RegionTable(regions: [Region(code: "GM1", name: ""), Region(code: "GM1", name: "")], indicators: [:]) }
            == "region code GM1 occurs twice; each region must have one row")
        #expect(message {
            _ = try RegionTable(
                regions: [Region(code: "GM1", name: "")], indicators: [:],
                districts: DistrictTable(districts: [District(code: "WK9", name: "", regionCode: "GM9")], indicators: [:]))
        } == "district WK9 belongs to region GM9, which is not in the region table")
    }
}

/// Powers: a whole exponent works for any base; a fractional power of a negative number is
/// an error that names the region, never a silent NaN.
struct PowerTests {
    func twoRegions(_ name: String, _ values: [Double]) throws -> RegionTable {
        try RegionTable(regions: [Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B")], indicators: [name: values])
    }

    @Test func wholeExponentsOfNegativeNumbers() throws {
        let table = try twoRegions("score", [-0.5, 2])
        // (-0.5)^2 = 0.25, 2^2 = 4; (-0.5)^3 = -0.125, 2^3 = 8; (-0.5)^-1 = -2, 2^-1 = 0.5.
        let square = Expression.binary(.power, .indicator("score"), .number(2))
        #expect(try square.evaluate(over: table) == [0.25, 4])
        #expect(try Expression.binary(.power, .indicator("score"), .number(3)).evaluate(over: table) == [-0.125, 8])
        #expect(try Expression.binary(.power, .indicator("score"), .number(-1)).evaluate(over: table) == [-2, 0.5])
    }

    @Test func fractionalPowerOfANegativeNumberNamesTheRegion() throws {
        let table = try twoRegions("score", [-0.5, 2])
        let root = Expression.binary(.power, .indicator("score"), .number(0.5))
        #expect(throws: ExpressionError.fractionalPowerOfNegative(base: -0.5, exponent: 0.5, where: "region GM0001")) {
            try root.evaluate(over: table)
        }
        #expect(message { _ = try Criterion(name: "c", expression: root).values(over: table) }
            == "criterion 'c': (-0.5) ^ 0.5 for region GM0001 is not a real number: a negative number has no fractional power; use a whole exponent, or max(0, ...) around the base")
    }

    @Test func aCriterionWhoseTotalOverflowsIsNamed() throws {
        let huge = try twoRegions("x", [1.5e308, 1.5e308])
        #expect(message { _ = try Criterion.indicator("x").shares(over: huge) }
            == "the values of criterion 'x' add up to more than the largest number (about 1.8e308); divide the criterion by a constant")
    }
}
