import ArgumentParser
import VerdeelReport
import VerdeelSession
import VerdeelSimulation

/// `--keep-draws all|N` and `--max-bytes B`: every draw's amounts (or the first N of every
/// variant) kept as the table `draws` (``KeptDraws``), refused before the run when they would
/// not fit (``KeptDrawsBudget``).
struct KeepDrawsOptions: ParsableArguments {
    @Option(name: .long, help: "Keep every draw's amounts in the table draws (draws.parquet with --format parquet): 'all', or N for the first N draws of every variant.")
    var keepDraws: String?

    @Option(name: .long, help: "The most bytes the kept draws may take on disk, their table and its working file while the run goes on (default: the free space where the output goes).")
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

    /// The statistic for `run` (its `variants` to be run), or the library's refusal
    /// (``KeptDrawsBudget``) when the kept draws would not fit.
    func statistic(for run: ScenarioRun, variants: Int, output: String?, format: OutputFormat) throws -> KeptDraws? {
        guard let count else { return nil }
        return try KeptDrawsBudget.statistic(count: count, for: run, variants: variants, maxBytes: maxBytes, output: output, format: format)
    }
}
