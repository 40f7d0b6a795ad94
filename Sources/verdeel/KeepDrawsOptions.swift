import ArgumentParser
import Foundation
import VerdeelSimulation

/// `--keep-draws all|N` and `--max-bytes B`: every draw's amounts (or the first N of every
/// variant) kept as the table `draws` (``KeptDraws``), refused before the run when they would
/// not fit: about 320 bytes a row in memory (at most half of it, and `--max-bytes`) and up to
/// 40 a row on disk (the free space where the output goes).
struct KeepDrawsOptions: ParsableArguments {
    @Option(name: .long, help: "Keep every draw's amounts in the table draws (draws.parquet with --format parquet): 'all', or N for the first N draws of every variant.")
    var keepDraws: String?

    @Option(name: .long, help: "The most bytes of memory the kept draws may take (default: half the memory available).")
    var maxBytes: Int?

    func validate() throws {
        if keepDraws != nil, count == nil { throw ValidationError("--keep-draws is 'all' or a number of draws from 1, e.g. --keep-draws 100") }
        if let maxBytes, maxBytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
    }

    /// The draws to keep of every variant; nil when none are kept.
    var count: Int? {
        guard let keepDraws else { return nil }
        if keepDraws == "all" { return Int.max }
        return Int(keepDraws).flatMap { $0 >= 1 ? $0 : nil }
    }

    /// The statistic for `run` (its `variants` to be run), or a refusal saying how large the
    /// kept draws would be and how to keep fewer.
    func statistic(for run: ScenarioRun, variants: Int, output: String?) throws -> KeptDraws? {
        guard let count else { return nil }
        let kept = KeptDraws(count: count)
        let draws = run.plan.simulation?.monteCarlo?.draws ?? 1
        let slots = run.allocations.reduce(0) { $0 + $1.years.count } * run.table.count
        let rows = kept.rows(variants: variants, slots: slots, draws: draws)
        let (product, overflow) = rows.multipliedReportingOverflow(by: KeptDraws.bytesPerRow)
        let memory = overflow ? Int.max : product
        let limit = min(maxBytes ?? Int.max, RunControl.availableMemory() / 2)
        let folder = ((output ?? ".") as NSString).deletingLastPathComponent
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder)[.systemFreeSize] as? Int) ?? nil
        let disk = rows.multipliedReportingOverflow(by: 40)
        let advice = "keep fewer draws (--keep-draws N) or run fewer variants"
        if memory > limit {
            throw KeepDrawsError("keeping \(min(count, draws)) draws of \(variants) variants is \(rows) rows, about \(Self.size(memory)) in memory; the limit is \(Self.size(limit)): \(advice)")
        }
        if let free, disk.overflow || disk.partialValue > free {
            throw KeepDrawsError("keeping \(min(count, draws)) draws of \(variants) variants is \(rows) rows, up to \(Self.size(disk.overflow ? Int.max : disk.partialValue)) on disk; \(Self.size(free)) are free there: \(advice)")
        }
        return kept
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return String(format: "%.1f GB", Double(bytes) / Double(1 << 30)) }
        return bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}

/// Kept draws that would not fit.
struct KeepDrawsError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
