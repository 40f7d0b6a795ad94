import SocialeAgenda
import Testing
import VerdeelCore
import VerdeelTestSupport

/// The baseline of docs/sociale-agenda.md on the bundled CBS data. Expected amounts come from
/// `Reference/sociale_agenda_reference.py`: exact rational arithmetic written from the
/// documented formulas, independent of verdeel's code. Spot checks by hand are in comments
/// (sum of inhabitants of the 13 municipalities: 693,614).
struct SocialeAgendaBaselineTests {
    let allocations: [MeasureAllocation]

    init() throws {
        let table = try SocialeAgendaData.load(directory: dataDirectory)
        allocations = try Allocator(table: table).allocate(SocialeAgenda.baseline())
    }

    func year(_ measure: String, _ year: Int) -> YearAllocation? {
        allocations.first { $0.measure == measure }?.year(year)
    }

    @Test func meetingPlaces2026() {
        #expect(euros(year(SocialeAgenda.meetingPlaces, 2026)) == [
            "GM0014": 2_073_424, "GM0037": 431_243, "GM0047": 327_786, "GM0765": 173_808, "GM1680": 656_787,
            "GM1699": 567_579, "GM1730": 493_905, "GM1895": 670_192, "GM1950": 660_762, "GM1952": 916_549,
            "GM1966": 1_160_121, "GM1969": 1_085_829, "GM1979": 782_015,
        ])
    }

    @Test func meetingPlaces2028() {
        #expect(euros(year(SocialeAgenda.meetingPlaces, 2028)) == [
            "GM0014": 4_146_848, "GM0037": 862_485, "GM0047": 655_573, "GM0765": 347_615, "GM1680": 1_313_574,
            "GM1699": 1_135_158, "GM1730": 987_809, "GM1895": 1_340_384, "GM1950": 1_321_524, "GM1952": 1_833_097,
            "GM1966": 2_320_243, "GM1969": 2_171_659, "GM1979": 1_564_031,
        ])
    }

    @Test func meetingPlacesEarmarkIsTenPercentRoundedUp() throws {
        // Groningen 2026: 10% of 2,073,424 = 207,342.4, rounded up to 207,343.
        let allocation = try #require(year(SocialeAgenda.meetingPlaces, 2026))
        let groningen = try #require(allocation.earmarks.first { $0.region == "GM0014" })
        #expect(groningen.purpose == "ontmoetingsplekken voor jongeren")
        #expect(groningen.minimum == Money(euros: 207_343))
        #expect(allocation.earmarks.count == 13)
    }

    @Test func meetingPlacesTotal138Million() {
        let measure = allocations.first { $0.measure == SocialeAgenda.meetingPlaces }
        #expect(measure?.years.map(\.budget).sum() == Money(euros: 138_000_000))
        #expect(measure?.years.map(\.year) == Array(2026...2032))
    }

    @Test func districtSupport2026() {
        // 3M - 5% = 2,850,000; 13 x 200,000 = 2,600,000; 250,000 by inhabitants.
        // Groningen: 200,000 + 250,000 * 243,768 / 693,614 = 287,861.55 -> 287,862.
        #expect(euros(year(SocialeAgenda.districtSupport, 2026)) == [
            "GM0014": 287_862, "GM0037": 211_538, "GM0047": 209_919, "GM0765": 204_511, "GM1680": 209_315,
            "GM1699": 211_421, "GM1730": 212_520, "GM1895": 214_203, "GM1950": 209_539, "GM1952": 222_142,
            "GM1966": 217_381, "GM1969": 223_391, "GM1979": 216_258,
        ])
        #expect(year(SocialeAgenda.districtSupport, 2026)?.topslices == [TopsliceAmount(name: "ondersteuning", amount: Money(euros: 150_000))])
    }

    @Test func districtSupport2028() {
        // 6.5M - 325,000 = 6,175,000; remainder 3,575,000 by inhabitants.
        #expect(euros(year(SocialeAgenda.districtSupport, 2028)) == [
            "GM0014": 1_456_420, "GM0037": 365_000, "GM0047": 341_842, "GM0765": 264_515, "GM1680": 333_209,
            "GM1699": 363_315, "GM1730": 379_035, "GM1895": 403_100, "GM1950": 336_405, "GM1952": 516_636,
            "GM1966": 448_554, "GM1969": 534_485, "GM1979": 432_484,
        ])
    }

    @Test func youthWork2026ComponentsSplitTwoTwoFivePointFour() throws {
        // 7M - 350,000 = 6,650,000 split 2 : 2 : 5.4: exact 1,414,893.617 / 1,414,893.617 /
        // 3,820,212.766; the two leftover euros go to the largest remainder (.766) and, on
        // the tie between the first two, to the component declared first.
        let allocation = try #require(year(SocialeAgenda.youthWork, 2026))
        #expect(allocation.components.map(\.distributed) == [Money(euros: 1_414_894), Money(euros: 1_414_893), Money(euros: 3_820_213)])
        #expect(allocation.topslices.map(\.amount) == [Money(euros: 350_000)])
    }

    @Test func youthWork2026() {
        let allocation = year(SocialeAgenda.youthWork, 2026)
        #expect(euros(allocation, component: "cultuurcoaches") == [
            "GM0014": 167_503, "GM0037": 82_641, "GM0047": 11_228, "GM0765": 23_577, "GM1680": 102_020,
            "GM1699": 72_951, "GM1730": 193_913, "GM1895": 114_688, "GM1950": 33_489, "GM1952": 185_537,
            "GM1966": 175_934, "GM1969": 161_057, "GM1979": 90_356,
        ])
        #expect(euros(allocation, component: "buurtsportcoaches") == [
            "GM0014": 167_503, "GM0037": 82_641, "GM0047": 11_228, "GM0765": 23_576, "GM1680": 102_020,
            "GM1699": 72_951, "GM1730": 193_913, "GM1895": 114_688, "GM1950": 33_489, "GM1952": 185_537,
            "GM1966": 175_934, "GM1969": 161_057, "GM1979": 90_356,
        ])
        #expect(euros(allocation, component: "jongerenwerk en opbouwwerk") == [
            "GM0014": 452_258, "GM0037": 223_130, "GM0047": 30_314, "GM0765": 63_657, "GM1680": 275_454,
            "GM1699": 196_967, "GM1730": 523_566, "GM1895": 309_657, "GM1950": 90_420, "GM1952": 500_951,
            "GM1966": 475_023, "GM1969": 434_854, "GM1979": 243_962,
        ])
    }

    @Test func youthWork2028() throws {
        // 9.4M - 470,000 = 8,930,000 = 1,900,000 + 1,900,000 + 5,130,000 exactly.
        let allocation = try #require(year(SocialeAgenda.youthWork, 2028))
        #expect(allocation.components.map(\.distributed) == [Money(euros: 1_900_000), Money(euros: 1_900_000), Money(euros: 5_130_000)])
        let coaches: [String: Int64] = [
            "GM0014": 224_933, "GM0037": 110_974, "GM0047": 15_077, "GM0765": 31_660, "GM1680": 136_998,
            "GM1699": 97_963, "GM1730": 260_398, "GM1895": 154_009, "GM1950": 44_971, "GM1952": 249_150,
            "GM1966": 236_255, "GM1969": 216_276, "GM1979": 121_336,
        ]
        #expect(euros(allocation, component: "cultuurcoaches") == coaches)
        #expect(euros(allocation, component: "buurtsportcoaches") == coaches)
        #expect(euros(allocation, component: "jongerenwerk en opbouwwerk") == [
            "GM0014": 607_318, "GM0037": 299_631, "GM0047": 40_708, "GM0765": 85_482, "GM1680": 369_896,
            "GM1699": 264_499, "GM1730": 703_074, "GM1895": 415_825, "GM1950": 121_422, "GM1952": 672_705,
            "GM1966": 637_888, "GM1969": 583_946, "GM1979": 327_606,
        ])
    }

    @Test func bestOffMunicipalityGetsOnlyItsInhabitantsShareOfYouthWork() throws {
        // Veendam (GM0047) has the highest synthetic SES-WOA score (0.112), so its need is 0:
        // jongerenwerk 2028 gives it 20% * 5,130,000 * 27,520 / 693,614 = 40,708.3 -> 40,708.
        let allocation = try #require(year(SocialeAgenda.youthWork, 2028))
        #expect(euros(allocation, component: "jongerenwerk en opbouwwerk")["GM0047"] == 40_708)
    }

    @Test func everyMeasureAndYearAddsUpToItsBudget() {
        for measure in allocations {
            for year in measure.years {
                #expect(year.distributed + year.topslices.map(\.amount).sum() == year.budget, "\(measure.measure) \(year.year)")
            }
        }
    }
}
