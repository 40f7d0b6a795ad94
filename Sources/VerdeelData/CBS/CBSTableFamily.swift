/// The CBS tables verdeel imports, by family: which figures it takes from each and under
/// what names. Columns are found by their title and unit, never by key or position (CBS
/// renumbers keys like `AantalInwoners_5` between editions).
public enum CBSTableFamily: String, Sendable {
    /// "Sociaal-economische status; scores per wijk en buurt": households, the SES-WOA
    /// mean score and its spread, and the part scores where present.
    case sesWOA = "ses_woa"
    /// "Kerncijfers wijken en buurten": inhabitants, areas, dwellings.
    case keyFigures = "kerncijfers"

    /// The supported tables and what they are (StatLine's own titles).
    public static let supported: [String: (family: CBSTableFamily, title: String)] = [
        "85163NED": (.sesWOA, "Sociaal-economische status; scores per wijk en buurt"),
        "85539NED": (.sesWOA, "Sociaal-economische status; scores per wijk en buurt"),
        "85900NED": (.sesWOA, "Sociaal-economische status; scores per wijk en buurt, regio-indeling 2023"),
        "86092NED": (.sesWOA, "Sociaal-economische status; scores per wijk en buurt, regio-indeling 2024"),
        "85984NED": (.keyFigures, "Kerncijfers wijken en buurten 2024"),
    ]

    /// The family of a table id (any case, spaces dropped); an error naming the supported
    /// ones otherwise.
    public static func of(table id: String, file: String) throws(DataError) -> CBSTableFamily {
        guard let known = supported[id.uppercased()] else {
            let list = supported.keys.sorted().map { "\($0) (\(supported[$0]?.title ?? ""))" }.joined(separator: ", ")
            throw DataError(file: file, line: 0, column: 0, message: "CBS table \(id) is not one verdeel imports; it imports \(list)")
        }
        return known.family
    }

    /// The figures this family takes, in output order.
    public var measures: [CBSMeasure] {
        switch self {
        case .sesWOA: return [.households, .sesWOAMean, .sesWOASpread]
        case .keyFigures: return [.inhabitants, .landArea, .totalArea, .dwellings]
        }
    }
}
