import VerdeelCore

/// The three liveability measures of the Sociale Agenda of Groningen and Noord-Drenthe as
/// the source document states them (docs/sociale-agenda.md), built with the core's API.
public enum SocialeAgenda {
    /// Measure names as the document writes them.
    public static let meetingPlaces = "Ontmoetingsplekken"
    public static let districtSupport = "Wijk- en dorpsondersteuning"
    public static let youthWork = "Jongerenwerk, opbouwwerk, buurtsport- en cultuurcoaches"

    /// The baseline's three measures under the given readings.
    public static func baseline(_ readings: SocialeAgendaReadings = SocialeAgendaReadings()) -> [Measure] {
        [meetingPlacesMeasure(readings), districtSupportMeasure(readings), youthWorkMeasure(readings)]
    }

    /// 138M over 2026-2032 by inhabitants 50% and land area 50%; at least 10% of every
    /// municipality's amount for meeting places for young people.
    public static func meetingPlacesMeasure(_ readings: SocialeAgendaReadings) -> Measure {
        let stated: [Int: Int64] = [2026: 10_000_000, 2027: 10_000_000, 2028: 20_000_000, 2029: 30_000_000, 2030: 30_000_000, 2031: 30_000_000, 2032: 8_000_000]
        return Measure(
            name: meetingPlaces,
            budgets: budgets(stated, within: readings.horizon),
            key: Key([
                .init(.indicator(Indicators.inhabitants), percent(50)),
                .init(.indicator(readings.areaIndicator), percent(50)),
            ]),
            earmarks: [Earmark(purpose: "ontmoetingsplekken voor jongeren", minimum: percent(10))],
            rounding: readings.rounding)
    }

    /// 3M, 4M, then 6.5M a year; 5% for support; EUR 200,000 base; the rest by inhabitants.
    public static func districtSupportMeasure(_ readings: SocialeAgendaReadings) -> Measure {
        Measure(
            name: districtSupport,
            budgets: budgets(first: 3_000_000, second: 4_000_000, thereafter: 6_500_000, horizon: readings.horizon),
            topslices: [Topslice(name: "ondersteuning", .fraction(readings.supportTopslice))],
            base: Base(.uniform(readings.districtSupportBase), ifInfeasible: readings.baseInfeasibility),
            key: Key([.init(.indicator(Indicators.inhabitants), .one)]),
            rounding: readings.rounding)
    }

    /// 7M, 9M, then 9.4M a year; 5% for support; inhabitants 20%, need 80%; split
    /// 2M : 2M : 5.4M over cultuurcoaches, buurtsportcoaches, jongerenwerk en opbouwwerk.
    public static func youthWorkMeasure(_ readings: SocialeAgendaReadings) -> Measure {
        Measure(
            name: youthWork,
            budgets: budgets(first: 7_000_000, second: 9_000_000, thereafter: 9_400_000, horizon: readings.horizon),
            topslices: [Topslice(name: "ondersteuning", .fraction(readings.supportTopslice))],
            key: Key([
                .init(.indicator(Indicators.inhabitants), percent(20)),
                .init(readings.need.criterion, percent(80)),
            ]),
            components: [
                Component(name: "cultuurcoaches", .proportionalAmount(Money(euros: 2_000_000))),
                Component(name: "buurtsportcoaches", .proportionalAmount(Money(euros: 2_000_000))),
                Component(name: "jongerenwerk en opbouwwerk", .proportionalAmount(Money(euros: 5_400_000))),
            ],
            rounding: readings.rounding)
    }

    private static func percent(_ value: Int64) -> Fraction {
        Fraction(percent: value) ?? .zero
    }

    private static func budgets(_ stated: [Int: Int64], within horizon: ClosedRange<Int>) -> [Int: Money] {
        stated.filter { horizon.contains($0.key) }.mapValues { Money(euros: $0) }
    }

    private static func budgets(first: Int64, second: Int64, thereafter: Int64, horizon: ClosedRange<Int>) -> [Int: Money] {
        var result = [Int: Money]()
        for year in horizon where year >= 2026 {
            result[year] = Money(euros: year == 2026 ? first : year == 2027 ? second : thereafter)
        }
        return result
    }
}
