import VerdeelCore
import VerdeelModel
import VerdeelLinearAlgebra

/// One thread's share of a run, with buffers allocated once and reused for every tile.
/// A tile of variants goes through the draws block by block: "allocate a tile" (one BLAS
/// product gives the tile's key shares for the block, then per variant the bases, limits
/// and rounding), then "feed the statistics" (``AmountSummaries`` and the plugged-in
/// statistics' accumulators) while the block is in cache. A variant whose quantile
/// brackets miss runs again, wider, then alone with its amounts kept whole.
struct Worker {
    let regions: Int
    let blocks: DrawBlocks
    let layout: Layout
    /// The nominal data, for floors and caps per indicator.
    let table: RegionTable
    /// The run's draws, to recompute one draw's criterion values for a close rounding call.
    let generator: DrawGenerator
    /// The statistics plugged into the run, and the per-draw shares of each one's criteria.
    let drawStatistics: [any DrawStatistic]
    let drawStatisticShares: [[[Double]]]
    /// This worker's number among the run's threads (handed to the statistics' accumulators).
    let index: Int
    /// Asked before each block of draws: false stops the worker (the run is cancelled).
    let steps: DrawSteps?
    private var tileShares: [Double]
    private var amounts: [Double]
    private var weights: [Double] = []
    private var kernel: LargestRemainderKernel
    private var quantiles = ExactQuantiles()
    /// Where each slot's quantiles fell for the last variant this worker finished.
    private let hints: AmountHints
    /// For measures with limits: each pool's units in one block in the year just done, the
    /// reference of a transition limit in the next year, and in the current year.
    private var previousYear: [[Int64]] = []
    private var currentYear: [[Int64]] = []
    /// For measures with limits: sixteen draws of a pool at a time.
    private let limitedLanes: LimitedLanes
    /// For statistics across measures: the tile's variants, each one's amounts summed over
    /// the measures (euros, `[((v * years + y) * regions + r) * draws + d]`, years as in
    /// `layout.years`), and one measure's amounts of the variants being run, kept until
    /// they are written (a variant whose brackets miss runs again).
    private var summed: [Int] = []
    private var sums: [Double] = []
    private var staging: [Double] = []
    /// For statistics that read them (``DrawStatistic/wantsUnroundedAmounts``): the block's
    /// amounts before rounding, laid out as `amounts` (units); empty for others.
    private var unrounded: [Double]
    private let keepsUnrounded: Bool

    init(
        blocks: DrawBlocks, layout: Layout, table: RegionTable, generator: DrawGenerator,
        statistics: [any DrawStatistic] = [], statisticShares: [[[Double]]] = [], index: Int = 0, steps: DrawSteps? = nil
    ) {
        self.index = index
        self.steps = steps
        self.table = table
        self.generator = generator
        drawStatistics = statistics
        drawStatisticShares = statisticShares
        self.blocks = blocks
        regions = blocks.regions
        self.layout = layout
        let cells = regions * blocks.size
        tileShares = Array(repeating: 0, count: MonteCarloEngine.tile * cells)
        amounts = Array(repeating: 0, count: cells)
        keepsUnrounded = statistics.contains(where: \.wantsUnroundedAmounts)
        unrounded = keepsUnrounded ? Array(repeating: 0, count: cells) : []
        hints = AmountHints(slots: layout.slots.count)
        kernel = LargestRemainderKernel(regions: regions)
        limitedLanes = LimitedLanes(kernel: kernel)
    }

    mutating func run(
        variants: [Int], values: [[Double]], parameters: [VariantParameter], measures: [PreparedMeasure],
        allocator: Allocator, output: Output
    ) {
        let across = drawStatistics.indices.filter { drawStatistics[$0].acrossMeasures }
        summed = measures.count > 1 && !across.isEmpty ? variants : []
        if !summed.isEmpty {
            let count = variants.count * layout.years.count * regions * blocks.draws
            if sums.count < count { sums = Array(repeating: 0, count: count) }
            sums.withUnsafeMutableBufferPointer { MutableBufferHandle($0).slice(from: 0, count: count).update(repeating: 0) }
        }
        defer { if !summed.isEmpty { feedAcrossMeasures(across, output: output) } }
        for measure in measures {
            var members = [(variant: Int, settings: VariantSettings)]()
            for (offset, variant) in variants.enumerated() {
                do {
                    members.append((variant, try VariantSettings.make(measure.planned, parameters: parameters, values: values[offset], allocator: allocator)))
                } catch {
                    output.markInfeasible(variant, error.description)
                }
            }
            // Few draws: every variant's amounts are kept and summarised whole, no brackets.
            guard blocks.draws >= AmountSummaries.bracketDraws else {
                run(members, measure: measure, alone: true, output: output)
                continue
            }
            let slots = layout.firstSlot[measure.index].flatMap { first in first..<(first + regions) }
            if let first = members.first, slots.contains(where: { hints.slots[$0] == nil }) {
                run([first], measure: measure, alone: true, output: output)
                members.removeFirst()
            }
            // Brackets that missed get a second chance, four times as wide, from the hints of
            // the tile's variants that just finished (nearer); then the variant runs alone.
            var missed = run(members, measure: measure, alone: false, output: output)
            if !missed.isEmpty { missed = run(missed, measure: measure, alone: false, widening: 4, output: output) }
            for member in missed { run([member], measure: measure, alone: true, output: output) }
        }
    }

    /// One measure for a tile of variants; returns the variants whose brackets missed
    /// (only when not `alone`), which have written nothing. Variants run alone together only
    /// when they have few draws.
    @discardableResult
    private mutating func run(
        _ members: [(variant: Int, settings: VariantSettings)], measure: PreparedMeasure, alone: Bool, widening: Double = 1, output: Output
    ) -> [(variant: Int, settings: VariantSettings)] {
        guard !members.isEmpty else { return [] }
        let years = members[0].settings.poolTotals.count
        let draws = blocks.draws
        let k = measure.criteriaCount
        let unitEuros = layout.unitEuros[measure.index]
        let firstSlots = layout.firstSlot[measure.index]

        let (pools, limited, feasible) = preparePools(members, measure: measure, output: output)
        var alive = feasible

        // The statistics, per variant and year: the amounts' summaries first, then the plugged-in ones.
        let summaries = members.indices.flatMap { m in
            (0..<years).map { y in
                AmountSummaries(
                    measure: measure, weights: measure.perturbedWeights ? Array(repeating: 1, count: k) : members[m].settings.weights,
                    pools: alive[m] && y < pools[m].count ? pools[m][y] : [], firstSlot: firstSlots[y],
                    baselineUnits: layout.baselineUnits[firstSlots[y]..<(firstSlots[y] + regions)], draws: draws, unitEuros: unitEuros,
                    pass: alone ? .whole : .bracketed(widening: widening), hints: hints,
                    bounds: alive[m] && y < limited[m].count ? limited[m][y].flatMap { Self.bounds($0, totals: members[m].settings.poolTotals[y].units) } : nil)
            }
        }
        let accumulators = members.indices.flatMap { m in
            (0..<years).flatMap { y in
                drawStatistics.map { statistic in
                    statistic.accumulator(StatisticContext(
                        measure: measure.planned.id, year: members[m].settings.poolTotals[y].year, regions: table.regions.map(\.code), regionNames: table.regions.map(\.name),
                        baselineEuros: (0..<regions).map { layout.baselineUnits[firstSlots[y] + $0] * unitEuros }, draws: draws, worker: index))
                }
            }
        }
        let columnCount = members.count * years * regions * draws
        if !summed.isEmpty, staging.count < columnCount { staging = Array(repeating: 0, count: columnCount) }

        weights = Array(repeating: 0, count: members.count * k)
        for (m, member) in members.enumerated() {
            for j in 0..<k { weights[m * k + j] = measure.perturbedWeights ? 1 : member.settings.weights[j] }
        }
        for b in 0..<blocks.count {
            guard steps?.next() ?? true else { return [] }
            let width = blocks.width(b), start = blocks.range(b).lowerBound
            allocateTile(measure, members: members.count, block: b)
            for m in members.indices where alive[m] {
                previousYear.removeAll(keepingCapacity: true)
                for y in 0..<years {
                    let total = members[m].settings.poolTotals[y]
                    if let limits = limited[m][y] {
                        if let failure = distributeLimited(measure, members[m].settings, limits, totals: total.units, block: b, row: m) {
                            output.markInfeasible(members[m].variant, failure)
                            alive[m] = false
                            break
                        }
                    } else if !round(measure, members[m].settings, pools: pools[m][y], totals: total.units, block: b, row: m) {
                        output.markInfeasible(members[m].variant, "measure '\(measure.planned.id)', \(total.year): a rounding decision could not be made in exact arithmetic (please report this)")
                        alive[m] = false
                        break
                    }
                    let slot = m * years + y
                    amounts.withUnsafeBufferPointer { y0 in
                        let block = BufferHandle(y0).slice(from: 0, count: regions * width)
                        unrounded.withUnsafeBufferPointer { u0 in
                            let before = keepsUnrounded ? BufferHandle(u0).slice(from: 0, count: regions * width) : nil
                            feed(
                                summaries[slot], accumulators[(slot * drawStatistics.count)..<((slot + 1) * drawStatistics.count)], amounts: block, unrounded: before,
                                width: width, start: start, unitEuros: unitEuros)
                        }
                        if !summed.isEmpty {
                            for r in 0..<regions {
                                for j in 0..<width { staging[(slot * regions + r) * draws + start + j] = block[r * width + j] * unitEuros }
                            }
                        }
                    }
                }
            }
        }

        var missed = [(variant: Int, settings: VariantSettings)]()
        for (m, member) in members.enumerated() where alive[m] {
            let own = accumulators[(m * years * drawStatistics.count)..<((m + 1) * years * drawStatistics.count)]
            if let failure = own.lazy.compactMap(\.failure).first {
                output.markInfeasible(member.variant, "measure '\(measure.planned.id)': \(failure)")
                continue
            }
            var yearSummaries = [[DrawSummary]]()
            for y in 0..<years {
                guard let found = summaries[m * years + y].summaries(&quantiles) else { break }
                yearSummaries.append(found)
            }
            guard yearSummaries.count == years else {
                missed.append(member)
                continue
            }
            for y in 0..<years {
                for r in 0..<regions { output.write(yearSummaries[y][r], variant: member.variant, slot: firstSlots[y] + r) }
                summaries[m * years + y].keepHints(in: hints, firstSlot: firstSlots[y])
                for (k, accumulator) in own[(own.startIndex + y * drawStatistics.count)...].prefix(drawStatistics.count).enumerated() {
                    output.write(accumulator.producedRows(), statistic: k, variant: member.variant)
                }
                if let v = summed.firstIndex(of: member.variant), let year = layout.years.firstIndex(of: member.settings.poolTotals[y].year) {
                    let cells = regions * draws
                    let (from, to) = ((m * years + y) * cells, (v * layout.years.count + year) * cells)
                    for index in 0..<cells { sums[to + index] += staging[from + index] }
                }
            }
        }
        return missed
    }

    /// Per variant and year: each pool's base and remainder (in units) and the limits if
    /// any; a variant whose bases or limits are infeasible is marked so (and not alive).
    private func preparePools(
        _ members: [(variant: Int, settings: VariantSettings)], measure: PreparedMeasure, output: Output
    ) -> (pools: [[[(base: [Double], remainder: Double)]]], limited: [[LimitedPool?]], alive: [Bool]) {
        let unitEuros = layout.unitEuros[measure.index]
        var pools = [[[(base: [Double], remainder: Double)]]]()
        var limited = [[LimitedPool?]]()
        var alive = [Bool]()
        for member in members {
            var ok = true
            var memberPools = [[(base: [Double], remainder: Double)]]()
            var memberLimits = [LimitedPool?]()
            for year in member.settings.poolTotals {
                var yearPools = [(base: [Double], remainder: Double)]()
                for (pool, total) in year.units.enumerated() {
                    var base = member.settings.baseUnits ?? Array(repeating: 0, count: regions)
                    let baseTotal = base.reduce(0, +)
                    var remainder = Double(total) - baseTotal
                    if baseTotal > Double(total) {
                        guard member.settings.policy == .scale else {
                            let euros = { (units: Double) in Money(cents: Int64((units * unitEuros * 100).rounded())) }
                            let components = measure.planned.measure.components
                            let infeasible = AllocationError.infeasibleBase(
                                measure: measure.planned.id, component: components.indices.contains(pool) ? components[pool].name : nil, year: year.year,
                                required: euros(baseTotal), available: euros(Double(total)))
                            output.markInfeasible(member.variant, infeasible.description)
                            ok = false
                            break
                        }
                        let factor = Double(total) / baseTotal
                        base = base.map { $0 * factor }
                        remainder = 0
                    }
                    yearPools.append((base, remainder))
                }
                memberPools.append(yearPools)
                if ok, !measure.planned.measure.limits.canNeverBind {
                    do { memberLimits.append(try limitedPool(measure, member.settings, year: year.year)) } catch {
                        output.markInfeasible(member.variant, error.description)
                        ok = false
                    }
                } else {
                    memberLimits.append(nil)
                }
                if !ok { break }
            }
            pools.append(memberPools)
            limited.append(memberLimits)
            alive.append(ok)
        }
        return (pools, limited, alive)
    }

    /// The tile's key shares for block `b`: one BLAS product of the members' weights and
    /// the block's criterion shares.
    private mutating func allocateTile(_ measure: PreparedMeasure, members: Int, block b: Int) {
        let k = measure.criteriaCount, cells = regions * blocks.width(b)
        weights.withUnsafeBufferPointer { w in
            measure.keyMatrix.withUnsafeBufferPointer { key in
                tileShares.withUnsafeMutableBufferPointer { x in
                    let block = BufferHandle(key).slice(from: k * blocks.offset(b), count: k * cells)
                    BlockProduct.multiply(m: members, n: cells, k: k, a: w, b: block.buffer, into: x)
                }
            }
        }
    }

    /// The statistics across measures for each of the tile's feasible variants: every year's
    /// amounts summed over the measures, as one block of all draws.
    private func feedAcrossMeasures(_ across: [Int], output: Output) {
        let draws = blocks.draws, cells = regions * draws
        for (v, variant) in summed.enumerated() where !output.isInfeasible(variant) {
            for (y, year) in layout.years.enumerated() {
                let context = StatisticContext(
                    measure: StatisticContext.allMeasures, year: year, regions: table.regions.map(\.code), regionNames: table.regions.map(\.name),
                    baselineEuros: Array(layout.baselineTotals[(y * regions)..<((y + 1) * regions)]), draws: draws, worker: index)
                for k in across {
                    let accumulator = drawStatistics[k].accumulator(context)
                    sums.withUnsafeBufferPointer { amounts in
                        withRows(drawStatisticShares[k]) { rows in
                            accumulator.add(DrawBlock(
                                amounts: BufferHandle(amounts).slice(from: (v * layout.years.count + y) * cells, count: cells), unitEuros: 1, draws: draws,
                                width: draws, start: 0, regions: regions, shareRows: rows))
                        }
                    }
                    if let failure = accumulator.failure {
                        output.markInfeasible(variant, "all measures, \(year): \(failure)")
                        break
                    }
                    output.write(accumulator.producedRows(), statistic: k, variant: variant)
                }
            }
        }
    }

    /// Hands one block of a variant's year to its statistics: the amounts' summaries, then
    /// the plugged-in statistics' accumulators (with the shares of their criteria, and the
    /// amounts before rounding when kept).
    private func feed(
        _ summaries: AmountSummaries, _ accumulators: ArraySlice<any TableAccumulator>, amounts: BufferHandle<Double>, unrounded: BufferHandle<Double>?,
        width: Int, start: Int, unitEuros: Double
    ) {
        summaries.add(DrawBlock(amounts: amounts, unitEuros: unitEuros, draws: blocks.draws, width: width, start: start, regions: regions, shareRows: []))
        for (k, accumulator) in accumulators.enumerated() {
            withRows(drawStatisticShares[k]) { pointers in
                accumulator.add(DrawBlock(
                    amounts: amounts, unitEuros: unitEuros, draws: blocks.draws, width: width, start: start, regions: regions, shareRows: pointers,
                    unrounded: unrounded))
            }
        }
    }

    /// Handles of every row, valid inside `body`.
    private func withRows(_ rows: [[Double]], _ body: ([BufferHandle<Double>]) -> Void, _ done: [BufferHandle<Double>] = []) {
        guard done.count < rows.count else { return body(done) }
        rows[done.count].withUnsafeBufferPointer { row in withRows(rows, body, done + [BufferHandle(row)]) }
    }

    /// Rounds every pool of one year for one variant's block of draws into `amounts`;
    /// `false` when a close call could not be decided exactly.
    private mutating func round(
        _ measure: PreparedMeasure, _ settings: VariantSettings, pools: [(base: [Double], remainder: Double)], totals: [Int64], block b: Int, row m: Int
    ) -> Bool {
        let width = blocks.width(b), start = blocks.range(b).lowerBound
        let (generator, kernel, regions) = (self.generator, self.kernel, self.regions)
        let terms = regions + measure.keyTermsCount + 8
        var succeeded = true
        for (p, (base, remainder)) in pools.enumerated() {
            let exact = { (j: Int) -> [Int64]? in
                Self.exactUnits(measure, settings, pool: p, draw: start + j, total: totals[p], regions: regions, generator: generator)
            }
            amounts.withUnsafeMutableBufferPointer { y in
                Self.withShares(measure, pool: p, blocks: blocks, block: b, row: m, tileShares: tileShares) { x in
                    succeeded = kernel.round(
                        shares: x, width: width, base: base, remainder: remainder, total: totals[p],
                        into: MutableBufferHandle(y).slice(from: 0, count: regions * width), accumulate: p > 0, terms: terms, exact: exact) && succeeded
                }
            }
            if keepsUnrounded { addUnrounded(measure, pool: p, base: base, remainder: remainder, block: b, row: m) }
        }
        return succeeded
    }

    /// Adds pool `p`'s amounts before rounding in block `b`, `base + remainder * share` as
    /// the kernel forms them, into `unrounded`.
    private mutating func addUnrounded(_ measure: PreparedMeasure, pool p: Int, base: [Double], remainder: Double, block b: Int, row m: Int) {
        let (width, regions, blocks, tileShares) = (blocks.width(b), self.regions, self.blocks, self.tileShares)
        unrounded.withUnsafeMutableBufferPointer { y in
            Self.withShares(measure, pool: p, blocks: blocks, block: b, row: m, tileShares: tileShares) { x in
                for r in 0..<regions {
                    for j in 0..<width {
                        let index = r * width + j
                        y[index] = (p > 0 ? y[index] : 0) + (base[r] + remainder * x[index])
                    }
                }
            }
        }
    }

    /// Pool `p`'s units in draw `d` in exact arithmetic (no limits); `nil` if that failed.
    private static func exactUnits(
        _ measure: PreparedMeasure, _ settings: VariantSettings, pool p: Int, draw d: Int, total: Int64, regions: Int, generator: DrawGenerator
    ) -> [Int64]? {
        guard let key = try? exactKey(measure, settings, pool: p, draw: d, generator: generator) else { return nil }
        return ExactPool.round(
            total: total, baseCents: settings.baseCents, unitCents: measure.planned.measure.rounding.cents, key: key, bounds: nil, regions: regions)?.units
    }

    /// Pool `p`'s key in draw `d` as exact inputs: the draw's criterion values (recomputed)
    /// and the variant's exact weights, or the draw's own under a Dirichlet perturbation.
    private static func exactKey(
        _ measure: PreparedMeasure, _ settings: VariantSettings, pool p: Int, draw d: Int, generator: DrawGenerator
    ) throws(AllocationError) -> ExactKey {
        let values: [String: [Double]]
        do { values = try generator.values(draw: d) } catch {
            throw .invariantViolated(measure: measure.planned.id, year: 0, detail: "draw \(d + 1) cannot be computed again: \(error)")
        }
        let terms: [Key.Term]
        let weights: [Rational]
        switch measure.pools[p] {
        case .measureKey:
            terms = measure.planned.measure.key.terms
            weights = measure.drawnWeights(draw: d)?.compactMap { Rational(exactly: $0) } ?? settings.exactWeights
        case .fixed:
            terms = measure.planned.measure.components[p].key?.terms ?? []
            weights = terms.map { Rational($0.weight) }
        }
        return ExactKey(zip(terms, weights).map { term, weight in ExactKey.Term(weight: weight, values: values[term.criterion.name] ?? []) })
    }

    /// The core's pool distribution for a variant's measure and year: floors, caps and
    /// transition limits with redistribution.
    private func limitedPool(_ measure: PreparedMeasure, _ setting: VariantSettings, year: Int) throws(AllocationError) -> LimitedPool {
        var planned = measure.planned.measure
        if let baseUnits = setting.baseUnits, let first = baseUnits.first {
            planned.base = Base(.uniform(Money(cents: Int64((first * Double(planned.rounding.cents)).rounded()))), ifInfeasible: setting.policy)
        }
        return try LimitedPool(planned, year: year, table: table)
    }

    /// A measure with floors or caps: the draws of the block are shared sixteen at a time
    /// (``roundInLanes``), and every draw that leaves undecided goes through the core's own pool
    /// distribution (limits with redistribution, then rounding); the reason when a draw is
    /// infeasible.
    private mutating func distributeLimited(
        _ measure: PreparedMeasure, _ settingsOf: VariantSettings, _ limited: LimitedPool, totals: [Int64], block b: Int, row m: Int
    ) -> String? {
        let width = blocks.width(b), cells = regions * width, start = blocks.range(b).lowerBound
        var shares = [Double](repeating: 0, count: regions)
        // The arrays outlive the block (the worker keeps them from tile to tile), and blocks
        // differ in width: each must hold this block's cells.
        while currentYear.count < totals.count { currentYear.append(Array(repeating: 0, count: cells)) }
        for p in currentYear.indices where currentYear[p].count < cells { currentYear[p] = Array(repeating: 0, count: cells) }
        for (p, total) in totals.enumerated() {
            let previous = p < previousYear.count && limited.needsPreviousYear ? previousYear[p] : nil
            let done = limited.unlimited(total: total).map { roundInLanes(measure, $0, pool: p, total: total, block: b, row: m) }
                ?? Array(repeating: false, count: width)
            for j in 0..<width where !done[j] {
                for r in 0..<regions {
                    switch measure.pools[p] {
                    case .measureKey: shares[r] = tileShares[m * cells + r * width + j]
                    case .fixed(let fixed): shares[r] = fixed[blocks.offset(b) + r * width + j]
                    }
                }
                do {
                    let (generator, settings) = (self.generator, settingsOf)
                    let shared = try limited.share(
                        total: total, keyShares: shares, previous: previous.map { q in (0..<regions).map { q[$0 * width + j] } },
                        keyTerms: measure.keyTermsCount,
                        exactKey: { () throws(AllocationError) in try Self.exactKey(measure, settings, pool: p, draw: start + j, generator: generator) })
                    for r in 0..<regions {
                        amounts[r * width + j] = (p > 0 ? amounts[r * width + j] : 0) + Double(shared.units[r])
                        currentYear[p][r * width + j] = shared.units[r]
                        if keepsUnrounded { unrounded[r * width + j] = (p > 0 ? unrounded[r * width + j] : 0) + shared.unrounded[r] }
                    }
                } catch {
                    return "draw \(start + j + 1): \(error)"
                }
            }
        }
        swap(&previousYear, &currentYear)
        return nil
    }

    /// Pool `p` of a measure with limits for block `b`, sixteen draws at a time through
    /// ``LimitedLanes`` into `amounts` (and `unrounded`): a draw whose unrounded amounts all lie within the
    /// bounds is rounded as without limits (the core shares it exactly so), one in which a
    /// bound is broken is shared with the limits holding. Returns which draws were done;
    /// the rest (ties, close calls, what the lanes cannot decide) are left to the core.
    private mutating func roundInLanes(
        _ measure: PreparedMeasure, _ form: LimitedPool.Unlimited, pool p: Int, total: Int64, block b: Int, row m: Int
    ) -> [Bool] {
        let width = blocks.width(b)
        var done = [Bool](repeating: false, count: width)
        let terms = regions + measure.keyTermsCount + 8
        let (lanes, regions, keepsUnrounded) = (self.limitedLanes, self.regions, self.keepsUnrounded)
        typealias Lanes = LimitedLanes.Lanes
        /// Lanes `decided` of the draws from `first` (`count` of them) into `target`, the whole
        /// units or (`beforeRounding`) the amounts before rounding: sixteen at once when all
        /// are decided (nearly always), else lane by lane.
        func store(_ decided: UInt32, first: Int, count: Int, beforeRounding: Bool, into target: MutableBufferHandle<Double>) {
            for r in 0..<regions {
                let (at, values) = (r * width + first, beforeRounding ? lanes.unrounded(region: r) : lanes.units(region: r))
                if count == Lanes.scalarCount && decided == 0xFFFF {
                    let previous: Lanes = p > 0 ? target.lanes(at: at) : Lanes()
                    target.store(previous + values, at: at)
                } else {
                    var bits = decided
                    while bits != 0 {
                        let lane = bits.trailingZeroBitCount
                        bits &= bits &- 1
                        target[at + lane] = (p > 0 ? target[at + lane] : 0) + values[lane]
                    }
                }
            }
        }
        // The worker's buffers, taken out while they are written through handles (no
        // transition limit here: the year's units are not needed the year after).
        var (amounts, unrounded) = (self.amounts, self.unrounded)
        (self.amounts, self.unrounded) = ([], [])
        defer { (self.amounts, self.unrounded) = (amounts, unrounded) }
        amounts.withUnsafeMutableBufferPointer { amounts in
            unrounded.withUnsafeMutableBufferPointer { unrounded in
                let amounts = MutableBufferHandle(amounts).slice(from: 0, count: regions * width)
                let before = keepsUnrounded ? MutableBufferHandle(unrounded).slice(from: 0, count: regions * width) : nil
                func keep(_ decided: UInt32, first: Int, count: Int) {
                    store(decided, first: first, count: count, beforeRounding: false, into: amounts)
                    if let before { store(decided, first: first, count: count, beforeRounding: true, into: before) }
                    var bits = decided
                    while bits != 0 {
                        done[first + bits.trailingZeroBitCount] = true
                        bits &= bits &- 1
                    }
                }
                Self.withShares(measure, pool: p, blocks: blocks, block: b, row: m, tileShares: tileShares) { shares in
                    for first in stride(from: 0, to: width, by: Lanes.scalarCount) {
                        let count = Swift.min(Lanes.scalarCount, width - first)
                        let all: UInt32 = (1 << UInt32(count)) - 1
                        let outside = lanes.load(
                            keyShares: shares, stride: width, first: first, count: count, base: form.base, remainder: form.remainder,
                            lower: form.lower, upper: form.upper)
                        if outside != all {
                            let undecided = lanes.roundUnlimited(total: total, lower: form.lower, upper: form.upper, terms: terms)
                            keep(all & ~outside & ~undecided, first: first, count: count)
                        }
                        if outside != 0 {
                            let undecided = lanes.roundLimited(total: total, lower: form.lower, upper: form.upper, terms: terms)
                            keep(outside & ~undecided, first: first, count: count)
                        }
                    }
                }
            }
        }
        return done
    }

    /// Pool `p`'s key shares in block `b` (row `m` of the tile's product for the measure's
    /// key, the component's own shares otherwise), region-major with the block's width.
    private static func withShares(
        _ measure: PreparedMeasure, pool p: Int, blocks: DrawBlocks, block b: Int, row m: Int, tileShares: [Double], _ body: (BufferHandle<Double>) -> Void
    ) {
        let cells = blocks.regions * blocks.width(b)
        switch measure.pools[p] {
        case .measureKey: tileShares.withUnsafeBufferPointer { body(BufferHandle($0).slice(from: m * cells, count: cells)) }
        case .fixed(let fixed): fixed.withUnsafeBufferPointer { body(BufferHandle($0).slice(from: blocks.offset(b), count: cells)) }
        }
    }

    /// The bounds (units) of a measure with one pool whose limits do not depend on the year
    /// before, for its quantile brackets; `nil` otherwise.
    private static func bounds(_ limited: LimitedPool, totals: [Int64]) -> (lower: [Double], upper: [Double])? {
        guard totals.count == 1, let form = limited.unlimited(total: totals[0]) else { return nil }
        return (form.lower, form.upper)
    }
}
