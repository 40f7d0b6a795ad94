import VerdeelCore
import VerdeelTables

/// Every draw's amounts, kept on request (`--keep-draws`, the table `draws`): for each variant,
/// measure and year, the first ``count`` draws (all of them when the run has fewer), one row
/// per draw and region, in that order: the draw (1-based), the measure, the year, the region
/// and its amount in that draw after rounding (euros; what the summaries summarise, so the
/// mean, sd and quantiles of these rows are `summary`'s when every draw is kept), its amount
/// before rounding (`exact`, euros, after limits, as a plain run's `exact`: the amounts add
/// up to the measure's budget less its top-slices, and each rounded amount lies within one
/// unit of rounding per pool of it), then the value in that draw of each perturbed
/// indicator (`perturbed_NAME`, in the plan's `perturb` order) for the region: what the
/// draw's criteria were computed from.
public struct KeptDraws: DrawStatistic {
    /// The draws kept of every variant, from the first.
    public let count: Int
    /// The perturbed indicators, in the plan's `perturb` order.
    public let inputs: [String]
    /// Where the numbers go as each variant is done; nil to hold them in memory.
    public let spill: DrawSpill?

    public init(count: Int, inputs: [String] = [], spill: DrawSpill? = nil) {
        self.count = max(0, count)
        self.inputs = inputs
        self.spill = spill
    }

    public var table: StatisticTable.Header {
        StatisticTable.Header(name: "draws", title: .init(dutch: "Trekkingen", english: "Draws"), columns: [
            Column("draw", .ordinal, dutch: "trekking", english: "draw", "the draw, from 1; its random numbers depend only on the seed and this number"),
            .measure, .year, .region,
            Column("amount", .euro, dutch: "bedrag", english: "amount", "the region's amount in this draw after rounding, euros"),
            Column("exact", .euroCents, dutch: "exact", english: "exact", "the region's amount in this draw before rounding (after limits), euros"),
        ] + inputs.map { indicator in
            Column("perturbed_\(indicator)", .decimal, dutch: "getrokken \(indicator)", english: "perturbed \(indicator)", "the region's value of '\(indicator)' in this draw, as perturbed")
        })
    }

    public var criteria: [Criterion] { [] }

    public var wantsPerturbedInputs: Bool { !inputs.isEmpty }

    public var wantsUnroundedAmounts: Bool { true }

    public var failure: String? { spill?.failure }

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(context, count: count, inputs: inputs.count, spill: spill)
    }

    /// Bytes a kept row's numbers take (in memory, or in the spill file): its amounts after
    /// and before rounding (the draw and the region follow from its place).
    public static let bytesPerRow = 16
    /// Bytes each perturbed indicator adds to a kept row.
    public static let bytesPerInput = 8

    /// Bytes a kept row's numbers of this statistic take.
    public var bytesPerRow: Int { Self.bytesPerRow + inputs.count * Self.bytesPerInput }

    /// The rows kept of `variants` variants of `slots` measure-year-regions and `draws` draws
    /// (`Int.max` when they could not be counted).
    public func rows(variants: Int, slots: Int, draws: Int) -> Int {
        let (perVariant, first) = slots.multipliedReportingOverflow(by: min(count, draws))
        let (rows, second) = variants.multipliedReportingOverflow(by: perVariant)
        return first || second ? Int.max : rows
    }

    /// One variant's measure and year: the kept draws' numbers, row after row (`[d * regions
    /// + r]`, each the amount after and before rounding in euros, then the perturbed
    /// inputs), held until the variant is done, then appended to the spill file if there is
    /// one; rows are made from them when read.
    final class Accumulator: TableAccumulator {
        let context: StatisticContext
        let count: Int
        let inputs: Int
        let spill: DrawSpill?
        private var values: [Double] = []
        private var produced: StatisticRows?
        let failure: String? = nil

        init(_ context: StatisticContext, count: Int, inputs: Int, spill: DrawSpill?) {
            (self.context, self.count, self.inputs, self.spill) = (context, count, inputs, spill)
            values.reserveCapacity(min(count, context.draws) * context.regions.count * (2 + inputs))
        }

        func add(_ block: DrawBlock) {
            let wanted = min(block.width, count - block.start)
            guard wanted > 0 else { return }
            for j in 0..<wanted {
                for r in 0..<block.regions {
                    values.append(block.euros(region: r, draw: j))
                    values.append(block.unroundedEuros(region: r, draw: j))
                    for q in 0..<inputs { values.append(block.perturbedInput(q, criteria: 0, region: r, draw: j)) }
                }
            }
        }

        func rows() -> [[Cell]] { producedRows().all }

        /// The rows, made once (appending the numbers to the spill file the first time).
        func producedRows() -> StatisticRows {
            if let produced { return produced }
            let rows = makeRows()
            produced = rows
            values = []
            return rows
        }

        private func makeRows() -> StatisticRows {
            let stride = 2 + inputs, rows = values.count / (2 + inputs)
            let measure = Cell.text(context.measure), year = Cell.whole(context.year), regions = context.regions
            guard !regions.isEmpty, rows > 0 else { return StatisticRows() }
            let row = { @Sendable (values: ArraySlice<Double>, index: Int) -> [Cell] in
                [.whole(index / regions.count + 1), measure, year, .text(regions[index % regions.count])] + values.map { .number($0) }
            }
            guard let spill else {
                let kept = values
                return StatisticRows(count: rows) { index in row(kept[(index * stride)..<((index + 1) * stride)], index) }
            }
            // A failed append is the spill's failure, reported after the run: no rows here.
            guard let first = spill.append(values) else { return StatisticRows() }
            return StatisticRows(count: rows) { range, body in
                guard let read = spill.read(count: range.count * stride, from: first + range.lowerBound * stride) else { return }
                for index in range {
                    let at = (index - range.lowerBound) * stride
                    body(row(read[at..<(at + stride)], index))
                }
            }
        }
    }
}
