import Dispatch
import Synchronization
import VerdeelCore
import VerdeelDesign
import VerdeelModel
import VerdeelLinearAlgebra
import VerdeelRandom
import VerdeelTables

/// Runs a scenario's variants under its Monte Carlo draws. For each measure and block of
/// draws the key shares of a tile of variants are one BLAS product (variant weights x
/// per-draw criterion shares); base, rounding and the statistics follow while the block is
/// in cache, so per thread only a block and one variant's amounts are held, never the
/// whole variants x draws x regions array. Every variant sees the same draws (common
/// random numbers).
public enum MonteCarloEngine {
    /// Variants per BLAS product: fixed, so the kernel that computes a variant's numbers
    /// does not depend on the thread count or the chunk size.
    static let tile = 4

    /// `table` is the scenario's data as loaded; `read` loads the other vintages that
    /// variants ask for.
    /// `statistics` are computed over the draws too, each into its own table.
    /// `baseline` is the plan's allocation over `table` when the caller has made it already
    /// (a ``ScenarioRun``'s), so that it is not made twice; without it the engine makes it.
    public static func run(
        _ plan: ScenarioPlan, table: RegionTable, baseline known: [MeasureAllocation]? = nil, control: RunControl = RunControl(),
        statistics: [any DrawStatistic] = [], read: (String) -> [UInt8]? = ScenarioRun.readFromDisk
    ) throws(SimulationError) -> SimulationResult {
        let simulation = plan.simulation ?? SimulationPlan(dimensions: [], monteCarlo: nil)
        if let problem = simulation.problem { throw .invalidPlan(problem) }
        if let missing = simulation.monteCarlo?.perturbations.first(where: { table.indicators[$0.indicator] == nil }) {
            throw .invalidPlan("it perturbs '\(missing.indicator)', which the data has no number column of")
        }
        let measures = plan.measures
        let allocator = Allocator(table: table)
        let baseline: [MeasureAllocation]
        if let known, known.count == measures.count {
            baseline = known
        } else {
            do { baseline = try allocator.allocate(measures.map(\.measure)) } catch { throw .baseline(error) }
        }
        let regions = table.count
        let draws = simulation.monteCarlo?.draws ?? 1
        let layout = Layout(measures: measures, baseline: baseline, table: table)
        var criteria = [Criterion]()
        for planned in measures {
            for term in planned.measure.key.terms + planned.measure.components.flatMap({ $0.key?.terms ?? [] })
            where !criteria.contains(where: { $0.name == term.criterion.name }) {
                criteria.append(term.criterion)
            }
        }
        // Rank statistics (`ranks`) first, then the caller's; their own criteria after the
        // keys' (a name already there is shared).
        let statistics = (simulation.monteCarlo?.ranks == true ? [RankStatistic()] : []) + statistics
        for criterion in statistics.flatMap(\.criteria) where !criteria.contains(where: { $0.name == criterion.name }) {
            criteria.append(criterion)
        }
        let range = (control.variants ?? 0..<simulation.variantCount).clamped(to: 0..<simulation.variantCount)
        let variants = range.count
        let columns = draws * regions
        let blocks = DrawBlocks(regions: regions, draws: draws)
        // Per worker: a tile's key shares for one block, one variant's amounts in full for
        // every year of a measure, and the tile's quantile bracket tallies.
        let years = layout.firstSlot.map(\.count).max() ?? 1
        // Plugged-in statistics may keep a value per draw for each of up to 24 figures (fairness
        // keeps every metric of every draw for exact quantiles: 20 with a grouping and a
        // reference and the default epsilons and alphas).
        // Statistics across measures add each variant's amounts over the measures, per draw.
        let acrossMeasures = measures.count > 1 && statistics.contains(where: \.acrossMeasures) ? 2 * tile * layout.years.count * columns : 0
        let perWorker = ((tile + 1) * regions * blocks.size + years * columns + tile * years * regions * 3 * 1_024 + statistics.count * tile * years * draws * 24 + acrossMeasures) * 8
        // Per variant and slot: its summary (48 bytes), rank summary (40) and the CSV text
        // made of them at the end (about 100 bytes a row, held twice while it is joined).
        let perSlot = 48 + (simulation.monteCarlo?.ranks == true ? 40 + 200 : 0) + 200
        let points = simulation.dimensions.reduce(0) { $0 + $1.storedBytes }
        let (slotBytes, slotOverflow) = variants.multipliedReportingOverflow(by: layout.slots.count * perSlot)
        let own = statistics.reduce(0) { $0 + $1.runBytes(regions: regions, draws: draws, threads: control.threads) }
        let needed = (2 * criteria.count + measures.count + 1) * columns * 8 + control.threads * perWorker + (slotOverflow ? Int.max / 2 : slotBytes) + points + own
        if needed > control.memoryLimit || columns > Int(Int32.max) {
            throw .tooLarge(neededBytes: needed, availableBytes: control.memoryLimit, limit: control.memoryLimitSource, draws: draws, regions: regions)
        }

        BlockProduct.setLibraryThreads(1)
        let output = Output(variants: range, slots: layout.slots.count, statistics: statistics.count)
        let parameters = simulation.parameters
        let design = VariantDesign(simulation)
        for (choice, vintages, all) in configurations(design, parameters: parameters) {
            let members = all.filter(range.contains)
            guard !members.isEmpty else { continue }
            let configured = criteria.map { criterion in
                choice[criterion.name].map { Criterion(name: criterion.name, expression: $0) } ?? criterion
            }
            var configuredTable = table
            if !vintages.isEmpty {
                let label = "vintage " + vintages.sorted { $0.key < $1.key }.map { "\($0.key) = \"\($0.value)\"" }.joined(separator: ", ")
                do { configuredTable = try ScenarioRun.load(plan.data.with(vintages: vintages), read: read) } catch {
                    throw .data("\(label): \(error)")
                }
                guard configuredTable.regions.map(\.code) == table.regions.map(\.code) else {
                    throw .data("\(label) has other regions than the scenario's data")
                }
            }
            let data = configuredTable
            let generator = DrawGenerator(table: data, criteria: configured, plan: simulation.monteCarlo, draws: draws)
            let steps = DrawSteps(control: control, total: generator.chunkCount + measures.count * blocks.count, reports: variants == 1)
            let shares = try generator.shares(threads: control.threads, steps: steps)
            if control.isCancelled { throw .interrupted }
            let inputs = statistics.contains(where: \.wantsPerturbedInputs) ? try generator.perturbedInputs() : []
            let statisticShares = statistics.map { statistic in
                statistic.criteria.map { criterion in shares[configured.firstIndex { $0.name == criterion.name } ?? 0] } + (statistic.wantsPerturbedInputs ? inputs : [])
            }
            let prepared = measures.enumerated().map { index, planned in
                PreparedMeasure(planned, index: index, criteria: configured, shares: shares, blocks: blocks, monteCarlo: simulation.monteCarlo)
            }
            let itemSize = (control.chunk + tile - 1) / tile * tile
            let items = (members.count + itemSize - 1) / itemSize
            let next = Atomic<Int>(0)
            let threads = min(control.threads, max(items, 1))
            DispatchQueue.concurrentPerform(iterations: threads) { index in
                var worker = Worker(
                    blocks: blocks, layout: layout, table: data, generator: generator,
                    statistics: statistics, statisticShares: statisticShares, index: index, steps: steps)
                while !control.isCancelled {
                    let item = next.add(1, ordering: .relaxed).oldValue
                    guard item < items else { break }
                    let first = item * itemSize
                    let last = min(first + itemSize, members.count)
                    for start in stride(from: first, to: last, by: tile) where !control.isCancelled {
                        let tileMembers = Array(members[start..<min(start + tile, last)])
                        let values = tileMembers.map { design.values(ofVariant: $0) }
                        worker.run(variants: tileMembers, values: values, parameters: parameters, measures: prepared, allocator: allocator, output: output)
                    }
                    let done = control.finished.add(last - first, ordering: .relaxed).newValue
                    control.progress?(done, variants)
                }
            }
        }
        if control.isCancelled { throw .interrupted }
        if let failure = statistics.lazy.compactMap(\.failure).first { throw .statistic(failure) }
        let cells = variants * draws * layout.slots.count
        return SimulationResult(
            plan: simulation, design: design, variants: range, slots: layout.slots, summaries: output.summaries(),
            tables: statistics.enumerated().map { k, statistic in StatisticTable(header: statistic.table, rows: output.statisticRows(k), firstVariant: range.lowerBound, failure: { statistic.failure }) },
            infeasible: output.infeasibleVariants(),
            draws: draws, cells: cells, estimatedBytes: needed)
    }
}

extension MonteCarloEngine {
    /// The variants grouped by the alternative criterion definitions they use, each group
    /// in variant order: the criteria's per-draw shares are computed once per group.
    static func configurations(_ design: VariantDesign, parameters: [VariantParameter]) -> [(choice: [String: Expression], vintages: [String: String], members: [Int])] {
        let simulation = design.plan
        let positions = parameters.enumerated().compactMap { index, parameter -> (Int, String)? in
            if case .criterion(let name) = parameter { return (index, name) }
            return nil
        }
        let tables = parameters.enumerated().compactMap { index, parameter -> (Int, String)? in
            if case .vintage(let table) = parameter { return (index, table) }
            return nil
        }
        guard !positions.isEmpty || !tables.isEmpty else { return [([:], [:], Array(0..<simulation.variantCount))] }
        var groups = [[Int]: Int]()
        var result = [(choice: [String: Expression], vintages: [String: String], members: [Int])]()
        for variant in 0..<simulation.variantCount {
            let values = design.values(ofVariant: variant)
            let key = (positions + tables).map { Int(values[$0.0]) }
            if let index = groups[key] {
                result[index].members.append(variant)
            } else {
                var choice = [String: Expression]()
                for ((_, name), alternative) in zip(positions, key) {
                    choice[name] = simulation.alternatives[name]?[alternative].expression
                }
                var vintages = [String: String]()
                for ((_, table), index) in zip(tables, key.dropFirst(positions.count)) {
                    vintages[table] = simulation.vintages[table]?[index]
                }
                groups[key] = result.count
                result.append((choice, vintages, [variant]))
            }
        }
        return result
    }
}

/// Where each measure, year and region's summary goes in a variant's row, and its baseline.
struct Layout: Sendable {
    let slots: [SimulationResult.Slot]
    /// The first slot of each measure's years, by measure index, then year index.
    let firstSlot: [[Int]]
    /// The baseline amount of each slot in units of rounding.
    let baselineUnits: [Double]
    /// Euros per unit of rounding, per measure.
    let unitEuros: [Double]
    /// Every budget year of any measure, ascending, and each region's baseline amount summed
    /// over the measures per year (euros, `[yearIndex * regions + r]`).
    let years: [Int]
    let baselineTotals: [Double]

    init(measures: [PlannedMeasure], baseline: [MeasureAllocation], table: RegionTable) {
        var slots = [SimulationResult.Slot]()
        var firstSlot = [[Int]]()
        var baselineUnits = [Double]()
        for (planned, allocation) in zip(measures, baseline) {
            let unit = Double(planned.measure.rounding.cents)
            var starts = [Int]()
            for year in allocation.years {
                starts.append(slots.count)
                for (index, region) in table.regions.enumerated() {
                    slots.append(.init(measure: planned.id, year: year.year, region: region.code, regionName: region.name))
                    let cents = year.components.reduce(Int64(0)) { $0 + $1.regions[index].amount.cents }
                    baselineUnits.append(Double(cents) / unit)
                }
            }
            firstSlot.append(starts)
        }
        self.slots = slots
        self.firstSlot = firstSlot
        self.baselineUnits = baselineUnits
        unitEuros = measures.map { Double($0.measure.rounding.cents) / 100 }
        let years = Array(Set(baseline.flatMap { $0.years.map(\.year) })).sorted()
        var totals = [Double](repeating: 0, count: years.count * table.count)
        for allocation in baseline {
            for year in allocation.years {
                guard let y = years.firstIndex(of: year.year) else { continue }
                for component in year.components {
                    for (r, region) in component.regions.enumerated() { totals[y * table.count + r] += Double(region.amount.cents) / 100 }
                }
            }
        }
        self.years = years
        baselineTotals = totals
    }
}

/// The shared result storage: each variant's slots are written by exactly one worker.
final class Output: @unchecked Sendable {
    private let storage: MutableBufferHandle<DrawSummary>
    private let infeasible = Mutex<[Int: String]>([:])
    /// Per plugged-in statistic, each variant's rows.
    private let statisticStorage: [MutableBufferHandle<StatisticRows>]
    let slots: Int

    /// The first variant held (the start of a shard's range): variant v is kept at v - first.
    let first: Int

    init(variants: Range<Int>, slots: Int, statistics: Int = 0) {
        self.slots = slots
        first = variants.lowerBound
        statisticStorage = (0..<statistics).map { _ in .allocate(max(variants.count, 1), repeating: StatisticRows()) }
        storage = .allocate(
            max(variants.count * slots, 1), repeating: DrawSummary(mean: 0, standardDeviation: 0, p05: 0, p50: 0, p95: 0, probabilityBelowBaseline: 0))
    }

    deinit {
        storage.deallocate()
        for rows in statisticStorage { rows.deallocate() }
    }

    /// Adds rows (measure after measure, year after year: each variant is written by one worker).
    func write(_ rows: StatisticRows, statistic: Int, variant: Int) {
        statisticStorage[statistic][variant - first].append(rows)
    }

    /// Each variant's rows; none for an infeasible variant (even for measures before the one
    /// that made it infeasible).
    func statisticRows(_ statistic: Int) -> [StatisticRows] {
        let infeasible = infeasibleVariants()
        let rows = statisticStorage[statistic]
        return (0..<rows.count).map { index in infeasible[first + index] == nil ? rows[index] : StatisticRows() }
    }

    func isInfeasible(_ variant: Int) -> Bool { infeasible.withLock { $0[variant] != nil } }

    func write(_ summary: DrawSummary, variant: Int, slot: Int) {
        storage[(variant - first) * slots + slot] = summary
    }

    func markInfeasible(_ variant: Int, _ reason: String) {
        infeasible.withLock { if $0[variant] == nil { $0[variant] = reason } }
    }

    func summaries() -> [DrawSummary] { Array(storage.reading.buffer) }
    func infeasibleVariants() -> [Int: String] { infeasible.withLock { $0 } }
}
