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
    /// The nominal data, for floors and caps per indicator.
    let table: RegionTable
    private var keyShares: [Double]
    private var amounts: [Double]
    private var weights: [Double]
    private var kernel: LargestRemainderKernel
    private var summariser = ColumnSummariser()
    /// The last summary of each slot this worker computed: a starting point for the next
    /// variant's quantiles (which are exact whatever the hint).
    private var hints: [DrawSummary?]
    private let rankCounter: RankCounter?
    /// For measures with limits: each pool's units per region and draw in the year just
    /// done, the reference of a transition limit in the next year.
    private var previousYear: [[Int64]] = []
    private var currentYear: [[Int64]] = []

    init(regions: Int, draws: Int, layout: Layout, ranks: Bool, table: RegionTable) {
        self.table = table
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

    /// A measure with floors or caps: each draw through the core's own pool distribution
    /// (limits with redistribution, then rounding). `false` when a draw is infeasible.
    private mutating func distributeLimited(
        _ measure: PreparedMeasure, _ setting: VariantSettings, year: Int, total: Int64, pool: Int, variant: Int, row: Int, output: Output
    ) -> Bool {
        let columns = regions * draws
        var planned = measure.planned.measure
        if let baseUnits = setting.baseUnits, let first = baseUnits.first {
            planned.base = Base(.uniform(Money(cents: Int64((first * Double(planned.rounding.cents)).rounded()))), ifInfeasible: setting.policy)
        }
        let limited: LimitedPool
        do { limited = try LimitedPool(planned, year: year, table: table) } catch {
            output.markInfeasible(variant, error.description)
            return false
        }
        var shares = [Double](repeating: 0, count: regions)
        while currentYear.count <= pool { currentYear.append(Array(repeating: 0, count: columns)) }
        let previous = pool < previousYear.count && limited.needsPreviousYear ? previousYear[pool] : nil
        for d in 0..<draws {
            for r in 0..<regions {
                switch measure.pools[pool] {
                case .measureKey: shares[r] = keyShares[row * columns + r * draws + d]
                case .fixed(let fixed): shares[r] = fixed[r * draws + d]
                }
            }
            do {
                let units = try limited.units(total: total, keyShares: shares, previous: previous.map { p in (0..<regions).map { p[$0 * draws + d] } })
                for r in 0..<regions {
                    amounts[r * draws + d] = (pool > 0 ? amounts[r * draws + d] : 0) + Double(units[r])
                    currentYear[pool][r * draws + d] = units[r]
                }
            } catch {
                output.markInfeasible(variant, "draw \(d + 1): \(error)")
                return false
            }
        }
        return true
    }

    private mutating func distribute(_ measure: PreparedMeasure, _ setting: VariantSettings, variant: Int, row: Int, output: Output) {
        let columns = regions * draws
        let unitEuros = layout.unitEuros[measure.index]
        previousYear.removeAll(keepingCapacity: true)
        for (yearIndex, year) in setting.poolTotals.enumerated() {
            defer { if !measure.planned.measure.limits.isEmpty { swap(&previousYear, &currentYear) } }
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
                if !measure.planned.measure.limits.isEmpty {
                    guard distributeLimited(measure, setting, year: year.year, total: total, pool: poolIndex, variant: variant, row: row, output: output) else { return }
                    continue
                }
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
