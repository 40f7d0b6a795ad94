import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelData
import VerdeelReport
import VerdeelSession
import VerdeelTables

/// A part of a sharded sensitivity analysis (`verdeel run FILE --scenario S --shard I/N
/// --output DIR`): the outputs of its contiguous range of design rows in
/// `design_outputs.csv` (a header `row` and `measure/year/output` per column, each value in
/// the shortest form that reads back as the same double), the run's provenance and
/// `shard.json`, which also says where the scenario is. `verdeel merge` joins the rows and
/// runs the analysis itself (``SensitivityMerge``).
extension SensitivityRun {
    static let partFile = ShardMerge.designOutputsFile

    func executePart(_ shard: ShardChoice, location: ShardRecord.SensitivityPart, output: String) throws {
        let started = Date()
        let rows: Int
        let part: (outputs: [ScenarioSensitivity.Output], values: [Double])
        let range: Range<Int>
        do {
            rows = try ScenarioSensitivity.designRows(run.plan, table: run.table)
            range = ShardRecord.range(shard: shard.index, of: shard.count, variants: rows)
            part = try ScenarioSensitivity.outputs(of: range, run.plan, table: run.table, threads: threads)
        } catch {
            printError("error: \(sources.describe(error))")
            throw ExitCode(1)
        }
        let seed = run.plan.sensitivity?.seed
        let provenance = try Provenance([run], scenarioFiles: files).json(seed: seed, warnings: run.warnings)
        let files = try RunFiles.csv([Self.table(part.outputs, part.values, first: range.lowerBound)]) + [("provenance.json", Data(provenance.utf8))]
        var record = ShardRecord(
            shard: shard.index, shards: shard.count, variants: range, variantCount: rows, seed: seed, provenance: provenance, notes: notes, files: files)
        record.sensitivity = location
        try OutputSet(output).write(files: files + [(ShardRecord.fileName, Data(try record.json().utf8))], notes: notes)
        let seconds = Date().timeIntervalSince(started)
        print("wrote part \(shard.index) of \(shard.count) (design rows \(range.lowerBound + 1)-\(range.upperBound) of \(rows), \(String(format: "%.2f", seconds)) s) into \(output); join the parts with: verdeel merge PART... --output DIR")
        if run.plan.data.hasSyntheticData { print(AllocationJSON.syntheticNotice) }
    }

    /// The rows' outputs (`design_outputs`), rows numbered from `first + 1`, a column
    /// `measure/year/output` per output, in chunks of 1,024 rows.
    static func table(_ outputs: [ScenarioSensitivity.Output], _ values: [Double], first: Int) -> ResultTable {
        let columns = [Column.named("row", .ordinal, "the design row, from 1")]
            + outputs.map { Column.named("\($0.measure)/\($0.year)/\($0.name)", .decimal, "the output (measure/year/output) in the design row") }
        let width = outputs.count, rows = width == 0 ? 0 : values.count / width, stretch = 1_024
        let name = (partFile as NSString).deletingPathExtension
        return ResultTable(name: name, title: .init(dutch: "Uitkomsten ontwerp", english: "Design outputs"), columns: columns, chunks: (rows + stretch - 1) / stretch) { chunk in
            (chunk * stretch..<min(rows, (chunk + 1) * stretch)).map { row in
                [.whole(first + row + 1)] + values[(row * width)..<((row + 1) * width)].map { .number($0, "\($0)") }
            }
        }
    }
}
