import VerdeelCore

/// `shard.json` read back by `verdeel merge`: every field checked before it is used. A part
/// travels between machines (a Slurm array's scratch, a Kubernetes volume, an e-mail), so a
/// damaged or hand-edited record is refused with what is wrong, never trusted: the engine
/// version is this binary's, the part numbers and variant counts are in range (so no
/// arithmetic on them can overflow), the variants held are exactly the part's range, the
/// file names are plain names the part's manifest lists, each once, with a size and a
/// SHA-256 of the right form, and `provenance.json` is among them.
public struct ShardRecordCheck {
    /// The most parts a run is split into (`--shard I/N` allows the same).
    public static let maximumShards = 1_000_000
    /// The most variants or design rows a part may record (far beyond any run's).
    public static let maximumVariants = 1 << 40
    /// The most bytes a listed file may have.
    public static let maximumBytes = 1 << 46

    let record: ShardRecord
    /// The version of the engine that reads the part back.
    let engineVersion: String

    public init(_ record: ShardRecord, engineVersion: String) {
        self.record = record
        self.engineVersion = engineVersion
    }

    /// What is wrong with the record, or nil. `manifest` is the part's `manifest.txt` read
    /// back (nil when it has none or it is not verdeel's).
    public func problem(manifest: OutputManifest?) -> String? {
        numbersProblem() ?? notesProblem() ?? filesProblem(manifest)
    }

    private func numbersProblem() -> String? {
        let r = record
        if r.engineVersion != engineVersion {
            return "the part was written by verdeel \(Printable.shown(r.engineVersion)), but this is verdeel \(engineVersion): the parts of one run are run and merged by one engine version"
        }
        guard (1...Self.maximumShards).contains(r.shards) else { return "it says the run has \(r.shards) parts; a run has 1 to \(Self.maximumShards)" }
        guard (1...r.shards).contains(r.shard) else { return "it says it is part \(r.shard) of \(r.shards); a part is from 1 to \(r.shards)" }
        guard (0...Self.maximumVariants).contains(r.variantCount) else { return "it says the run has \(r.variantCount) variants; that cannot be" }
        let expected = ShardRecord.range(shard: r.shard, of: r.shards, variants: r.variantCount)
        guard r.firstVariant == expected.lowerBound + 1, r.lastVariant == expected.upperBound else {
            let held = "\(r.firstVariant)-\(r.lastVariant)"
            return "it holds variants \(held), but part \(r.shard) of \(r.shards) of \(r.variantCount) is \(expected.isEmpty ? "empty" : "\(expected.lowerBound + 1)-\(expected.upperBound)")"
        }
        return nil
    }

    private func filesProblem(_ manifest: OutputManifest?) -> String? {
        guard let manifest else { return "the part has no \(OutputManifest.fileName) of verdeel's; run it again" }
        var seen = Set<String>()
        for file in record.files {
            guard PlainFileName.isPlain(file.name), file.name != ShardRecord.fileName, file.name != OutputManifest.fileName else {
                return "it lists a file named '\(Printable.shown(file.name))', which is not a plain name of a part's file (no '/', no '..', no hidden or special names)"
            }
            guard seen.insert(file.name).inserted else { return "it lists \(file.name) twice" }
            guard manifest.names.contains(file.name) else { return "it lists \(file.name), which the part's \(OutputManifest.fileName) does not" }
            guard (0...Self.maximumBytes).contains(file.bytes) else { return "it gives \(file.name) \(file.bytes) bytes; that cannot be" }
            guard file.sha256.utf8.count == 64, file.sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                return "the SHA-256 it gives for \(file.name) is not 64 hexadecimal digits"
            }
        }
        guard seen.contains("provenance.json") else { return "it lists no provenance.json" }
        guard record.notes == manifest.notes else { return "its notes are not those of the part's \(OutputManifest.fileName)" }
        guard record.provenanceSha256.utf8.count == 64 else { return "its provenance SHA-256 is not 64 hexadecimal digits" }
        return nil
    }

    private func notesProblem() -> String? {
        for note in record.notes where !Printable.isPrintable(note) || note.hasPrefix(" ") {
            return "a note of its manifest holds control characters or starts with a space: '\(Printable.shown(note))'"
        }
        return nil
    }
}
