import Synchronization
import VerdeelCore
import VerdeelRandom
import VerdeelSimulation
import VerdeelTables

/// Which perturbed input drives each region's amount, from the Monte Carlo run's own draws
/// (`rank_sobol`): per variant, measure, year, region and perturbed indicator, the
/// first-order index (``RankSobol``) of the region's own value of the indicator (`own`) and
/// the sum of the indices of every region's value of it (`all`: the indicator's share of
/// the amount's variance where the amounts respond additively, as they do to small
/// perturbations; with independent inputs never more than the indicator's closed index),
/// and a dummy input (a uniform number per draw that touches nothing) whose index is the
/// noise floor: `above_dummy` when `s1 - s1_conf > dummy + dummy_conf`.
///
/// It costs `2 n R` multiply-adds per input and accumulator (R regions, n draws), with `Q R + 1`
/// inputs, so it is computed for at most ``largestRegions`` regions.
public struct RankSobolOverDraws: DrawStatistic {
    /// The most regions the statistic is computed for.
    public static let largestRegions = 48
    /// The dummy input's Philox stream (the run's seed is its key).
    static let dummyStream: UInt64 = 0x7261_6e6b_736f_626c

    let indicators: [String]
    let seed: UInt64
    let orders = RankOrdersCache()

    /// The statistic for the perturbed `indicators` (the plan's `perturb` order) of a run with
    /// `seed` over `regions` regions; `nil` when nothing is perturbed or there are more than
    /// ``largestRegions`` regions.
    public init?(indicators: [String], seed: UInt64, regions: Int) {
        guard !indicators.isEmpty, regions <= Self.largestRegions else { return nil }
        (self.indicators, self.seed) = (indicators, seed)
    }

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "rank_sobol", title: .init(dutch: "Gevoeligheid uit de trekkingen", english: "Sensitivity from the draws"), columns: [
            .measure, .year, .region, .regionName,
            Column("indicator", .text, dutch: "indicator", english: "indicator", "the perturbed indicator, or dummy (an input that touches nothing: the noise floor)"),
            Column("inputs", .text, dutch: "invoer", english: "inputs", "own: the region's own value of the indicator; all: every region's value of it (the sum of their indices)"),
            Column("s1", .decimal, dutch: "s1", english: "s1", "the first-order Sobol index estimated by ranks from the run's draws (empty when the amount or the input does not vary)"),
            Column("s1_conf", .decimal, dutch: "s1 marge", english: "s1 conf", "half the 95% interval of s1, from 20 disjoint subsamples of the draws (empty below 200 draws)"),
            Column("above_dummy", .boolean, dutch: "boven dummy", english: "above dummy", "whether s1 - s1_conf lies above the dummy's s1 + s1_conf (empty for the dummy)"),
        ])
    }

    public var criteria: [Criterion] { [] }
    public var wantsPerturbedInputs: Bool { true }

    /// The inputs' orders: `(Q R + 1) n` 32-bit draws.
    public func runBytes(regions: Int, draws: Int, threads: Int) -> Int {
        (indicators.count * regions + 1) * draws * 4
    }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(self, context)
    }

    final class Accumulator: TableAccumulator {
        let statistic: RankSobolOverDraws
        let context: StatisticContext
        /// `values[d * R + r]`: region r's amount in draw d, euros.
        var values: [Double] = []
        var orders: RankOrders?

        init(_ statistic: RankSobolOverDraws, _ context: StatisticContext) {
            (self.statistic, self.context) = (statistic, context)
        }

        var failure: String? { nil }

        func add(_ block: DrawBlock) {
            let regions = block.regions
            if values.isEmpty { values = [Double](repeating: 0, count: regions * block.draws) }
            if orders == nil { orders = statistic.orders.orders(block, indicators: statistic.indicators.count, seed: statistic.seed) }
            for r in 0..<regions {
                for j in 0..<block.width { values[(block.start + j) * regions + r] = block.euros(region: r, draw: j) }
            }
        }

        func rows() -> [[Cell]] {
            guard let orders, !values.isEmpty else { return [] }
            let regions = context.regions.count
            let outputs = RankSobol.Outputs(values: values, outputs: regions)
            values = []
            var workspace = RankSobol.Workspace()
            let k = RankSobol.subsamples
            func estimate(_ order: [Int32]?) -> (whole: [Double], parts: [Double]) {
                guard let order else { return ([Double](repeating: .nan, count: regions), [Double](repeating: .nan, count: k * regions)) }
                return RankSobol.indices(order: order, of: outputs, workspace: &workspace)
            }
            let dummy = estimate(orders.dummy)
            func confidence(_ parts: [Double], _ r: Int) -> Double {
                RankSobol.confidence((0..<k).map { parts[$0 * regions + r] }, draws: outputs.draws)
            }
            var own = [[Double]](), ownParts = [[Double]](), all = [[Double]](), allParts = [[Double]]()
            for q in statistic.indicators.indices {
                var sum = [Double](repeating: 0, count: regions), sumParts = [Double](repeating: 0, count: k * regions)
                var mine = [Double](repeating: .nan, count: regions), mineParts = [Double](repeating: .nan, count: k * regions)
                for i in 0..<regions {
                    // An input that does not vary has no index and adds nothing to `all`.
                    guard let order = orders.inputs[q * regions + i] else { continue }
                    let found = RankSobol.indices(order: order, of: outputs, workspace: &workspace)
                    for r in 0..<regions {
                        sum[r] += found.whole[r]
                        for b in 0..<k { sumParts[b * regions + r] += found.parts[b * regions + r] }
                    }
                    mine[i] = found.whole[i]
                    for b in 0..<k { mineParts[b * regions + i] = found.parts[b * regions + i] }
                }
                own.append(mine)
                ownParts.append(mineParts)
                all.append(sum)
                allParts.append(sumParts)
            }
            var rows = [[Cell]]()
            for r in 0..<regions {
                let floor = dummy.whole[r] + confidence(dummy.parts, r)
                let place: [Cell] = [.text(context.measure), .whole(context.year), .text(context.regions[r]), .text(context.regionNames[r])]
                for (q, indicator) in statistic.indicators.enumerated() {
                    for (inputs, value, parts) in [("own", own[q][r], ownParts[q]), ("all", all[q][r], allParts[q])] {
                        let conf = confidence(parts, r)
                        let above: Cell = value.isFinite && conf.isFinite && floor.isFinite ? .boolean(value - conf > floor) : .empty
                        rows.append(place + [.text(indicator), .text(inputs), Self.cell(value), Self.cell(conf), above])
                    }
                }
                rows.append(place + [.text("dummy"), .text(""), Self.cell(dummy.whole[r]), Self.cell(confidence(dummy.parts, r)), .empty])
            }
            return rows
        }

        static func cell(_ value: Double) -> Cell {
            value.isFinite ? .number(value, "\(value)") : .empty
        }
    }
}

/// The draws of a run in the order of each perturbed input (`inputs[q * R + i]`, `nil` for
/// an input that does not vary) and of the dummy input: the same for every variant, measure
/// and year, so made once per run.
final class RankOrders: Sendable {
    let inputs: [[Int32]?]
    let dummy: [Int32]?

    init(_ block: DrawBlock, indicators: Int, seed: UInt64) {
        let (regions, draws) = (block.regions, block.draws)
        var inputs = [[Int32]?]()
        for q in 0..<indicators {
            for i in 0..<regions {
                let row = block.shareRows[q]
                let x = (0..<draws).map { row[i * draws + $0] }
                inputs.append(RankSobol.varies(x) ? RankSobol.order(x) : nil)
            }
        }
        let philox = Philox(seed: seed, stream: RankSobolOverDraws.dummyStream)
        let dummy = (0..<draws).map { philox.uniforms(draw: $0, stream: 0, index: 0).0 }
        (self.inputs, self.dummy) = (inputs, RankSobol.varies(dummy) ? RankSobol.order(dummy) : nil)
    }
}

/// The run's ``RankOrders``, made by the first accumulator that needs them.
final class RankOrdersCache: Sendable {
    private let made = Mutex<[UInt: RankOrders]>([:])

    func orders(_ block: DrawBlock, indicators: Int, seed: UInt64) -> RankOrders {
        let key = block.shareRows.first?.address ?? 0
        return made.withLock { made in
            if let known = made[key] { return known }
            let orders = RankOrders(block, indicators: indicators, seed: seed)
            made[key] = orders
            return orders
        }
    }
}
