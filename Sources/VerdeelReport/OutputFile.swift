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

    /// What a streamed file's renderer writes to: `stream(bytes)` adds the next piece;
    /// `restart()` throws away every piece written so far, for a renderer that learns late
    /// that it must write the file another way (a Parquet column it took for whole euros
    /// that holds cents after its first row group).
    public struct Stream {
        let write: Sink
        let restarting: () throws -> Void

        public func callAsFunction(_ bytes: Data) throws { try write(bytes) }

        public func restart() throws { try restarting() }
    }

    private enum Contents: Sendable {
        case streamed(@Sendable (Stream) throws -> Void)
        case listing(@Sendable ([WrittenFile]) throws -> Data)
    }

    public let name: String
    private let contents: Contents

    /// A file whose bytes are made.
    public init(_ name: String, data: Data) {
        (self.name, self.contents) = (name, .streamed { stream in try stream(data) })
    }

    /// A file written by `write`, which passes its pieces to the stream it is given.
    public init(_ name: String, streaming write: @escaping @Sendable (Stream) throws -> Void) {
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

    /// Makes the file, passing its pieces to `sink`; `restart` throws away what the sink has
    /// had so far; `earlier` are the files written before it. An error of the renderer or the
    /// sink ends it.
    public func write(after earlier: [WrittenFile], to sink: Sink, restart: @escaping () throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            switch contents {
            case .streamed(let make): try make(Stream(write: sink, restarting: restart))
            case .listing(let make): try sink(try make(earlier))
            }
        }
    }

    /// The file written to `sink` (`restart` empties it), counted and (when `hashing`)
    /// hashed on the way.
    public func written(after earlier: [WrittenFile], hashing: Bool, to sink: Sink, restart: @escaping () throws -> Void) throws -> WrittenFile {
        final class Tally {
            var hasher = SHA256(), bytes = 0
        }
        let tally = Tally()
        try write(after: earlier, to: { data in
            try sink(data)
            tally.bytes += data.count
            if hashing { tally.hasher.update(data: data) }
        }, restart: {
            try restart()
            (tally.hasher, tally.bytes) = (SHA256(), 0)
        })
        return WrittenFile(name: name, bytes: tally.bytes, sha256: hashing ? WrittenFile.hex(tally.hasher.finalize()) : "")
    }

    /// The whole file in memory (a download, a test, a folder's files joined).
    public func data(after earlier: [WrittenFile] = []) throws -> Data {
        final class Whole {
            var data = Data()
        }
        let whole = Whole()
        try write(after: earlier, to: { whole.data.append($0) }, restart: { whole.data.removeAll() })
        return whole.data
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
