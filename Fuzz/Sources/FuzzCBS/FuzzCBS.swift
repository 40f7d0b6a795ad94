import VerdeelData

/// libFuzzer entry point for the CBS readers: the first byte picks the form (a StatLine
/// CSV of 85163NED; an OData v3 folder; an OData v4 folder), the rest is the file, or the
/// folder's files separated by NUL bytes in the order of ``v3`` / ``v4``. Every outcome
/// must be a table or a located `DataError`; a table's rows are unique per region and
/// period, and its region tables read back as CSV with as many rows.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCBS(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let form = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    let v3 = ["TableInfos.json", "DataProperties.json", "TypedDataSet.json", "Perioden.json", "WijkenEnBuurten.json"]
    let v4 = ["Properties.json", "Dimensions.json", "MeasureCodes.json", "MeasureGroups.json", "PeriodenCodes.json", "WijkenEnBuurtenCodes.json", "Observations.json"]
    func folder(_ names: [String]) -> CBSFolder {
        let parts = rest.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        return CBSFolder(name: "fuzz", files: Dictionary(zip(names, parts), uniquingKeysWith: { a, _ in a }))
    }
    do {
        let table: CBSTable
        switch form % 3 {
        case 0: table = try StatLineCSV.read(name: "fuzz.csv", bytes: rest, table: "85163NED")
        case 1: table = try ODataV3.read(folder(v3))
        default: table = try ODataV4.read(folder(v4))
        }
        let keys = table.rows.map { "\($0.code) \($0.period.year) \($0.period.provisional)" }
        precondition(Set(keys).count == keys.count, "a region twice in one period")
        for level in CBSRegionLevel.allCases {
            let text = CBSImport.regionTable(table, level: level, file: "fuzz")
            let file = try CSVFile(name: "out.csv", bytes: Array(text.utf8))
            precondition(file.records.count == table.rows.filter { CBSRegionLevel.of($0.code)?.level == level }.count, "rows lost in the region table")
        }
        _ = try CBSImport.files([.init(table: table, file: "fuzz", sha256: "")], imported: "today")
    } catch {
        _ = error.description
    }
    return 0
}
