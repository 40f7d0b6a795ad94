import Foundation
import Synchronization
import VerdeelDesign

/// Sobol first-order, total and (optionally) second-order indices of many outputs of one
/// Saltelli design (``VerdeelDesign/SaltelliDesign``'s row layout), with bootstrap
/// intervals: SALib 1.6's `sobol.analyze` for every output column at once. Point
/// estimates are SALib's (``SobolEstimators``); intervals resample the base points with
/// ``BootstrapCounts`` (the same resamples for every output). Outputs are analysed in
/// fixed chunks of ``chunk`` on as many threads as asked: the result does not depend on
/// the thread count.
public struct SobolAnalysis: Sendable {
    public static let chunk = 16
    public let groups: Int
    public let secondOrder: Bool
    public let resamples: Int
    public let confidenceLevel: Double
    public let seed: UInt64

    public init(groups: Int, secondOrder: Bool, resamples: Int = 100, confidenceLevel: Double = 0.95, seed: UInt64 = 0) throws(DesignError) {
        guard groups >= 1 else { throw DesignError("the problem has no factors") }
        guard resamples >= 2, resamples <= 100_000 else { throw DesignError("the number of bootstrap resamples must be between 2 and 100,000, not \(resamples)") }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw DesignError("the confidence level must lie between 0 and 1 (such as 0.95), not \(confidenceLevel)") }
        self.groups = groups
        self.secondOrder = secondOrder
        self.resamples = resamples
        self.confidenceLevel = confidenceLevel
        self.seed = seed
    }

    /// Rows per base point of the design this analysis reads.
    public var rowsPerBasePoint: Int { (secondOrder ? 2 : 1) * groups + 2 }

    /// The base points N of a design with `rows` rows, or an error when the rows do not
    /// fit the layout.
    public func baseCount(rows: Int) throws(DesignError) -> Int {
        guard rows > 0, rows % rowsPerBasePoint == 0, rows / rowsPerBasePoint >= 2 else {
            let layout = secondOrder ? "2G + 2 = \(rowsPerBasePoint)" : "G + 2 = \(rowsPerBasePoint)"
            throw DesignError("\(rows) rows do not fit a Saltelli design of \(groups) groups\(secondOrder ? " with second order" : ""): the rows must be N x (\(layout)) with N >= 2; check the number of groups and whether the design was sampled with --second-order")
        }
        return rows / rowsPerBasePoint
    }

    /// Indices for every column of `values` (`rows x outputs`, row-major).
    public func analyze(values: [Double], rows: Int, outputs: Int, threads: Int) throws(DesignError) -> [SobolIndices] {
        let n = try baseCount(rows: rows)
        let bootstrap = SobolBootstrap(
            counts: BootstrapCounts(resamples: resamples, rows: n, seed: seed), groups: groups,
            secondOrder: secondOrder, z: NormalQuantile.of(0.5 + confidenceLevel / 2))
        let chunks = (outputs + Self.chunk - 1) / Self.chunk
        let results = ChunkResults(count: chunks)
        let next = Atomic<Int>(0)
        values.withUnsafeBufferPointer { table in
            let shared = SharedTable(table)
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunks))) { _ in
                while case let chunk = next.add(1, ordering: .relaxed).oldValue, chunk < chunks {
                    let range = (chunk * Self.chunk)..<min(outputs, (chunk + 1) * Self.chunk)
                    results.set(chunk, analyzeChunk(shared.table, rows: rows, outputs: outputs, range: range, bootstrap: bootstrap))
                }
            }
        }
        return results.all()
    }

    private func analyzeChunk(_ table: UnsafeBufferPointer<Double>, rows: Int, outputs: Int, range: Range<Int>, bootstrap: SobolBootstrap) -> [SobolIndices] {
        var column = [Double](repeating: 0, count: rows)
        var prepared = [SaltelliOutput?]()
        var indices = [SobolIndices]()
        for o in range {
            for r in 0..<rows { column[r] = table[r * outputs + o] }
            let output = column.withUnsafeBufferPointer { SaltelliOutput(column: $0, groups: groups, secondOrder: secondOrder) }
            prepared.append(output)
            indices.append(output.map { SobolEstimators.pointEstimates($0, secondOrder: secondOrder) }
                ?? .zero(groups: groups, secondOrder: secondOrder, constant: true))
        }
        bootstrap.confidence(prepared, into: &indices)
        return indices
    }
}

/// The read-only table the threads share.
private struct SharedTable: @unchecked Sendable {
    let table: UnsafeBufferPointer<Double>
    init(_ table: UnsafeBufferPointer<Double>) { self.table = table }
}

/// One slot per chunk, each written by the one thread that analysed it.
private final class ChunkResults: Sendable {
    private let slots: Mutex<[[SobolIndices]]>

    init(count: Int) {
        slots = Mutex([[SobolIndices]](repeating: [], count: count))
    }

    func set(_ chunk: Int, _ value: [SobolIndices]) {
        slots.withLock { $0[chunk] = value }
    }

    func all() -> [SobolIndices] {
        slots.withLock { $0.flatMap { $0 } }
    }
}
