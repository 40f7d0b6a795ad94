import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelCore
import VerdeelData
import VerdeelReport
import VerdeelSession

/// `verdeel merge` of the parts of a sharded sensitivity analysis: the design rows' outputs
/// joined in row order, the scenario compiled again where the parts ran (its provenance must
/// hash to the parts': the same scenario files, data and seed), the analysis run on all
/// rows, and the files the whole run writes, byte for byte.
enum SensitivityMerge {
    static func run(_ parts: [PartFolder], output: String, access: FileAccess) throws {
        let location = try ShardMerge.sensitivityLocation(parts)
        let (names, values) = try ShardMerge.designOutputs(parts)
        let destination = URL(fileURLWithPath: output).standardizedFileURL.path
        let input = ScenarioInput(file: try ShardMerge.scenarioFile(location, parts[0], access: access), access: access)
        let compilation = try input.compile()
        let runs = try input.run(try input.select([location.scenario], from: compilation.plans), sources: compilation.sources)
        let provenance = Provenance(runs, scenarioFiles: compilation.files)
        let record = try provenance.json(seed: runs[0].plan.sensitivity?.seed, warnings: runs[0].warnings)
        guard ShardRecord.hash(Data(record.utf8)) == parts[0].record.provenanceSHA256 else {
            Merge.fail("scenario '\(location.scenario)' in \(location.file) or its data changed since the parts were run; run the parts again")
        }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let analysis = SensitivityRun(run: runs[0], sources: compilation.sources, threads: threads, files: compilation.files, format: .csv, language: .nl)
        do {
            let outputs = try ScenarioSensitivity.outputs(of: 0..<0, runs[0].plan, table: runs[0].table, threads: 1).outputs
            guard outputs.map({ "\($0.measure)/\($0.year)/\($0.name)" }) == names else {
                Merge.fail("the parts' outputs are not those of scenario '\(location.scenario)'; run the parts again")
            }
            let result = try ScenarioSensitivity.analyse(runs[0].plan, table: runs[0].table, outputs: outputs, values: values, threads: threads)
            let elasticities = try Elasticities.compute(runs[0].plan, table: runs[0].table)
            try analysis.write(input.session.sensitivity(runs[0], files: compilation.files, analysis: result, elasticities: elasticities), to: destination)
        } catch let error as ScenarioSensitivityError {
            Merge.fail(compilation.sources.describe(error))
        }
    }
}
