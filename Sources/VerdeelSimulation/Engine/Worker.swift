import VerdeelCore
import VerdeelLanguage
import VerdeelLinearAlgebra

/// One thread's share of a run, with buffers allocated once and reused for every tile:
/// key shares of a tile of variants (BLAS), the rounded amounts of one variant, the
/// rounding kernel and the summariser.
struct Worker {
    let regions: Int
    let draws: Int
    let layout: Layout
    private var keyShares: [Double]
    private var amounts: [Double]
    private var weights: [Double]
    private var kernel: LargestRemainderKernel
    private var summariser = ColumnSummariser()
    /// The last summary of each slot this worker computed: a starting point for the next
    /// variant's quantiles (which are exact whatever the hint).
    private var hints: [DrawSummary?]
    private let rankCounter: RankCounter?

    init(regions: Int, draws: Int, layout: Layout, ranks: Bool) {
        self.regions = regions
        self.draws = draws
        self.layout = layout
        keyShares = Array(repeating: 0, count: MonteCarloEngine.tile * regions * draws)
        amounts = Array(repeating: 0, count: regions * draws)
        weights = []
        hints = Array(repeating: nil, count: layout.slots.count)
        rankCounter = ranks ? RankCounter(regions: regions, draws: draws) : nil
        kernel = LargestRemainderKernel(regions: regions, draws: draws)
    }

    mutating func run(
        variants: [Int], values: [[Double]], parameters: [VariantParameter], measures: [PreparedMeasure],
        allocator: Allocator, output: Output
    ) {
        let columns = regions * draws
        for measure in measures {
            var settings = [VariantSettings?]()
            for (offset, variant) in variants.enumerated() {
                do {
                    settings.append(try VariantSettings.make(measure.planned, parameters: parameters, values: values[offset], allocator: allocator))
                } catch {
                    output.markInfeasible(variant, error.description)
                    settings.append(nil)
                }
            }
            let k = measure.criteriaCount
            weights = Array(repeating: 0, count: variants.count * k)
            for (offset, setting) in settings.enumerated() {
                for j in 0..<k { weights[offset * k + j] = measure.perturbedWeights ? 1 : setting?.weights[j] ?? 0 }
            }
            weights.withUnsafeBufferPointer { w in
                measure.keyMatrix.withUnsafeBufferPointer { b in
                    keyShares.withUnsafeMutableBufferPointer { x in
                        BlockProduct.multiply(m: variants.count, n: columns, k: k, a: w, b: b, into: x)
                    }
                }
            }
            for (offset, variant) in variants.enumerated() {
                guard let setting = settings[offset] else { continue }
                distribute(measure, setting, variant: variant, row: offset, output: output)
            }
        }
    }

    private mutating func distribute(_ measure: PreparedMeasure, _ setting: VariantSettings, variant: Int, row: Int, output: Output) {
        let columns = regions * draws
        let unitEuros = layout.unitEuros[measure.index]
        for (yearIndex, year) in setting.poolTotals.enumerated() {
            for (poolIndex, total) in year.units.enumerated() {
                var base = setting.baseUnits ?? Array(repeating: 0, count: regions)
                let baseTotal = base.reduce(0, +)
                var remainder = Double(total) - baseTotal
                if baseTotal > Double(total) {
                    guard setting.policy == .scale else {
                        let euros = { (units: Double) in Money(cents: Int64((units * unitEuros * 100).rounded())) }
                        output.markInfeasible(variant, "measure '\(measure.planned.id)', \(year.year): the fixed bases need \(euros(baseTotal)) but only \(euros(Double(total))) is available (policy 'error')")
                        return
                    }
                    let factor = Double(total) / baseTotal
                    base = base.map { $0 * factor }
                    remainder = 0
                }
                let accumulate = poolIndex > 0
                switch measure.pools[poolIndex] {
                case .measureKey:
                    keyShares.withUnsafeBufferPointer { x in
                        amounts.withUnsafeMutableBufferPointer { y in
                            kernel.round(shares: x.baseAddress! + row * columns, base: base, remainder: remainder, total: total, into: y.baseAddress!, accumulate: accumulate)
                        }
                    }
                case .fixed(let shares):
                    shares.withUnsafeBufferPointer { x in
                        amounts.withUnsafeMutableBufferPointer { y in
                            kernel.round(shares: x.baseAddress!, base: base, remainder: remainder, total: total, into: y.baseAddress!, accumulate: accumulate)
                        }
                    }
                }
            }
            let first = layout.firstSlot[measure.index][yearIndex]
            amounts.withUnsafeBufferPointer { y in
                for r in 0..<regions {
                    let column = UnsafeBufferPointer(rebasing: y[(r * draws)..<((r + 1) * draws)])
                    let units = summariser.summarise(column, baseline: layout.baselineUnits[first + r], hint: hints[first + r])
                    hints[first + r] = units
                    let summary = DrawSummary(
                        mean: units.mean * unitEuros, standardDeviation: units.standardDeviation * unitEuros,
                        p05: units.p05 * unitEuros, p50: units.p50 * unitEuros, p95: units.p95 * unitEuros,
                        probabilityBelowBaseline: units.probabilityBelowBaseline)
                    output.write(summary, variant: variant, slot: first + r)
                }
                if let rankCounter {
                    let baseline = Array(layout.baselineRanks[first..<(first + regions)])
                    for (r, ranks) in rankCounter.summarise(y, baselineRanks: baseline).enumerated() {
                        output.write(ranks, variant: variant, slot: first + r)
                    }
                }
            }
        }
    }
}
