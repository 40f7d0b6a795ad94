import Foundation
import VerdeelData
import VerdeelTables

/// libFuzzer entry point for what `verdeel merge` and `verdeel report FOLDER` read back:
/// any bytes as `shard.json` (decoded and checked field by field against the same bytes read
/// as a `manifest.txt`), as a manifest, as a `schema.json`, and as the tables of a part or
/// folder against their declared columns (`summary.csv` with a variant range,
/// `design_outputs.csv` with a design-row range, `allocations.csv`), typed rows included.
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
    _ = try? OutputSchema.read(bytes, shown: "schema.json")
    let header = text.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let tables: [(String, [Column], String, Range<Int>?)] = [
        ("summary.csv", summary, "variant", 1..<9),
        ("design_outputs.csv", [.named("row", .ordinal, "")] + header.dropFirst().map { .named($0, .decimal, "") }, "row", 5..<13),
        ("allocations.csv", allocations, "variant", nil),
    ]
    for (name, columns, column, range) in tables {
        do {
            let check = ReadBackTable(name: name, columns: columns, rangeColumn: column, range: range)
            let rows = try check.check(bytes)
            let file = try CSVFile(name: name, bytes: Array(bytes))
            precondition(file.records.count <= rows, "the strict reader accepted a table the CSV reader reads differently")
            let table = try check.table(bytes, title: .init(dutch: name, english: name))
            precondition(table.rows.count == rows && table.rows.allSatisfy { $0.count == columns.count }, "typed rows differ from the rows checked")
        } catch {
            _ = "\(error)"
        }
    }
    return 0
}

/// The columns `schema.json` declares for the summary and the allocations.
let summary: [Column] = [
    .named("variant", .ordinal, ""), .measure, .year, .region, .named("mean", .euro, ""), .named("sd", .euro, ""), .named("p05", .euro, ""),
    .named("p50", .euro, ""), .named("p95", .euro, ""), .named("p_below_baseline", .fraction, ""),
]
let allocations: [Column] = [
    .named("scenario", .text, ""), .measure, .named("component", .text, ""), .year, .region, .named("region_name", .text, ""), .named("amount", .euro, ""),
    .named("exact", .euroCents, ""), .named("inhabitants", .count, ""), .named("amount_per_inhabitant", .euroCents, ""),
]
