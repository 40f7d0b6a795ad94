import Foundation
import VerdeelAnalysis
import VerdeelData
import VerdeelReport
import VerdeelSimulation
import VerdeelTables

/// The folder of one part of a sharded run: its files and `shard.json`, which records the
/// part, the range it ran, the seed and the SHA-256 of its provenance and of every file, so
/// that ``ShardMerge`` can check every part it joins.
public struct ShardPart {
    /// The files, `shard.json` last (made from the sizes and SHA-256 of those written before it).
    public let files: [OutputFile]
    public let notes: [String]
    /// The variants (or design rows) this part ran, and how many the whole run has.
    public let range: Range<Int>
    public let total: Int

    init(_ choice: ShardChoice, range: Range<Int>, total: Int, seed: UInt64?, provenance: String, files: [OutputFile], notes: [String], sensitivity: ShardRecord.SensitivityPart? = nil) {
        self.files = files + [OutputFile(ShardRecord.fileName) { written in
            var record = ShardRecord(
                shard: choice.index, shards: choice.count, variants: range, variantCount: total, seed: seed, provenance: provenance, notes: notes, files: written)
            record.sensitivity = sensitivity
            return Data(try record.json().utf8)
        }]
        (self.notes, self.range, self.total) = (notes, range, total)
    }
}

extension RunResult {
    /// A simulation's part (its variants' tables as CSV, or as Parquet when `format` is
    /// `parquet`, and `provenance.json`) as a shard folder.
    public func shardPart(_ choice: ShardChoice, format: OutputFormat = .csv) throws -> ShardPart? {
        guard let simulation else { return nil }
        let provenance = try provenance.json(seed: seed, warnings: warnings)
        let tables = format == .parquet ? try RunFiles.parquet(tables, provenance: provenance) : try RunFiles.csv(tables)
        let files = tables + [OutputFile("provenance.json", data: Data(provenance.utf8))]
        return ShardPart(choice, range: simulation.variants, total: simulation.variantCount, seed: seed, provenance: provenance, files: files, notes: notes)
    }
}

extension ScenarioSession {
    /// A part of a sharded sensitivity analysis: the outputs of its contiguous range of design
    /// rows in `design_outputs.csv` (a header `row` and `measure/year/output` per column, each
    /// value in the shortest form that reads back as the same double), the run's provenance
    /// and `shard.json`, which also says where the scenario is (`location`): merge compiles
    /// it again and runs the analysis on all rows.
    public func sensitivityPart(
        _ run: ScenarioRun, files: [(path: String, bytes: [UInt8])], part choice: ShardChoice, location: ShardRecord.SensitivityPart, threads: Int
    ) throws -> ShardPart {
        let rows = try ScenarioSensitivity.designRows(run.plan, table: run.table)
        let range = ShardRecord.range(shard: choice.index, of: choice.count, variants: rows)
        let part = try ScenarioSensitivity.outputs(of: range, run.plan, table: run.table, threads: threads)
        let seed = run.plan.sensitivity?.seed
        let provenance = try Provenance([run], scenarioFiles: files).json(seed: seed, warnings: run.warnings)
        let written = try RunFiles.csv([Self.designOutputs(part.outputs, part.values, first: range.lowerBound)]) + [OutputFile("provenance.json", data: Data(provenance.utf8))]
        return ShardPart(choice, range: range, total: rows, seed: seed, provenance: provenance, files: written, notes: Self.notes([run]), sensitivity: location)
    }

    /// The rows' outputs (`design_outputs`), rows numbered from `first + 1`, a column
    /// `measure/year/output` per output, in chunks of 1,024 rows.
    static func designOutputs(_ outputs: [ScenarioSensitivity.Output], _ values: [Double], first: Int) -> ResultTable {
        let columns = [Column.named("row", .ordinal, "the design row, from 1")]
            + outputs.map { Column.named("\($0.measure)/\($0.year)/\($0.name)", .decimal, "the output (measure/year/output) in the design row") }
        let width = outputs.count, rows = width == 0 ? 0 : values.count / width, stretch = 1_024
        let name = (ShardMerge.designOutputsFile as NSString).deletingPathExtension
        return ResultTable(name: name, title: .init(dutch: "Uitkomsten ontwerp", english: "Design outputs"), columns: columns, chunks: (rows + stretch - 1) / stretch) { chunk in
            (chunk * stretch..<min(rows, (chunk + 1) * stretch)).map { row in
                [.whole(first + row + 1)] + values[(row * width)..<((row + 1) * width)].map { .number($0, "\($0)") }
            }
        }
    }

    /// The whole analysis of a sharded sensitivity analysis from its parts' joined design
    /// rows: `run` is the scenario compiled again where the parts ran, whose provenance must
    /// hash to the parts' (the same scenario files, data and seed). The files are those the
    /// whole run writes, byte for byte.
    public func mergedSensitivity(_ parts: [PartFolder], run: ScenarioRun, files: [(path: String, bytes: [UInt8])], threads: Int) throws -> RunResult {
        let (names, values) = try ShardMerge.designOutputs(parts)
        let scenario = parts.first?.record.sensitivity?.scenario ?? run.plan.name
        let record = try Provenance([run], scenarioFiles: files).json(seed: run.plan.sensitivity?.seed, warnings: run.warnings)
        guard ShardRecord.hash(Data(record.utf8)) == parts.first?.record.provenanceSha256 else {
            throw MergeError("scenario '\(scenario)' in \(parts.first?.record.sensitivity?.file ?? "its file") or its data changed since the parts were run; run the parts again")
        }
        let outputs = try ScenarioSensitivity.outputs(of: 0..<0, run.plan, table: run.table, threads: 1).outputs
        guard outputs.map({ "\($0.measure)/\($0.year)/\($0.name)" }) == names else {
            throw MergeError("the parts' outputs are not those of scenario '\(scenario)'; run the parts again")
        }
        let analysis = try ScenarioSensitivity.analyse(run.plan, table: run.table, outputs: outputs, values: values, threads: threads)
        return sensitivity(run, files: files, analysis: analysis, elasticities: try Elasticities.compute(run.plan, table: run.table))
    }
}
