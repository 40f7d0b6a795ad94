import Foundation
import Synchronization
import VerdeelDesign
import VerdeelLinearAlgebra

/// Sobol first-order, total and (optionally) second-order indices of many outputs of one
/// Saltelli design (``VerdeelDesign/SaltelliDesign``'s row layout), with bootstrap
/// intervals: SALib 1.6's `sobol.analyze` for every output column at once.
///
/// How: every output is normalised by its mean and sd (``OutputMoments``); per base point
/// the estimators' summands (``SobolFeatures``) are formed for a block of base points and
/// multiplied by that block of the resample counts (``BootstrapCounts``, whose row 0 is
/// all ones) in one BLAS product that adds to the running sums; the point estimates come
/// from row 0 of the sums, the resamples' estimates from rows 1 ... R, and the half-width
/// is `z sd` of those (SALib's `S1_conf`, `ST_conf`, `S2_conf`). The rows are read in
/// order, block by block. Outputs are grouped in fixed chunks of ``chunk`` that threads
/// take whole, and BLAS is kept to one thread per product, so the result is the same for
/// any thread count.
public struct SobolAnalysis: Sendable {
    public static let chunk = 16
    /// Base points per BLAS product.
    static let block = 64
    public let groups: Int
    public let secondOrder: Bool
    public let resamples: Int
    public let confidenceLevel: Double
    public let seed: UInt64

    public init(groups: Int, secondOrder: Bool, resamples: Int = 100, confidenceLevel: Double = 0.95, seed: UInt64 = 0) throws(DesignError) {
        guard groups >= 1 else { throw DesignError("the problem has no factors") }
        try SampleSpread.checkBootstrap(resamples: resamples, confidenceLevel: confidenceLevel)
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
        let values = Self.scaledForSquares(values, rows: rows, outputs: outputs)
        let features = SobolFeatures(groups: groups, secondOrder: secondOrder)
        let counts = BootstrapCounts(resamples: resamples, rows: n, seed: seed)
        let blocks = stride(from: 0, to: n, by: Self.block).map { (start: $0, count: min(Self.block, n - $0)) }
        let countBlocks = blocks.map { counts.block($0.start, $0.count) }
        let chunks = (outputs + Self.chunk - 1) / Self.chunk
        let workers = max(1, min(threads, chunks))
        // BLAS runs in the calling thread only: with its own threads it would split some
        // products differently depending on whether they were busy, and results would vary.
        BlockProduct.setLibraryThreads(1)
        let results = ChunkResults(count: chunks)
        values.withUnsafeBufferPointer { table in
            let shared = SharedTable(table, moments: OutputMoments(table, rows: rows, columns: outputs, threads: threads))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var sums = ChunkSums(chunks: Array(stride(from: worker, to: chunks, by: workers)), outputs: outputs, features: features, resamples: resamples)
                for (b, block) in blocks.enumerated() {
                    sums.add(shared, basePoints: block.start..<(block.start + block.count), counts: countBlocks[b])
                }
                for (slot, chunk) in sums.chunks.enumerated() {
                    results.set(chunk, summarise(sums, slot: slot, moments: shared.moments, basePoints: n, features: features))
                }
            }
        }
        return results.all()
    }

    /// Outputs whose squares or sums of squares would overflow (|y| above 1e100) divided by
    /// their largest magnitude first: the indices are ratios of variances, the same for `y`
    /// and `y / c`, and then finite. Other outputs are left as they are (bit for bit).
    static func scaledForSquares(_ values: [Double], rows: Int, outputs: Int) -> [Double] {
        guard outputs > 0, values.contains(where: { abs($0) > 1e100 }) else { return values }
        var scaled = values
        for o in 0..<outputs {
            let largest = stride(from: o, to: values.count, by: outputs).reduce(0.0) { max($0, abs(values[$1])) }
            guard largest > 1e100, largest.isFinite else { continue }
            for index in stride(from: o, to: values.count, by: outputs) { scaled[index] = values[index] / largest }
        }
        return scaled
    }

    private func summarise(_ sums: ChunkSums, slot: Int, moments: OutputMoments, basePoints n: Int, features: SobolFeatures) -> [SobolIndices] {
        let estimators = SobolEstimators(groups: groups, pairs: features.pairs)
        let z = NormalQuantile.of(0.5 + confidenceLevel / 2)
        let range = sums.range(slot), width = range.count * features.count
        return sums.values[slot].withUnsafeBufferPointer { values in
            range.enumerated().map { local, o in
                let variance = moments.sd[o] * moments.sd[o]
                guard moments.sd[o] > 0 else { return .zero(groups: groups, secondOrder: secondOrder, constant: true, variance: 0) }
                guard sums.high[slot][local] - sums.low[slot][local] > SobolEstimators.epsilon else {
                    return .zero(groups: groups, secondOrder: secondOrder, constant: false, variance: variance)
                }
                let offset = local * features.count
                let point = estimators.indices(values, at: offset, basePoints: Double(n))
                let draws = (1...resamples).map { estimators.indices(values, at: $0 * width + offset, basePoints: Double(n)) }
                func spread(_ pick: ((s1: [Double], st: [Double], s2: [Double])) -> Double) -> Double { z * SampleSpread.sd(draws.map(pick)) }
                var indices = SobolIndices(
                    s1: point.s1, s1Confidence: (0..<groups).map { j in spread { $0.s1[j] } },
                    st: point.st, stConfidence: (0..<groups).map { j in spread { $0.st[j] } },
                    s2: nil, s2Confidence: nil, isConstant: false, variance: variance, s1Resamples: draws.map(\.s1), stResamples: draws.map(\.st))
                if secondOrder {
                    var s2 = [[Double]](repeating: [Double](repeating: 0, count: groups), count: groups), confidence = s2
                    for (p, (j, k)) in features.pairs.enumerated() {
                        s2[j][k] = point.s2[p]
                        confidence[j][k] = spread { $0.s2[p] }
                    }
                    indices.s2 = s2
                    indices.s2Confidence = confidence
                }
                return indices
            }
        }
    }
}

/// One worker's running sums: per chunk of outputs `(R + 1) x (outputs x features)`,
/// and the range of each output's A and B.
private struct ChunkSums {
    let chunks: [Int]
    let outputs: Int
    let features: SobolFeatures
    let resamples: Int
    var values: [[Double]]
    var low: [[Double]]
    var high: [[Double]]
    var scratch: [Double]

    init(chunks: [Int], outputs: Int, features: SobolFeatures, resamples: Int) {
        self.chunks = chunks
        self.outputs = outputs
        self.features = features
        self.resamples = resamples
        let ranges = chunks.map { Self.range($0, outputs) }
        values = ranges.map { [Double](repeating: 0, count: (resamples + 1) * $0.count * features.count) }
        low = ranges.map { [Double](repeating: .infinity, count: $0.count) }
        high = ranges.map { [Double](repeating: -.infinity, count: $0.count) }
        scratch = [Double](repeating: 0, count: SobolAnalysis.block * SobolAnalysis.chunk * features.count)
    }

    static func range(_ chunk: Int, _ outputs: Int) -> Range<Int> {
        (chunk * SobolAnalysis.chunk)..<min(outputs, (chunk + 1) * SobolAnalysis.chunk)
    }

    func range(_ slot: Int) -> Range<Int> { Self.range(chunks[slot], outputs) }

    /// Adds the features of `basePoints` for every chunk, weighted by `counts` (the block's
    /// columns of the resample counts, `(R + 1) x basePoints.count`).
    mutating func add(_ shared: SharedTable, basePoints: Range<Int>, counts: [Double]) {
        let f = features.count
        for slot in chunks.indices {
            let range = self.range(slot), width = range.count * f
            scratch.withUnsafeMutableBufferPointer { block in
                for (row, i) in basePoints.enumerated() {
                    for (local, o) in range.enumerated() {
                        let extent = features.fill(
                            shared.table, columns: outputs, basePoint: i, output: o, mean: shared.moments.mean[o],
                            sd: shared.moments.sd[o] > 0 ? shared.moments.sd[o] : 1, into: block, at: row * width + local * f)
                        low[slot][local] = min(low[slot][local], extent.low)
                        high[slot][local] = max(high[slot][local], extent.high)
                    }
                }
            }
            counts.withUnsafeBufferPointer { c in
                scratch.withUnsafeBufferPointer { x in
                    values[slot].withUnsafeMutableBufferPointer { s in
                        BlockProduct.multiplyAdding(m: resamples + 1, n: width, k: basePoints.count, a: c, b: x, into: s)
                    }
                }
            }
        }
    }
}

/// The read-only table the threads share, with its column moments.
private struct SharedTable: @unchecked Sendable {
    let table: UnsafeBufferPointer<Double>
    let moments: OutputMoments

    init(_ table: UnsafeBufferPointer<Double>, moments: OutputMoments) {
        self.table = table
        self.moments = moments
    }
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
