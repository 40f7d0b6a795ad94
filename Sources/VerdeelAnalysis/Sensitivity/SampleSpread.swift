import VerdeelDesign

/// Standard deviation with divisor count - 1 (0 for fewer than two values): the spread of
/// bootstrap estimates, as numpy's `std(ddof=1)` in SALib.
enum SampleSpread {
    /// Refuses bootstrap settings that give no interval: fewer than 2 or more than 100,000
    /// resamples, a confidence level outside (0, 1).
    static func checkBootstrap(resamples: Int, confidenceLevel: Double) throws(DesignError) {
        guard resamples >= 2, resamples <= 100_000 else { throw DesignError("the number of bootstrap resamples must be between 2 and 100,000, not \(resamples)") }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw DesignError("the confidence level must lie between 0 and 1 (such as 0.95), not \(confidenceLevel)") }
    }

    static func sd(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
