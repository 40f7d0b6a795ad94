import VerdeelCore
import VerdeelData

/// libFuzzer entry point for the CSV reader: any bytes are read as a regions table whose
/// every header column (except the code and name) is an indicator of each kind in turn,
/// joined to itself, and as a districts table of it. Every outcome must be a table or a
/// located `DataError`; a table's regions must be unique and sorted by code.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? CSVFile(name: "fuzz.csv", bytes: bytes) else { return 0 }
    let names = file.header.map(\.value).filter { $0 != "code" && $0 != "name" && $0 != "region" }
    for kind in [ValueKind.count, .nonNegative, .real] {
        let spec = TableSpec(indicators: names.map { IndicatorColumn($0, kind: kind) })
        let joined = TableSpec(nameColumn: nil, indicators: names.map { IndicatorColumn($0, as: $0 + "_joined", kind: kind) })
        let districts = DistrictSpec(regionColumn: "region", indicators: names.map { IndicatorColumn($0, kind: kind) })
        do {
            let table = try RegionTableLoader.load(
                regions: .init(file, spec), joins: [.init(file, joined)], districts: (file: file, spec: districts))
            let codes = table.regions.map(\.code)
            precondition(codes == codes.sorted() && Set(codes).count == codes.count, "regions not unique and sorted")
        } catch {
            _ = error.description
        }
    }
    return 0
}
