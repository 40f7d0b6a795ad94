/// Standard deviation with divisor count - 1 (0 for fewer than two values): the spread of
/// bootstrap estimates, as numpy's `std(ddof=1)` in SALib.
enum SampleSpread {
    static func sd(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
