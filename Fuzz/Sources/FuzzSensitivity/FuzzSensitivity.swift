#if canImport(Glibc)
import Glibc
#endif
import VerdeelAnalysis
import VerdeelData
import VerdeelDesign

/// libFuzzer entry point for the sensitivity inputs: any bytes are read as a problem file
/// and as a table of numbers (samples or outputs); a table that fits a Saltelli or Morris
/// layout of the problem is analysed. Every outcome must be a value or a located error.
/// Differential: every number the fast reader accepts must be the double `strtod` gives
/// for the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSensitivity(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let problem = try? ProblemFile.parse(name: "fuzz.txt", text: String(decoding: bytes, as: UTF8.self))
    bytes.withUnsafeBufferPointer { buffer in
        if case .number(let value, let end) = DecimalNumber.scan(buffer, from: 0), end > 0 {
            var text = Array(bytes[0..<end])
            text.append(0)
            let reference = text.withUnsafeBufferPointer { pointer in
                pointer.baseAddress.map { $0.withMemoryRebound(to: CChar.self, capacity: text.count) { strtod($0, nil) } } ?? 0
            }
            precondition(value.bitPattern == reference.bitPattern, "fast reader differs from strtod")
        }
    }
    guard let table = try? NumberTable(name: "fuzz.txt", bytes: bytes) else { return 0 }
    precondition(table.values.count == table.rows * table.columns && table.values.allSatisfy(\.isFinite), "table shape or value")
    if let problem, let analysis = try? SobolAnalysis(groups: problem.groups.count, secondOrder: false, resamples: 4) {
        let indices = try? analysis.analyze(values: table.values, rows: table.rows, outputs: table.columns, threads: 2)
        precondition(indices.map { $0.count == table.columns } ?? true, "one result per output")
    }
    if let problem, table.columns == problem.factors.count, let analysis = try? MorrisAnalysis(problem: problem, resamples: 4) {
        let design = DesignMatrix(rows: table.rows, columns: table.columns, values: table.values)
        _ = try? analysis.analyze(inputs: design, outputs: table.column(0), count: 1)
    }
    return 0
}
