import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

/// Joins the parts of a sharded run into the files the run would have written whole, byte
/// for byte: each table's rows in variant order under one header (every part's table read
/// back against its declared columns first), the merged `schema.json` and the run's
/// provenance. The parts must be of one run (same engine version, provenance, seed and
/// number of parts), complete (every file as its `shard.json` lists it) and cover every
/// variant (design row) exactly once. A sensitivity analysis's parts are joined here too
/// (``designOutputs``); the client analyses the joined rows.
public enum ShardMerge {
    /// The table a part of a sensitivity analysis writes: its design rows' outputs.
    public static let designOutputsFile = "design_outputs.csv"

    /// The parts at `paths`, read, in variant order, checked to be one run's and to cover
    /// it once.
    public static func parts(_ paths: [String]) throws(MergeError) -> [PartFolder] {
        var parts = [PartFolder]()
        for path in paths { parts.append(try PartFolder(path)) }
        parts.sort { $0.record.firstVariant < $1.record.firstVariant }
        if let problem = mismatch(parts) { throw MergeError(problem) }
        try checkCoverage(parts)
        return parts
    }

    /// The merged folder's files of a variant or Monte Carlo run: its tables, `schema.json`
    /// and `provenance.json`.
    public static func files(_ parts: [PartFolder]) throws(MergeError) -> [OutputFile] {
        var files = [OutputFile]()
        let names = tableNames(parts)
        for name in names { files.append(OutputFile(name, data: try join(name, parts))) }
        do { files += try RunFiles.described(schema(names, parts)) } catch let error as MergeError { throw error } catch {
            throw MergeError("the merged \(OutputSchema.fileName) cannot be written (\(error))")
        }
        if let first = parts.first { files.append(OutputFile("provenance.json", data: try first.file("provenance.json"))) }
        return files
    }

    /// The tables in the order the whole run writes them: variants, summary, infeasible
    /// (when any part has infeasible variants), then the statistics' tables.
    static func tableNames(_ parts: [PartFolder]) -> [String] {
        var names = [String]()
        for part in parts {
            for file in part.record.files where (file.name.hasSuffix(".csv") || file.name.hasSuffix(".parquet")) && !names.contains(file.name) { names.append(file.name) }
        }
        let suffix = names.first.map { ($0 as NSString).pathExtension } ?? "csv"
        if let index = names.firstIndex(of: "infeasible.\(suffix)"), let summary = names.firstIndex(of: "summary.\(suffix)") {
            names.remove(at: index)
            names.insert("infeasible.\(suffix)", at: summary + 1)
        }
        return names
    }

    /// The merged folder's schema: each table as the parts that hold it describe it (alike;
    /// `schema.json` names a Parquet table by its CSV file's name).
    static func schema(_ names: [String], _ parts: [PartFolder]) throws(MergeError) -> OutputSchema {
        var tables = [OutputSchema.Table]()
        for name in names {
            let described = parts.compactMap { $0.record.files.contains { $0.name == name } ? $0.schema.table(file: csvName(name)) : nil }
            guard let first = described.first, described.allSatisfy({ $0 == first }) else {
                throw MergeError("the parts describe \(name) differently in their \(OutputSchema.fileName); merge the parts of one run")
            }
            tables.append(first)
        }
        return OutputSchema(tables: tables)
    }

    /// Why the parts are not of one run, if they are not.
    static func mismatch(_ parts: [PartFolder]) -> String? {
        guard let first = parts.first else { return nil }
        for part in parts.dropFirst() {
            if first.record.engineVersion != part.record.engineVersion {
                return "\(first.path) was written by verdeel \(first.record.engineVersion), \(part.path) by \(part.record.engineVersion): parts of one run come from one engine version"
            }
            if first.record.provenanceSha256 != part.record.provenanceSha256 || first.record.seed != part.record.seed || first.record.variantCount != part.record.variantCount {
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
    static func checkCoverage(_ parts: [PartFolder]) throws(MergeError) {
        guard let first = parts.first else { return }
        let total = first.record.variantCount, count = first.record.shards
        let held = first.record.sensitivity == nil ? "variants" : "design rows"
        var seen = [Int: String]()
        for part in parts {
            if let other = seen[part.record.shard] { throw MergeError("part \(part.record.shard) of \(count) is given twice: \(other) and \(part.path)") }
            seen[part.record.shard] = part.path
        }
        let missing = (1...count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let ranges = missing.map { shard -> String in
                let range = ShardRecord.range(shard: shard, of: count, variants: total)
                return "part \(shard) (\(held) \(range.lowerBound + 1)-\(range.upperBound))"
            }
            throw MergeError("missing \(ranges.joined(separator: ", ")) of \(count); run them with --shard I/\(count)")
        }
        for part in parts {
            let expected = ShardRecord.range(shard: part.record.shard, of: count, variants: total)
            let range = (part.record.firstVariant - 1)..<part.record.lastVariant
            if range != expected && !(range.isEmpty && expected.isEmpty) {
                throw MergeError("\(part.path) holds \(held) \(part.record.firstVariant)-\(part.record.lastVariant), but part \(part.record.shard) of \(count) is \(expected.lowerBound + 1)-\(expected.upperBound)")
            }
        }
    }

    /// One table: the header of the parts (all equal), then every part's rows in order.
    public static func join(_ name: String, _ parts: [PartFolder]) throws(MergeError) -> Data {
        var header: Data?
        var merged = Data()
        for part in parts where part.record.files.contains(where: { $0.name == name }) {
            let data = try part.file(name)
            let held = part.record.firstVariant..<(part.record.lastVariant + 1)
            let check = ReadBackTable(name: name, columns: try part.columns(of: name), shown: "\(part.path)/\(name)", rangeColumn: name == designOutputsFile ? "row" : "variant", range: held)
            do { try check.check(data) } catch { throw MergeError("\(error); run part \(part.record.shard) of \(part.record.shards) again") }
            let end = data.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.endIndex
            let head = data[data.startIndex..<end]
            if let header, header != head { throw MergeError("\(part.path)/\(name) has another header than the parts before it; merge the parts of one run") }
            if header == nil {
                header = Data(head)
                merged.append(head)
            }
            merged.append(data[end...])
        }
        return merged
    }
}
