import Foundation
import VerdeelReport
import VerdeelSimulation

/// Whether the draws a run is asked to keep (`--keep-draws`, ``KeptDraws``) fit, decided
/// before the run, and where their numbers go while it runs: a working file (``DrawSpill``)
/// next to the output, so that memory holds none of them. On disk they take about
/// ``KeptDraws/bytesPerRow`` bytes a row in that file (more with perturbed inputs) and at
/// most ``diskBytesPerRow(_:inputs:)`` a row in the output's format; together at most the
/// free space where the output goes, and `maxBytes`. A refusal says how many rows, how
/// large, and how to keep fewer.
public enum KeptDrawsBudget {
    /// Bytes a kept row takes at most on disk in `format` with `inputs` perturbed inputs:
    /// Parquet 17 and 9 per input (the amount before rounding is a double that hardly
    /// compresses; measured: 10.3 a row of w3 with two inputs); CSV 100 and 25 per input
    /// (measured: 96 with two); JSON and the workbook twice that.
    public static func diskBytesPerRow(_ format: OutputFormat, inputs: Int) -> Int {
        switch format {
        case .parquet: 17 + 9 * inputs
        case .table, .csv, .csvNL, .html: 100 + 25 * inputs
        case .json, .xlsx: 200 + 50 * inputs
        }
    }

    public static func statistic(
        count: Int, for run: ScenarioRun, variants: Int, maxBytes: Int?, output: String?, format: OutputFormat = .csv
    ) throws(KeepDrawsError) -> KeptDraws {
        let inputs = run.plan.simulation?.monteCarlo?.perturbations.map(\.indicator) ?? []
        let sizing = KeptDraws(count: count, inputs: inputs)
        let draws = run.plan.simulation?.monteCarlo?.draws ?? 1
        let slots = run.allocations.reduce(0) { $0 + $1.years.count } * run.table.count
        let rows = sizing.rows(variants: variants, slots: slots, draws: draws)
        let (perRow, _) = diskBytesPerRow(format, inputs: inputs.count).addingReportingOverflow(sizing.bytesPerRow)
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: perRow)
        let disk = overflow ? Int.max : bytes
        let parent = ((output ?? ".") as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder)[.systemFreeSize] as? Int) ?? nil
        let what = "keeping \(min(count, draws)) draws of \(variants) variants is \(rows) rows, up to \(size(disk)) on disk (the table and its working file while the run goes on)"
        let advice = "keep fewer draws (--keep-draws N) or run fewer variants"
        if let maxBytes, disk > maxBytes {
            throw KeepDrawsError("\(what); the limit given (--max-bytes) is \(size(maxBytes)): \(advice)")
        }
        if let free, disk > free {
            throw KeepDrawsError("\(what); \(size(free)) are free there: \(advice)")
        }
        do {
            return KeptDraws(count: count, inputs: inputs, spill: try DrawSpill(folder: folder))
        } catch {
            throw KeepDrawsError(error.description)
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return String(format: "%.1f GB", Double(bytes) / Double(1 << 30)) }
        return bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}

/// Kept draws that would not fit.
public struct KeepDrawsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
