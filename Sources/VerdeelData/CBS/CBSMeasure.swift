import Foundation

/// A figure verdeel takes from a CBS table, and how its column is recognised: by the
/// column's title path (its topic groups and title, as StatLine's CSV header writes them:
/// `SES-WOA/Totaalscore/Gemiddelde score`) and its unit. Areas come in hectares and are
/// stored in km2 (divided by 100).
public struct CBSMeasure: Sendable, Hashable {
    /// The name in verdeel's tables (`ses_woa_mean`).
    public let name: String
    /// What the figure is, for messages.
    public let description: String
    /// Whether a title path (lower case, groups joined by `/`) is this figure's column.
    let matches: @Sendable (String) -> Bool
    /// The units the column may have (lower case) and what a figure is divided by to be in
    /// verdeel's unit (100 for hectares into km2: a division, so the result is the nearest
    /// double to the exact quotient).
    let units: [String: Double]

    /// Whether the figure counts things (whole numbers).
    var isCount: Bool { [Self.households.name, Self.inhabitants.name, Self.dwellings.name].contains(name) }

    public static func == (a: CBSMeasure, b: CBSMeasure) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public static let households = CBSMeasure(
        name: "households", description: "private households (Particuliere huishoudens, aantal)",
        matches: { $0 == "particuliere huishoudens" }, units: ["aantal": 1])
    public static let sesWOAMean = CBSMeasure(
        name: "ses_woa_mean", description: "the SES-WOA mean score (SES-WOA/Totaalscore/Gemiddelde score, getal)",
        matches: { $0.hasSuffix("totaalscore/gemiddelde score") }, units: ["getal": 1])
    public static let sesWOASpread = CBSMeasure(
        name: "ses_woa_spread", description: "the spread of the SES-WOA score (Spreiding/Spreiding totaal, getal)",
        matches: { $0.hasPrefix("spreiding/spreiding totaal") }, units: ["getal": 1])
    public static let inhabitants = CBSMeasure(
        name: "inhabitants", description: "inhabitants (Aantal inwoners, aantal)",
        matches: { $0.hasSuffix("aantal inwoners") }, units: ["aantal": 1])
    public static let landArea = CBSMeasure(
        name: "land_area_km2", description: "land area (Oppervlakte land, ha)",
        matches: { $0.hasSuffix("oppervlakte land") }, units: ["ha": 100, "km2": 1, "km²": 1])
    public static let totalArea = CBSMeasure(
        name: "total_area_km2", description: "total area (Oppervlakte totaal, ha)",
        matches: { $0.hasSuffix("oppervlakte totaal") }, units: ["ha": 100, "km2": 1, "km²": 1])
    public static let dwellings = CBSMeasure(
        name: "dwellings", description: "dwellings (Woningvoorraad, aantal)",
        matches: { $0.hasSuffix("woningvoorraad") }, units: ["aantal": 1])

    /// A part score of the SES-WOA (`SES-WOA/Financiële welvaart/Gemiddelde score`) as
    /// `ses_woa_<part>_mean`, letters and digits kept, accents dropped; nil for other columns.
    static func partScore(_ path: String) -> CBSMeasure? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[0] == "ses-woa", parts[2] == "gemiddelde score", parts[1] != "totaalscore" else { return nil }
        let folded = parts[1].applyingASCIIFolding()
        let slug = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
        return CBSMeasure(name: "ses_woa_\(slug)_mean", description: "the SES-WOA part score \(parts[1]) (gemiddelde score)", matches: { $0 == path }, units: ["getal": 1])
    }

    /// The figure a column is, if any, for a table of `family`; the part scores of the
    /// SES-WOA come after the family's own.
    static func column(path: String, family: CBSTableFamily) -> CBSMeasure? {
        let lowered = path.lowercased()
        return family.measures.first { $0.matches(lowered) } ?? (family == .sesWOA ? partScore(lowered) : nil)
    }

    /// The divisor into verdeel's unit, or an error naming the units expected.
    func divisor(unit: String, file: String, column: String) throws(DataError) -> Double {
        guard let divisor = units[unit.lowercased().trimmingSpaces] else {
            throw DataError(
                file: file, line: 0, column: 0, columnName: column,
                message: "\(description) is given in '\(unit)', but verdeel expects \(units.keys.sorted().map { "'\($0)'" }.joined(separator: " or ")); is this the right table?")
        }
        return divisor
    }
}

extension String {
    /// Spaces, tabs and no-break spaces dropped at both ends (CBS pads fields).
    var trimmingSpaces: String { RegionCode.trim(self) }

    /// Latin letters with diacritics as their base letter (`ë` as `e`).
    func applyingASCIIFolding() -> String {
        folding(options: .diacriticInsensitive, locale: nil)
    }
}
