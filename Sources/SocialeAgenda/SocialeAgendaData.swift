import VerdeelCore
import VerdeelData

/// Loads the bundled CBS data (`Scenarios/data/`) into the region table the Sociale
/// Agenda baseline needs: the 13 municipalities with inhabitants and areas, joined with
/// SES-WOA scores, and their districts.
public enum SocialeAgendaData {
    /// The file names in the data directory.
    public static let municipalitiesFile = "municipalities-2024.csv"
    public static let sesWoaFile = "ses-woa-synthetic.csv"
    public static let districtsFile = "districts-2024.csv"

    /// The region table from the three files in `directory`.
    public static func load(directory: String) throws(DataError) -> RegionTable {
        let municipalities = try CSVFile.read(path: "\(directory)/\(municipalitiesFile)", name: municipalitiesFile)
        let sesWoa = try CSVFile.read(path: "\(directory)/\(sesWoaFile)", name: sesWoaFile)
        let districts = try CSVFile.read(path: "\(directory)/\(districtsFile)", name: districtsFile)
        return try RegionTableLoader.load(
            regions: .init(municipalities, TableSpec(indicators: [
                IndicatorColumn(Indicators.inhabitants, kind: .count),
                IndicatorColumn(Indicators.landArea, kind: .nonNegative),
                IndicatorColumn(Indicators.totalArea, kind: .nonNegative),
            ])),
            joins: [.init(sesWoa, TableSpec(nameColumn: nil, indicators: [
                IndicatorColumn(Indicators.sesWoaMean, kind: .real),
                IndicatorColumn(Indicators.sesWoaSpread, kind: .nonNegative),
                IndicatorColumn(Indicators.households, kind: .count),
            ], vintage: Vintage(column: "year", value: "synthetic")))],
            districts: (districts, DistrictSpec(regionColumn: "municipality_code", indicators: [
                IndicatorColumn(Indicators.inhabitants, kind: .count),
                IndicatorColumn(Indicators.landArea, kind: .nonNegative),
            ])))
    }
}
