import VerdeelDesign

/// One ranking of the factors for many outputs together: aggregated (generalised) Sobol
/// indices (Lamboni, Monod and Makowski 2011; Gamboa, Janon, Klein and Lagnoux 2014), each
/// output's index weighted by its variance `V_o`:
/// ```
/// S_g = sum_o V_o S_o,g / sum_o V_o        (first order and total alike)
/// ```
/// the share of the outputs' summed variance that factor g explains (alone, or with its
/// interactions): the Sobol index of the vector of outputs. For a measure and year over the
/// regions' amounts it says which factor moves the allocation as a whole, with big amounts
/// weighing as much as they move. Intervals come from the bootstrap resamples the outputs'
/// own intervals use (one resampling of the base points for every output): the aggregate of
/// each resample, with the weights of the whole sample, and `z sd` over them.
public struct SobolAggregate: Sendable, Equatable {
    public let measure: String
    public let year: Int
    /// The outputs aggregated (those that vary).
    public let outputs: Int
    public let s1: [Double]
    public let s1Confidence: [Double]
    public let st: [Double]
    public let stConfidence: [Double]

    /// The aggregate of `indices` (one per output), or `nil` when no output varies. `z` is
    /// the normal quantile of the intervals (1.96 for 95%).
    public init?(measure: String, year: Int, _ indices: [SobolIndices], z: Double) {
        let varying = indices.filter { $0.variance > 0 && !$0.isConstant }
        let total = varying.reduce(0) { $0 + $1.variance }
        guard let groups = varying.first?.s1.count, total > 0, total.isFinite else { return nil }
        let resamples = varying.map(\.s1Resamples.count).max() ?? 0
        func aggregate(_ pick: (SobolIndices) -> [Double]) -> [Double] {
            (0..<groups).map { g in varying.reduce(0) { $0 + $1.variance * pick($1)[g] } / total }
        }
        /// Resample b of an output; an output whose indices are 0 by definition has none, and
        /// is 0 in every resample.
        func resampled(_ pick: (SobolIndices) -> [[Double]]) -> [Double] {
            let draws = (0..<resamples).map { b in aggregate { index in pick(index).isEmpty ? [Double](repeating: 0, count: groups) : pick(index)[b] } }
            return (0..<groups).map { g in z * SampleSpread.sd(draws.map { $0[g] }) }
        }
        (self.measure, self.year, outputs) = (measure, year, varying.count)
        s1 = aggregate(\.s1)
        st = aggregate(\.st)
        s1Confidence = resampled(\.s1Resamples)
        stConfidence = resampled(\.stResamples)
    }
}

extension ScenarioSensitivity {
    /// The Sobol indices aggregated per measure and year over the regions' amounts in whole
    /// euros (not the exact amounts or the fairness metrics, which are in other units), in
    /// the order the outputs first name each measure and year; empty for Morris.
    public var aggregated: [SobolAggregate] {
        guard let sobol else { return [] }
        var order = [(measure: String, year: Int)]()
        var members = [String: [SobolIndices]]()
        for (o, output) in outputs.enumerated() where !output.name.contains(":") {
            let key = "\(output.measure)\u{0}\(output.year)"
            if members[key] == nil { order.append((output.measure, output.year)) }
            members[key, default: []].append(sobol[o])
        }
        let z = NormalQuantile.of(0.5 + Self.confidenceLevel / 2)
        return order.compactMap { SobolAggregate(measure: $0.measure, year: $0.year, members["\($0.measure)\u{0}\($0.year)"] ?? [], z: z) }
    }

    /// The level of every interval of a scenario's analysis.
    public static let confidenceLevel = 0.95
}
