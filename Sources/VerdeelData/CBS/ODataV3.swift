import Foundation

/// A CBS table as the `cbsodata` Python client downloads it from OData version 3
/// (`cbsodata.download_data(table_id, dir, typed=True)`): `TableInfos.json` (the table's
/// id and title), `DataProperties.json` (every column: its key, title, unit and topic
/// group), `TypedDataSet.json` (one object per region and period; `UntypedDataSet.json`
/// holds the same as padded text), and a file per dimension with its codes
/// (`WijkenEnBuurten.json` or `RegioS.json` with names, `Perioden.json` with each
/// period's status). Region codes are padded to 10 characters; figures are matched by
/// title and unit, never by their numbered keys.
public enum ODataV3 {
    /// Whether a folder looks like this form.
    public static func recognises(_ folder: CBSFolder) -> Bool { folder.file("DataProperties.json") != nil }

    public static func read(_ folder: CBSFolder) throws(DataError) -> CBSTable {
        let infos = try folder.objects("TableInfos.json", needed: "the table's id and title")
        guard let info = infos.first, let id = CBSJSON.text(info, "Identifier") else {
            throw DataError(file: folder.path("TableInfos.json"), line: 0, column: 0, message: "no table Identifier; download the table again")
        }
        let family = try CBSTableFamily.of(table: id, file: folder.path("TableInfos.json"))
        let properties = try folder.objects("DataProperties.json", needed: "the columns' titles and units")
        let propertiesFile = folder.path("DataProperties.json")
        let byID = Dictionary(properties.compactMap { p in (p["ID"] as? Int).map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        func path(of property: CBSJSON.Object) -> String {
            CBSJSON.titlePath(property) { ($0["ParentID"] as? Int).flatMap { byID[$0] } }
        }
        let dimensions = properties.filter { ($0["Type"] as? String)?.hasSuffix("Dimension") == true }
        guard let periodKey = dimensions.first(where: { $0["Type"] as? String == "TimeDimension" }).flatMap({ CBSJSON.text($0, "Key") }) else {
            throw DataError(file: propertiesFile, line: 0, column: 0, message: "the table has no period dimension (Type TimeDimension)")
        }
        guard let regionKey = dimensions.first(where: { $0["Type"] as? String == "GeoDimension" }).flatMap({ CBSJSON.text($0, "Key") }) else {
            throw DataError(file: propertiesFile, line: 0, column: 0, message: "the table has no region dimension (Type GeoDimension): it is not a table by region")
        }
        var figures = [(key: String, measure: CBSMeasure, divisor: Double)]()
        for property in properties where property["Type"] as? String == "Topic" {
            guard let key = CBSJSON.text(property, "Key"), let measure = CBSMeasure.column(path: path(of: property), family: family) else { continue }
            guard !figures.contains(where: { $0.measure == measure }) else {
                throw DataError(file: propertiesFile, line: 0, column: 0, columnName: key, message: "two columns are \(measure.description)")
            }
            figures.append((key, measure, try measure.divisor(unit: CBSJSON.text(property, "Unit") ?? "", file: propertiesFile, column: key)))
        }
        for measure in family.measures where !figures.contains(where: { $0.measure == measure }) {
            throw DataError(file: propertiesFile, line: 0, column: 0, message: "no column for \(measure.description); is this table \(id)?")
        }
        var periods = [String: CBSPeriod]()
        for period in try folder.objects("\(periodKey).json", needed: "the periods and their status") {
            guard let key = CBSJSON.text(period, "Key"), let found = CBSPeriodText.read(key: key, status: CBSJSON.text(period, "Status") ?? "") else { continue }
            periods[key] = found
        }
        let names = Dictionary(
            (try folder.objects("\(regionKey).json", needed: "the regions' names")).compactMap { r in CBSJSON.text(r, "Key").map { ($0, CBSJSON.text(r, "Title") ?? "") } },
            uniquingKeysWith: { a, _ in a })
        let dataFile = folder.file("TypedDataSet.json") != nil ? "TypedDataSet.json" : "UntypedDataSet.json"
        let records = try folder.objects(dataFile, needed: "the figures")
        var builder = CBSTableBuilder(file: folder.path(dataFile), family: family)
        for (index, record) in records.enumerated() {
            let place = (index + 1, 0)
            guard let rawCode = record[regionKey] as? String, let periodCode = CBSJSON.text(record, periodKey) else {
                throw DataError(file: folder.path(dataFile), line: 0, column: 0, message: "object \(index + 1) has no \(regionKey) or \(periodKey)")
            }
            guard let period = periods[periodCode] else {
                throw DataError(file: folder.path(dataFile), line: 0, column: 0, message: "object \(index + 1) is in period '\(periodCode)', which \(periodKey).json does not list (or is not a year)")
            }
            let code = rawCode.trimmingSpaces.uppercased()
            guard try builder.imports(code, at: place) else { continue }
            try builder.row(code: code, name: names[rawCode] ?? names[code] ?? "", period: period, at: place)
            for figure in figures {
                let (value, reason) = try CBSJSON.figure(record[figure.key], key: figure.key, object: index + 1, file: folder.path(dataFile))
                try builder.value(value.map { $0 / figure.divisor }, of: figure.measure, code: code, period: period, reason: reason, at: place)
            }
        }
        return builder.table(id: id, title: CBSJSON.text(info, "Title") ?? id, form: .odataV3)
    }
}
