/// `shard.json`, written next to a shard's tables (`verdeel run --shard I/N`): which run it
/// belongs to (the engine version, the SHA-256 of the run's provenance, which names every
/// scenario and data file with its hash and the seed), which part it is and which
/// variants it holds, and each file's size and SHA-256, so `verdeel merge` can tell parts of
/// one run from parts of another and a complete file from a truncated one. Read back, it is
/// input: ``ShardRecordCheck`` checks it before use.
public struct ShardRecord: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public let name: String
        public let bytes: Int
        public let sha256: String

        public init(name: String, bytes: Int, sha256: String) {
            (self.name, self.bytes, self.sha256) = (name, bytes, sha256)
        }
    }

    public let engineVersion: String
    public let provenanceSha256: String
    public let seed: UInt64?
    public let shard: Int
    public let shards: Int
    public let variantCount: Int
    /// The variants held, from 1 (`first...last`); empty when the part has none.
    public let firstVariant: Int
    public let lastVariant: Int
    /// The notes of the run's manifest (the synthetic notice, ...).
    public let notes: [String]
    public let files: [File]
    /// For a part of a sensitivity analysis (`variantCount` then counts design rows): where
    /// its scenario is, so that `verdeel merge` can analyse the joined rows.
    public var sensitivity: SensitivityPart?

    /// Where a sharded sensitivity analysis's scenario is: the file as given, the scenario,
    /// the working folder the part ran in, and `--root`/`--allow-read` as given.
    public struct SensitivityPart: Codable, Equatable, Sendable {
        public let file: String
        public let scenario: String
        public let directory: String
        public let root: String?
        public let allowRead: [String]

        public init(file: String, scenario: String, directory: String, root: String?, allowRead: [String]) {
            (self.file, self.scenario, self.directory, self.root, self.allowRead) = (file, scenario, directory, root, allowRead)
        }
    }

    public static let fileName = "shard.json"

    /// Part `shard` of `shards` holding `variants` (from 0) of `variantCount`.
    public init(
        engineVersion: String, provenanceSha256: String, seed: UInt64?, shard: Int, shards: Int, variants: Range<Int>, variantCount: Int, notes: [String], files: [File]
    ) {
        self.engineVersion = engineVersion
        self.provenanceSha256 = provenanceSha256
        self.seed = seed
        self.shard = shard
        self.shards = shards
        self.variantCount = variantCount
        firstVariant = variants.lowerBound + 1
        lastVariant = variants.upperBound
        self.notes = notes
        self.files = files
    }

    /// Shard `shard` (from 1) of `shards`: contiguous runs of whole product tiles (4
    /// variants), as even as they can be, so every variant is computed exactly as in the
    /// unsharded run.
    public static func range(shard: Int, of shards: Int, variants: Int, tile: Int = 4) -> Range<Int> {
        let tiles = (variants + tile - 1) / tile
        let first = (shard - 1) * tiles / shards, last = shard * tiles / shards
        return min(variants, first * tile)..<min(variants, last * tile)
    }
}
