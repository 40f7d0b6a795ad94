import Foundation
import VerdeelData

/// libFuzzer entry point for what `verdeel merge` and `verdeel report FOLDER` read back:
/// any bytes as `shard.json` (decoded and checked field by field against the same bytes read
/// as a `manifest.txt`), as a manifest, and as the tables of a part or folder (`summary.csv`
/// with a variant range, `design_outputs.csv` with a design-row range, `allocations.csv`).
/// Every outcome must be an accepted value or a located refusal, never a trap; a table the
/// strict reader accepts must also be one the CSV reader reads with as many fields on every
/// line as its header, and a manifest's names must be plain.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReadBack(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let manifest = OutputManifest(text)
    if let manifest {
        precondition(manifest.names.allSatisfy(PlainFileName.isPlain), "a manifest name that is not plain")
    }
    if let record = try? JSONDecoder().decode(ShardRecord.self, from: bytes) {
        _ = ShardRecordCheck(record, engineVersion: record.engineVersion).problem(manifest: manifest)
    }
    let tables: [(String, String, Range<Int>?)] = [("summary.csv", "variant", 1..<9), ("design_outputs.csv", "row", 5..<13), ("allocations.csv", "variant", nil)]
    for (name, column, range) in tables {
        do {
            let rows = try ReadBackTable(name: name, rangeColumn: column, range: range).check(bytes)
            let file = try CSVFile(name: name, bytes: Array(bytes))
            precondition(file.records.count <= rows, "the strict reader accepted a table the CSV reader reads differently")
        } catch {
            _ = "\(error)"
        }
    }
    return 0
}
