import VerdeelCore

/// The choices the source document leaves open (docs/sociale-agenda.md), each a named value that a
/// caller can change; the defaults are the baseline's readings.
public struct SocialeAgendaReadings: Sendable {
    /// The years allocated. "Daarna" (thereafter) is read as through 2032.
    public var horizon: ClosedRange<Int> = 2026...2032
    /// The area criterion of the meeting places: land area, not water, in km2.
    public var areaIndicator = "land_area_km2"
    /// How "social problems on the basis of SES-WOA" becomes a criterion.
    public var need: NeedTransform = .belowHighestScore
    /// The top-slice for supporting the function (5% of the budget).
    public var supportTopslice = Fraction(1, 20) ?? .zero
    /// The fixed base per municipality of district and village support.
    public var districtSupportBase = Money(euros: 200_000)
    /// What happens when the bases exceed the available budget.
    public var baseInfeasibility: Base.InfeasibilityPolicy = .error
    /// Payments in whole euros.
    public var rounding: RoundingUnit = .euro

    public init() {}
}

/// The transforms from SES-WOA scores to a need criterion that docs/sociale-agenda.md names. Higher
/// SES-WOA means better off, so need grows as the score falls.
public enum NeedTransform: Hashable, Sendable {
    /// `inhabitants * max(0, c - score)` with `c` the highest score among the regions:
    /// need >= 0, and the best-off region gets only its inhabitants share (the baseline).
    case belowHighestScore
    /// `inhabitants * max(0, reference - score)`; the national reference is 0.
    case belowReference(Double)
    /// `inhabitants * exp(-lambda * score)`.
    case exponential(lambda: Double)
    /// Inhabitants living in districts whose SES-WOA score is below the threshold.
    case inhabitantsInDistrictsBelow(Double)

    /// The criterion, named `need`.
    public var criterion: Criterion {
        let score = Expression.indicator(Indicators.sesWoaMean)
        let inhabitants = Expression.indicator(Indicators.inhabitants)
        let expression: Expression
        switch self {
        case .belowHighestScore:
            expression = .binary(.multiply, inhabitants, .call(.max, [.number(0), .binary(.subtract, .aggregate(.highest, score), score)]))
        case .belowReference(let reference):
            expression = .binary(.multiply, inhabitants, .call(.max, [.number(0), .binary(.subtract, .number(reference), score)]))
        case .exponential(let lambda):
            expression = .binary(.multiply, inhabitants, .call(.exp, [.negate(.binary(.multiply, .number(lambda), score))]))
        case .inhabitantsInDistrictsBelow(let threshold):
            expression = .sumOverDistricts(.binary(.multiply, inhabitants, .binary(.less, score, .number(threshold))))
        }
        return Criterion(name: "need", expression: expression)
    }
}

/// The indicator names the Sociale Agenda uses, as loaded by ``SocialeAgendaData``.
public enum Indicators {
    public static let inhabitants = "inhabitants"
    public static let landArea = "land_area_km2"
    public static let totalArea = "total_area_km2"
    public static let sesWoaMean = "ses_woa_mean"
    public static let sesWoaSpread = "ses_woa_spread"
    public static let households = "households"
}
