import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

extension Merge {
    /// A part's record and files. Everything a part holds is input: `shard.json` is checked
    /// field by field before use (engine version, part numbers, variant range, plain file
    /// names its manifest lists, the provenance hash), and every file against the size and
    /// SHA-256 the record lists.
    struct Part {
        let path: String
        let record: ShardRecord
        /// The part's `schema.json`: its tables' declared columns.
        let schema: OutputSchema

        init(_ path: String) throws {
            self.path = path
            let url = URL(fileURLWithPath: path).appendingPathComponent(ShardRecord.fileName)
            guard let data = PartFile.read(url, limit: PartFile.recordLimit) else {
                Merge.fail("\(path) is not a part of a sharded run (it has no readable \(ShardRecord.fileName)); write parts with: verdeel run FILE --shard I/N --output DIR")
            }
            do { record = try JSONDecoder().decode(ShardRecord.self, from: data) } catch {
                Merge.fail("\(path)/\(ShardRecord.fileName) cannot be read (\(error)); run that part again")
            }
            if let problem = ShardRecordCheck(record, engineVersion: AllocationJSON.engineVersion).problem(manifest: Self.manifest(path)) {
                Merge.fail("\(path)/\(ShardRecord.fileName): \(problem); run that part again")
            }
            let provenance = Self.file("provenance.json", of: path, record)
            guard ShardRecord.hash(provenance) == record.provenanceSHA256 else {
                Merge.fail("\(path)/provenance.json is not the provenance its \(ShardRecord.fileName) records (its SHA-256 differs); run part \(record.shard) of \(record.shards) again")
            }
            guard record.files.contains(where: { $0.name == OutputSchema.fileName }) else {
                Merge.fail("\(path) has no \(OutputSchema.fileName) (a verdeel older than this one wrote it); run part \(record.shard) of \(record.shards) again")
            }
            do { schema = try OutputSchema.read(Self.file(OutputSchema.fileName, of: path, record), shown: "\(path)/\(OutputSchema.fileName)") } catch {
                Merge.fail("\(error); run part \(record.shard) of \(record.shards) again")
            }
        }

        /// The declared columns of a table the part holds.
        func columns(of name: String) -> [Column] {
            guard let table = schema.table(file: name) else {
                Merge.fail("\(path)/\(OutputSchema.fileName) does not describe \(name); run part \(record.shard) of \(record.shards) again")
            }
            return table.columns
        }

        /// The part's `manifest.txt` (nil when it has none of verdeel's).
        static func manifest(_ path: String) -> OutputManifest? {
            let url = URL(fileURLWithPath: path).appendingPathComponent(OutputManifest.fileName)
            return PartFile.read(url, limit: PartFile.recordLimit).flatMap { OutputManifest(String(decoding: $0, as: UTF8.self)) }
        }

        func file(_ name: String) throws -> Data {
            Self.file(name, of: path, record)
        }

        /// A file the part's record lists, checked against its size and SHA-256.
        static func file(_ name: String, of path: String, _ record: ShardRecord) -> Data {
            guard let listed = record.files.first(where: { $0.name == name }) else { Merge.fail("\(path) has no \(name)") }
            let url = URL(fileURLWithPath: path).appendingPathComponent(name)
            guard PartFile.isRegularFile(url) else {
                Merge.fail("\(path)/\(name) is missing or not a plain file; run part \(record.shard) of \(record.shards) again")
            }
            guard let data = PartFile.read(url, limit: listed.bytes + 1) else {
                Merge.fail("\(path)/\(name) cannot be read; run part \(record.shard) of \(record.shards) again")
            }
            guard data.count == listed.bytes, ShardRecord.hash(data) == listed.sha256 else {
                Merge.fail("\(path)/\(name) has \(data.count) bytes, not the \(listed.bytes) its part wrote (cut off or changed?); run part \(record.shard) of \(record.shards) again")
            }
            return data
        }
    }
}

/// Reading a part's files without following them anywhere: plain files only, never more
/// than a limit (a damaged record cannot make merge read a device or gigabytes).
enum PartFile {
    /// `shard.json` and `manifest.txt` are small; a part's records are at most this long.
    static let recordLimit = 64 << 20

    static func isRegularFile(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The file's bytes, or nil when it is not a plain file, cannot be read or is longer than `limit`.
    static func read(_ url: URL, limit: Int) -> Data? {
        guard isRegularFile(url), let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: max(0, limit) + 1) ?? Data()
            return data.count <= limit ? data : nil
        } catch {
            return nil
        }
    }
}
