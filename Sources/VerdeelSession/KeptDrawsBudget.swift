import Foundation
import VerdeelReport
import VerdeelSimulation

/// Whether the draws a run is asked to keep (`--keep-draws`, ``KeptDraws``) fit, decided
/// before the run: about ``KeptDraws/bytesPerRow`` bytes a row (more with perturbed inputs) in memory (at most half the
/// memory available, and `maxBytes`) and at most ``diskBytesPerRow(_:inputs:)`` a row on disk
/// in the output's format (the free space where the output goes). A refusal says how many
/// rows, how large, and how to keep fewer.
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
        let kept = KeptDraws(count: count, inputs: run.plan.simulation?.monteCarlo?.perturbations.map(\.indicator) ?? [])
        let draws = run.plan.simulation?.monteCarlo?.draws ?? 1
        let slots = run.allocations.reduce(0) { $0 + $1.years.count } * run.table.count
        let rows = kept.rows(variants: variants, slots: slots, draws: draws)
        let (product, overflow) = rows.multipliedReportingOverflow(by: kept.bytesPerRow)
        let memory = overflow ? Int.max : product
        let limit = min(maxBytes ?? Int.max, RunControl.availableMemory() / 2)
        let folder = ((output ?? ".") as NSString).deletingLastPathComponent
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder)[.systemFreeSize] as? Int) ?? nil
        let disk = rows.multipliedReportingOverflow(by: diskBytesPerRow(format, inputs: kept.inputs.count))
        let what = "keeping \(min(count, draws)) draws of \(variants) variants is \(rows) rows"
        let advice = "keep fewer draws (--keep-draws N) or run fewer variants"
        if memory > limit {
            throw KeepDrawsError("\(what), about \(size(memory)) in memory; the limit is \(size(limit)): \(advice)")
        }
        if let free, disk.overflow || disk.partialValue > free {
            throw KeepDrawsError("\(what), up to \(size(disk.overflow ? Int.max : disk.partialValue)) on disk; \(size(free)) are free there: \(advice)")
        }
        return kept
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
