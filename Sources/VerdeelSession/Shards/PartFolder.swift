import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

/// Why parts cannot be merged; the message says what to do. Nothing is written.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A part of a sharded run, read back: its record and files. Everything a part holds is
/// input: `shard.json` is checked field by field before use (engine version, part numbers,
/// variant range, plain file names its manifest lists, the provenance hash), every file
/// against the size and SHA-256 the record lists, and `schema.json` strictly.
public struct PartFolder: Sendable {
    public let path: String
    public let record: ShardRecord
    /// The part's `schema.json`: its tables' declared columns.
    public let schema: OutputSchema

    public init(_ path: String) throws(MergeError) {
        self.path = path
        let url = URL(fileURLWithPath: path).appendingPathComponent(ShardRecord.fileName)
        guard let data = BoundedFile.read(url, limit: BoundedFile.recordLimit) else {
            throw MergeError("\(path) is not a part of a sharded run (it has no readable \(ShardRecord.fileName)); write parts with: verdeel run FILE --shard I/N --output DIR")
        }
        let record: ShardRecord
        do { record = try JSONKeyStyle.decoder().decode(ShardRecord.self, from: data) } catch {
            throw MergeError("\(path)/\(ShardRecord.fileName) cannot be read (\(error)); run that part again")
        }
        self.record = record
        if let problem = ShardRecordCheck(record, engineVersion: AllocationJSON.engineVersion).problem(manifest: Self.manifest(path)) {
            throw MergeError("\(path)/\(ShardRecord.fileName): \(problem); run that part again")
        }
        let provenance = try Self.file("provenance.json", of: path, record)
        guard ShardRecord.hash(provenance) == record.provenanceSha256 else {
            throw MergeError("\(path)/provenance.json is not the provenance its \(ShardRecord.fileName) records (its SHA-256 differs); run part \(record.shard) of \(record.shards) again")
        }
        guard record.files.contains(where: { $0.name == OutputSchema.fileName }) else {
            throw MergeError("\(path) has no \(OutputSchema.fileName) (a verdeel older than this one wrote it); run part \(record.shard) of \(record.shards) again")
        }
        do { schema = try OutputSchema.read(try Self.file(OutputSchema.fileName, of: path, record), shown: "\(path)/\(OutputSchema.fileName)") } catch {
            throw MergeError("\(error); run part \(record.shard) of \(record.shards) again")
        }
    }

    /// The part's `manifest.txt` (nil when it has none of verdeel's).
    static func manifest(_ path: String) -> OutputManifest? {
        let url = URL(fileURLWithPath: path).appendingPathComponent(OutputManifest.fileName)
        return BoundedFile.read(url, limit: BoundedFile.recordLimit).flatMap { OutputManifest(String(decoding: $0, as: UTF8.self)) }
    }

    /// A file the part's record lists, checked against its size and SHA-256.
    public func file(_ name: String) throws(MergeError) -> Data {
        try Self.file(name, of: path, record)
    }

    static func file(_ name: String, of path: String, _ record: ShardRecord) throws(MergeError) -> Data {
        guard let listed = record.files.first(where: { $0.name == name }) else { throw MergeError("\(path) has no \(name)") }
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        guard BoundedFile.isRegularFile(url) else {
            throw MergeError("\(path)/\(name) is missing or not a plain file; run part \(record.shard) of \(record.shards) again")
        }
        guard let data = BoundedFile.read(url, limit: listed.bytes + 1) else {
            throw MergeError("\(path)/\(name) cannot be read; run part \(record.shard) of \(record.shards) again")
        }
        guard data.count == listed.bytes, ShardRecord.hash(data) == listed.sha256 else {
            throw MergeError("\(path)/\(name) has \(data.count) bytes, not the \(listed.bytes) its part wrote (cut off or changed?); run part \(record.shard) of \(record.shards) again")
        }
        return data
    }

    /// The declared columns of a table the part holds.
    func columns(of name: String) throws(MergeError) -> [Column] {
        guard let table = schema.table(file: name) else {
            throw MergeError("\(path)/\(OutputSchema.fileName) does not describe \(name); run part \(record.shard) of \(record.shards) again")
        }
        return table.columns
    }
}
