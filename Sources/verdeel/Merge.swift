import ArgumentParser
import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

/// `verdeel merge PART... --output DIR`: joins the parts of a sharded run into the files the
/// run would have written whole, byte for byte: each table's rows in variant order under
/// one header, the run's provenance and manifest notes (a sensitivity analysis's parts: the
/// analysis of their joined design rows, ``SensitivityMerge``). The parts must be of one run
/// (same engine version, provenance, seed and number of parts), complete (every file as its
/// `shard.json` lists it) and cover every variant (design row) exactly once.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts of a sharded run (verdeel run --shard I/N) into one output folder.")

    @Argument(help: "The parts' folders, in any order.")
    var parts: [String] = []

    @Option(name: .long, help: "The folder to write the merged run into (replaced as a whole).")
    var output: String

    @OptionGroup(title: "Files a sensitivity analysis's scenario may be read from")
    var files: FileAccessOptions

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("name the parts' folders, e.g. verdeel merge part-1 part-2 --output out") }
    }

    func run() throws {
        let loaded = try parts.map(Part.init).sorted { $0.record.firstVariant < $1.record.firstVariant }
        try Self.checkOneRun(loaded)
        try Self.checkCoverage(loaded)
        if loaded.contains(where: { $0.record.sensitivity != nil }) {
            try SensitivityMerge.run(loaded, output: output, access: files.access)
            return
        }
        var files = [(name: String, data: Data)]()
        let names = Self.tableNames(loaded)
        for name in names {
            files.append((name, try Self.join(name, loaded)))
        }
        files.append((OutputSchema.fileName, try Self.schema(names, loaded).json()))
        let provenance = try loaded[0].file("provenance.json")
        files.append(("provenance.json", provenance))
        try OutputSet(output).write(files: files, notes: loaded[0].record.notes)
        for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
    }

    /// The tables in the order the whole run writes them: variants, summary, infeasible
    /// (when any part has infeasible variants), then the statistics' tables.
    static func tableNames(_ parts: [Part]) -> [String] {
        var names = [String]()
        for part in parts {
            for file in part.record.files where file.name.hasSuffix(".csv") && !names.contains(file.name) { names.append(file.name) }
        }
        if let index = names.firstIndex(of: "infeasible.csv"), let summary = names.firstIndex(of: "summary.csv") {
            names.remove(at: index)
            names.insert("infeasible.csv", at: summary + 1)
        }
        return names
    }

    /// The merged folder's schema: each table as the parts that hold it describe it (alike).
    static func schema(_ names: [String], _ parts: [Part]) -> OutputSchema {
        OutputSchema(tables: names.map { name in
            let described = parts.compactMap { $0.record.files.contains { $0.name == name } ? $0.schema.table(file: name) : nil }
            guard let first = described.first, described.allSatisfy({ $0 == first }) else {
                fail("the parts describe \(name) differently in their \(OutputSchema.fileName); merge the parts of one run")
            }
            return first
        })
    }

    static func checkOneRun(_ parts: [Part]) throws {
        if let problem = mismatch(parts) { fail(problem) }
    }

    /// Why the parts are not of one run, if they are not.
    static func mismatch(_ parts: [Part]) -> String? {
        guard let first = parts.first else { return nil }
        for part in parts.dropFirst() {
            if first.record.engineVersion != part.record.engineVersion {
                return "\(first.path) was written by verdeel \(first.record.engineVersion), \(part.path) by \(part.record.engineVersion): parts of one run come from one engine version"
            }
            if first.record.provenanceSHA256 != part.record.provenanceSHA256 || first.record.seed != part.record.seed || first.record.variantCount != part.record.variantCount {
                return "\(first.path) and \(part.path) are parts of different runs (their scenario files, data, seed or variants differ); merge the parts of one run"
            }
            if (first.record.sensitivity == nil) != (part.record.sensitivity == nil) {
                return "\(first.path) and \(part.path) are parts of different runs (one of a sensitivity analysis, one of a variant run); merge the parts of one run"
            }
            if first.record.shards != part.record.shards {
                return "\(first.path) is a part of \(first.record.shards), \(part.path) of \(part.record.shards): merge the parts of one split"
            }
        }
        return nil
    }

    /// Every variant exactly once: each part's range follows the one before.
    static func checkCoverage(_ parts: [Part]) throws {
        let total = parts[0].record.variantCount, count = parts[0].record.shards
        let held = parts[0].record.sensitivity == nil ? "variants" : "design rows"
        var seen = [Int: String]()
        for part in parts {
            if let other = seen[part.record.shard] { fail("part \(part.record.shard) of \(count) is given twice: \(other) and \(part.path)") }
            seen[part.record.shard] = part.path
        }
        let missing = (1...count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let ranges = missing.map { shard -> String in
                let range = ShardRecord.range(shard: shard, of: count, variants: total)
                return "part \(shard) (\(held) \(range.lowerBound + 1)-\(range.upperBound))"
            }
            fail("missing \(ranges.joined(separator: ", ")) of \(count); run them with --shard I/\(count)")
        }
        for part in parts {
            let expected = ShardRecord.range(shard: part.record.shard, of: count, variants: total)
            let range = (part.record.firstVariant - 1)..<part.record.lastVariant
            if range != expected && !(range.isEmpty && expected.isEmpty) {
                fail("\(part.path) holds \(held) \(part.record.firstVariant)-\(part.record.lastVariant), but part \(part.record.shard) of \(count) is \(expected.lowerBound + 1)-\(expected.upperBound)")
            }
        }
    }

    /// One table: the header of the parts (all equal), then every part's rows in order.
    static func join(_ name: String, _ parts: [Part]) throws -> Data {
        var header: Data?
        var merged = Data()
        for part in parts where part.record.files.contains(where: { $0.name == name }) {
            let data = try part.file(name)
            let held = part.record.firstVariant..<(part.record.lastVariant + 1)
            let check = ReadBackTable(name: name, columns: part.columns(of: name), shown: "\(part.path)/\(name)", rangeColumn: name == SensitivityRun.partFile ? "row" : "variant", range: held)
            do { try check.check(data) } catch { fail("\(error); run part \(part.record.shard) of \(part.record.shards) again") }
            let end = data.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.endIndex
            let head = data[data.startIndex..<end]
            if let header, header != head { fail("\(part.path)/\(name) has another header than the parts before it; merge the parts of one run") }
            if header == nil {
                header = Data(head)
                merged.append(head)
            }
            merged.append(data[end...])
        }
        return merged
    }

    static func fail(_ message: String) -> Never {
        printError("error: " + message + "; nothing was written")
        Merge.exit(withError: ExitCode(1))
    }
}
