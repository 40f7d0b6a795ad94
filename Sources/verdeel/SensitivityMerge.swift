import ArgumentParser
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelCore
import VerdeelData
import VerdeelReport

/// `verdeel merge` of the parts of a sharded sensitivity analysis: the design rows' outputs
/// joined in row order, the scenario compiled again where the parts ran (its provenance must
/// hash to the parts': the same scenario files, data and seed), the analysis run on all
/// rows, and the files the whole run writes, byte for byte.
enum SensitivityMerge {
    static func run(_ parts: [Merge.Part], output: String, access: FileAccess) throws {
        guard let location = parts[0].record.sensitivity, parts.allSatisfy({ $0.record.sensitivity == location }) else {
            Merge.fail("\(parts[0].path) and the other parts are not parts of one sensitivity analysis; merge the parts of one run")
        }
        let joined = try Merge.join(SensitivityRun.partFile, parts)
        let (names, values) = parse(joined, rows: parts[0].record.variantCount)
        let destination = URL(fileURLWithPath: output).standardizedFileURL.path
        let input = ScenarioInput(file: try scenarioFile(location, parts[0], access: access), access: access)
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

    /// The scenario file the parts name, read only when it lies inside the merge's root
    /// folder (the current directory unless `--root`) and its SHA-256 is the one the parts'
    /// provenance records for it: a part never decides which file on the machine merge reads.
    static func scenarioFile(_ location: ShardRecord.SensitivityPart, _ part: Merge.Part, access: FileAccess) throws -> String {
        let file = location.file, shown = Printable.shown(location.file)
        guard Printable.isPrintable(file), Printable.isPrintable(location.scenario), !file.isEmpty else {
            Merge.fail("\(part.path)/\(ShardRecord.fileName) names a scenario with control characters ('\(shown)'); run the parts again")
        }
        guard access.permits(file) else {
            Merge.fail("the parts name the scenario file \(shown), which is outside the root folder \(access.root); merge in the folder the parts ran in, or give --root DIR")
        }
        let document: Provenance.Document
        do { document = try JSONDecoder().decode(Provenance.Document.self, from: try part.file("provenance.json")) } catch {
            Merge.fail("\(part.path)/provenance.json cannot be read (\(error)); run the parts again")
        }
        guard let recorded = document.scenarioFiles.first(where: { $0.path == file }) else {
            Merge.fail("\(part.path)/provenance.json does not record the scenario file \(shown) its \(ShardRecord.fileName) names; run the parts again")
        }
        guard let bytes = PartFile.read(URL(fileURLWithPath: file), limit: PartFile.recordLimit) else {
            Merge.fail("the scenario file \(shown) is not here; merge in the folder the parts ran in (\(Printable.shown(location.directory)))")
        }
        guard ShardRecord.hash(Data(bytes)) == recorded.sha256 else {
            Merge.fail("scenario '\(Printable.shown(location.scenario))' in \(shown) changed since the parts were run; run the parts again")
        }
        return file
    }

    /// The joined `design_outputs.csv`: the output names and every row's values, which must
    /// be rows 1 to `rows` in order with one number per output.
    static func parse(_ data: Data, rows: Int) -> (names: [String], values: [Double]) {
        guard let text = String(data: data, encoding: .utf8) else { Merge.fail("\(SensitivityRun.partFile) of the parts is not UTF-8; run the parts again") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first, header.hasPrefix("row") else { Merge.fail("\(SensitivityRun.partFile) of the parts has no header; run the parts again") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var values = [Double]()
        values.reserveCapacity(rows * names.count)
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = fields.dropFirst().compactMap { Double($0) }
            guard fields.first.flatMap({ Int($0) }) == index + 1, fields.count == names.count + 1, numbers.count == names.count else {
                Merge.fail("line \(index + 2) of the joined \(SensitivityRun.partFile) is not design row \(index + 1) with \(names.count) numbers; run its part again")
            }
            values += numbers
        }
        guard values.count == rows * names.count else {
            Merge.fail("the parts hold \(values.count / Swift.max(names.count, 1)) design rows, not \(rows); run the missing parts")
        }
        return (names, values)
    }
}
