import Crypto
import Foundation

/// One file of a run's output: its name and its bytes, made at once (a small file), written
/// piece by piece as its renderer makes them (a table's Parquet file, row group by row
/// group; a table's CSV, a batch of chunks at a time), so that a large table is never held
/// whole in memory next to the results it is made from, or made from the files written
/// before it (a part's `shard.json`, which records each file's size and SHA-256).
public struct OutputFile: Sendable {
    /// Where a streamed file's pieces go, in order.
    public typealias Sink = (_ bytes: Data) throws -> Void

    private enum Contents: Sendable {
        case streamed(@Sendable (Sink) throws -> Void)
        case listing(@Sendable ([WrittenFile]) throws -> Data)
    }

    public let name: String
    private let contents: Contents

    /// A file whose bytes are made.
    public init(_ name: String, data: Data) {
        (self.name, self.contents) = (name, .streamed { sink in try sink(data) })
    }

    /// A file written by `write`, which passes its pieces to the sink it is given.
    public init(_ name: String, streaming write: @escaping @Sendable (Sink) throws -> Void) {
        (self.name, self.contents) = (name, .streamed(write))
    }

    /// A file made from the files written before it in the same set, in order.
    public init(_ name: String, listing make: @escaping @Sendable ([WrittenFile]) throws -> Data) {
        (self.name, self.contents) = (name, .listing(make))
    }

    /// Whether the file is made from the files before it (so they must be hashed).
    public var isListing: Bool {
        if case .listing = contents { return true }
        return false
    }

    /// Makes the file, passing its pieces to `sink`; `earlier` are the files written before
    /// it. An error of the renderer or the sink ends it.
    public func write(after earlier: [WrittenFile], to sink: Sink) throws {
        switch contents {
        case .streamed(let make): try make(sink)
        case .listing(let make): try sink(try make(earlier))
        }
    }

    /// The file written to `sink`, counted and (when `hashing`) hashed on the way.
    public func written(after earlier: [WrittenFile], hashing: Bool, to sink: Sink) throws -> WrittenFile {
        var hasher = SHA256(), bytes = 0
        try write(after: earlier) { data in
            try sink(data)
            bytes += data.count
            if hashing { hasher.update(data: data) }
        }
        return WrittenFile(name: name, bytes: bytes, sha256: hashing ? WrittenFile.hex(hasher.finalize()) : "")
    }

    /// The whole file in memory (a download, a test, a folder's files joined).
    public func data(after earlier: [WrittenFile] = []) throws -> Data {
        var whole = Data()
        try write(after: earlier) { whole.append($0) }
        return whole
    }
}

/// A file of an output set as written: its name, its size in bytes and its SHA-256 in
/// lowercase hex (empty when not hashed).
public struct WrittenFile: Sendable, Equatable {
    public let name: String
    public let bytes: Int
    public let sha256: String

    public init(name: String, bytes: Int, sha256: String) {
        (self.name, self.bytes, self.sha256) = (name, bytes, sha256)
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
