import Numerics
import SocialeAgenda
import Testing
import VerdeelCore
import VerdeelTestSupport

/// The readings of docs/sociale-agenda.md as changeable values, and what the rules give where the
/// document's stated figures or its feasibility run out.
struct SocialeAgendaReadingTests {
    let table: RegionTable

    init() throws {
        table = try SocialeAgendaData.load(directory: dataDirectory)
    }

    @Test func supportBudget2027FollowsTheRuleNotTheStatedFigure() throws {
        // The document states EUR 550,000 for 2027; 5% of 4M + 5% of 9M is 200,000 + 450,000 = 650,000.
        // 2026: 5% of 3M + 5% of 7M = 150,000 + 350,000 = 500,000, as stated.
        let results = try Allocator(table: table).allocate(SocialeAgenda.baseline())
        func support(_ year: Int) -> Money {
            results.filter { $0.measure != SocialeAgenda.meetingPlaces }
                .compactMap { $0.year(year) }.flatMap(\.topslices).map(\.amount).sum()
        }
        #expect(support(2026) == Money(euros: 500_000))
        #expect(support(2027) == Money(euros: 650_000))
    }

    @Test func infeasibleBaseYearStopsUnderPolicyError() throws {
        // A 2026 budget of 2.5M leaves 2,375,000 after 5%, less than 13 x 200,000 = 2,600,000.
        var measure = SocialeAgenda.districtSupportMeasure(SocialeAgendaReadings())
        measure.budgets[2026] = Money(euros: 2_500_000)
        #expect(throws: AllocationError.infeasibleBase(
            measure: SocialeAgenda.districtSupport, component: nil, year: 2026,
            required: Money(euros: 2_600_000), available: Money(euros: 2_375_000))
        ) { try Allocator(table: table).allocate(measure) }
    }

    @Test func infeasibleBaseYearScalesUnderPolicyScale() throws {
        // Scaled: 2,375,000 / 13 = 182,692.31 each; floors give 2,374,996 and the four euros
        // left (all remainders equal) go to the four lowest codes.
        var readings = SocialeAgendaReadings()
        readings.baseInfeasibility = .scale
        var measure = SocialeAgenda.districtSupportMeasure(readings)
        measure.budgets[2026] = Money(euros: 2_500_000)
        let year = try #require(try Allocator(table: table).allocate(measure).year(2026))
        var expected = [String: Int64]()
        for region in table.regions { expected[region.code] = 182_692 }
        for code in ["GM0014", "GM0037", "GM0047", "GM0765"] { expected[code] = 182_693 }
        #expect(euros(year) == expected)
        #expect(year.warnings.count == 1)
        #expect(year.warnings.first?.english.contains("EUR 2,600,000 but only EUR 2,375,000") == true)
    }

    @Test func horizonIsAReading() throws {
        var readings = SocialeAgendaReadings()
        readings.horizon = 2026...2029
        let measures = SocialeAgenda.baseline(readings)
        #expect(measures.map { $0.budgets.keys.sorted() } == Array(repeating: [2026, 2027, 2028, 2029], count: 3))
        #expect(measures[0].budgets.values.sum() == Money(euros: 70_000_000))
    }

    @Test func nationalReferenceNeedTransform() throws {
        // c = 0: need = inhabitants * max(0, -score). Groningen (0.084), Veendam (0.112) and
        // Westerwolde (0.026) score above 0, so their need is 0.
        var readings = SocialeAgendaReadings()
        readings.need = .belowReference(0)
        let values = try readings.need.criterion.values(over: table)
        let zero = table.regions.indices.filter { values[$0] == 0 }.map { table.regions[$0].code }
        #expect(zero == ["GM0014", "GM0047", "GM1950"])
        // Tynaarlo: 34,736 * 0.407 = 14,137.552.
        let tynaarlo = try #require(table.index(of: "GM1730"))
        #expect(values[tynaarlo].isApproximatelyEqual(to: 14_137.552, relativeTolerance: 1e-10))
    }

    @Test func areaReadingCanBeTotalArea() throws {
        var readings = SocialeAgendaReadings()
        readings.areaIndicator = Indicators.totalArea
        let year = try #require(try Allocator(table: table).allocate(SocialeAgenda.meetingPlacesMeasure(readings)).year(2026))
        // Het Hogeland's 903.08 km2 total area (with Wadden water) raises its share above the
        // land-area baseline's 1,160,121.
        #expect((euros(year)["GM1966"] ?? 0) > 1_160_121)
        #expect(year.distributed == Money(euros: 10_000_000))
    }
}
