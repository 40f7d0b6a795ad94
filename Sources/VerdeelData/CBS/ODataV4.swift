import Foundation

/// A CBS table from the OData version 4 service as `cbsodata4.download_dataset` saves it:
/// `Properties.json` (the table's `Identifier` and `Title`), `Dimensions.json` (each
/// dimension's `Identifier` and `Kind`), `MeasureCodes.json` (each figure's
/// `Identifier`, `Title`, `Unit` and `MeasureGroupId`), `MeasureGroups.json` (the groups'
/// `Id`, `Title` and `ParentId`), a `<dimension>Codes.json` per dimension (the regions'
/// names; the periods' `Status`), and `Observations.json`: one figure per object, its
/// `Measure`, the dimensions' codes, `Value` and `ValueAttribute` (`None` for a figure,
/// otherwise why there is none). Entity sets are one object per line.
public enum ODataV4 {
    public static func recognises(_ folder: CBSFolder) -> Bool { folder.file("Observations.json") != nil }

    public static func read(_ folder: CBSFolder) throws(DataError) -> CBSTable {
        let properties = try CBSJSON.object(try folder.bytes("Properties.json", needed: "the table's id and title"), file: folder.path("Properties.json"))
        guard let id = CBSJSON.text(properties, "Identifier") else {
            throw DataError(file: folder.path("Properties.json"), line: 0, column: 0, message: "no table Identifier; download the table again")
        }
        let family = try CBSTableFamily.of(table: id, file: folder.path("Properties.json"))
        let dimensions = try folder.objects("Dimensions.json", needed: "the table's dimensions")
        func dimension(_ kind: String) throws(DataError) -> String {
            guard let found = dimensions.first(where: { CBSJSON.text($0, "Kind") == kind }).flatMap({ CBSJSON.text($0, "Identifier") }) else {
                throw DataError(file: folder.path("Dimensions.json"), line: 0, column: 0, message: "the table has no \(kind); it is not a table of periods by region")
            }
            return found
        }
        let (regionKey, periodKey) = (try dimension("GeoDimension"), try dimension("TimeDimension"))
        let groups = folder.file("MeasureGroups.json") == nil ? [] : try folder.objects("MeasureGroups.json", needed: "the figures' groups")
        let groupByID = Dictionary(groups.compactMap { g in g["Id"].map { ("\($0)", g) } }, uniquingKeysWith: { a, _ in a })
        let measuresFile = folder.path("MeasureCodes.json")
        var figures = [String: (measure: CBSMeasure, divisor: Double)]()
        for code in try folder.objects("MeasureCodes.json", needed: "the figures' titles and units") {
            guard let identifier = CBSJSON.text(code, "Identifier") else { continue }
            // A measure names its group by MeasureGroupId, a group its own by ParentId.
            let path = CBSJSON.titlePath(code) { object in
                (object["MeasureGroupId"] ?? object["ParentId"]).flatMap { $0 is NSNull ? nil : groupByID["\($0)"] }
            }
            guard let measure = CBSMeasure.column(path: path, family: family) else { continue }
            guard !figures.values.contains(where: { $0.measure == measure }) else {
                throw DataError(file: measuresFile, line: 0, column: 0, columnName: identifier, message: "two measures are \(measure.description)")
            }
            figures[identifier] = (measure, try measure.divisor(unit: CBSJSON.text(code, "Unit") ?? "", file: measuresFile, column: identifier))
        }
        for measure in family.measures where !figures.values.contains(where: { $0.measure == measure }) {
            throw DataError(file: measuresFile, line: 0, column: 0, message: "no measure for \(measure.description); is this table \(id)?")
        }
        var periods = [String: CBSPeriod]()
        for period in try folder.objects("\(periodKey)Codes.json", needed: "the periods and their status") {
            guard let key = CBSJSON.text(period, "Identifier"), let found = CBSPeriodText.read(key: key, status: CBSJSON.text(period, "Status") ?? "") else { continue }
            periods[key] = found
        }
        let names = Dictionary(
            (try folder.objects("\(regionKey)Codes.json", needed: "the regions' names")).compactMap { r in CBSJSON.text(r, "Identifier").map { ($0.uppercased(), CBSJSON.text(r, "Title") ?? "") } },
            uniquingKeysWith: { a, _ in a })
        let observationsFile = folder.path("Observations.json")
        var builder = CBSTableBuilder(file: observationsFile, family: family)
        for (index, observation) in (try folder.objects("Observations.json", needed: "the figures")).enumerated() {
            guard let measureCode = CBSJSON.text(observation, "Measure"), let figure = figures[measureCode] else { continue }
            guard let code = CBSJSON.text(observation, regionKey)?.uppercased(), let periodCode = CBSJSON.text(observation, periodKey) else {
                throw DataError(file: observationsFile, line: index + 1, column: 0, message: "the observation has no \(regionKey) or \(periodKey)")
            }
            guard let period = periods[periodCode] else {
                throw DataError(file: observationsFile, line: index + 1, column: 0, message: "period '\(periodCode)' is not in \(periodKey)Codes.json (or is not a year)")
            }
            let place = (index + 1, 0)
            guard try builder.imports(code, at: place) else { continue }
            try builder.row(code: code, name: names[code] ?? "", period: period, at: place)
            let attribute = CBSJSON.text(observation, "ValueAttribute") ?? "None"
            let (value, reason) = try CBSJSON.figure(observation["Value"], key: measureCode, object: index + 1, file: observationsFile)
            guard attribute == "None" || value == nil else {
                throw DataError(file: observationsFile, line: index + 1, column: 0, message: "a value with ValueAttribute '\(attribute)': CBS gives a value only with 'None'")
            }
            try builder.value(value.map { $0 / figure.divisor }, of: figure.measure, code: code, period: period, reason: attribute == "None" ? reason : "ValueAttribute \(attribute)", at: place)
        }
        return builder.table(id: id, title: CBSJSON.text(properties, "Title") ?? id, form: .odataV4)
    }
}
