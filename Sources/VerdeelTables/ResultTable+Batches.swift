import Dispatch
import Foundation
import Synchronization

extension ResultTable {
    /// Chunks a renderer makes at once: two per core, so that both cores work while memory
    /// holds a few chunks, not the table.
    public static var chunksPerBatch: Int { max(1, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// Makes each chunk with `make` (``chunksPerBatch`` at a time, on every core) and hands
    /// what it made to `consume` in chunk order: a renderer's text or cells of a chunk made
    /// in parallel, written in order; then throws if rows were missing (``checkRows()``).
    public func forEachMadeChunk<Made: Sendable>(_ make: @Sendable (Int) throws -> Made, _ consume: (Made) throws -> Void) throws {
        let batch = Self.chunksPerBatch
        for first in stride(from: 0, to: chunkCount, by: batch) {
            let count = min(batch, chunkCount - first)
            let made = Mutex([Result<Made, any Error>?](repeating: nil, count: count))
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let result = Result { try make(first + index) }
                made.withLock { $0[index] = result }
            }
            for result in made.withLock({ $0 }) {
                if let result { try consume(try result.get()) }
            }
        }
        try checkRows()
    }
}
