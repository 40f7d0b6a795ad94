import Crypto
import Foundation
import VerdeelData

/// Writing `shard.json`: the record of a part with this engine's version and the SHA-256 of
/// its provenance and of each file.
extension ShardRecord {
    public init(shard: Int, shards: Int, variants: Range<Int>, variantCount: Int, seed: UInt64?, provenance: String, notes: [String], files: [WrittenFile]) {
        self.init(
            engineVersion: AllocationJSON.engineVersion, provenanceSha256: Self.hash(Data(provenance.utf8)), seed: seed, shard: shard, shards: shards,
            variants: variants, variantCount: variantCount, notes: notes,
            files: files.map { File(name: $0.name, bytes: $0.bytes, sha256: $0.sha256) })
    }

    public func json() throws -> String { try Provenance.encode(self) }

    public static func hash(_ data: Data) -> String {
        WrittenFile.hex(SHA256.hash(data: data))
    }
}
