/// Mean and standard deviation (divisor n) of every column of a row-major table, in two
/// passes that read the rows in order: SALib normalises each output by them,
/// `y' = (y - mean) / sd`, before it estimates indices.
struct OutputMoments {
    let mean: [Double]
    let sd: [Double]

    init(_ table: UnsafeBufferPointer<Double>, rows: Int, columns: Int) {
        var sum = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { sum[c] += table[r * columns + c] }
        }
        let mean = sum.map { $0 / Double(rows) }
        var squares = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns {
                let d = table[r * columns + c] - mean[c]
                squares[c] += d * d
            }
        }
        self.mean = mean
        sd = squares.map { ($0 / Double(rows)).squareRoot() }
    }
}
