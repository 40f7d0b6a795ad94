import Foundation
import Synchronization

/// Mean and standard deviation (divisor n) of every column of a row-major table: SALib
/// normalises each output by them, `y' = (y - mean) / sd`, before it estimates indices.
/// Two passes (sums, then squared deviations from the mean), each over fixed stretches of
/// ``stretch`` rows that threads take in any order; the stretches' partial sums are added
/// in stretch order, so the result is the same for any thread count.
struct OutputMoments {
    static let stretch = 512
    let mean: [Double]
    let sd: [Double]

    init(_ table: UnsafeBufferPointer<Double>, rows: Int, columns: Int, threads: Int) {
        let shared = SharedRows(table)
        let sums = Self.columnSums(shared, rows: rows, columns: columns, threads: threads, around: nil)
        let mean = sums.map { $0 / Double(rows) }
        let squares = Self.columnSums(shared, rows: rows, columns: columns, threads: threads, around: mean)
        self.mean = mean
        sd = squares.map { ($0 / Double(rows)).squareRoot() }
    }

    private static func columnSums(
        _ shared: SharedRows, rows: Int, columns: Int, threads: Int, around center: [Double]?
    ) -> [Double] {
        let stretches = (rows + stretch - 1) / stretch
        let partial = Mutex([[Double]](repeating: [], count: stretches))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, stretches))) { _ in
            while case let s = next.add(1, ordering: .relaxed).oldValue, s < stretches {
                var sum = [Double](repeating: 0, count: columns)
                for r in (s * stretch)..<min(rows, (s + 1) * stretch) {
                    if let center {
                        for c in 0..<columns {
                            let d = shared.table[r * columns + c] - center[c]
                            sum[c] += d * d
                        }
                    } else {
                        for c in 0..<columns { sum[c] += shared.table[r * columns + c] }
                    }
                }
                partial.withLock { $0[s] = sum }
            }
        }
        return partial.withLock { parts in
            parts.reduce(into: [Double](repeating: 0, count: columns)) { total, part in
                for c in 0..<columns { total[c] += part[c] }
            }
        }
    }
}

/// The table the threads read.
private struct SharedRows: @unchecked Sendable {
    let table: UnsafeBufferPointer<Double>
    init(_ table: UnsafeBufferPointer<Double>) { self.table = table }
}
