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

    public init(count: Int, inputs: [String] = []) {
        self.count = max(0, count)
        self.inputs = inputs
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

    public func accumulator(_ context: StatisticContext) -> any TableAccumulator {
        Accumulator(context, count: count, inputs: inputs.count)
    }

    /// Bytes of memory a kept row takes while the run goes on: its amounts after and before
    /// rounding (the draw and the region follow from its place).
    public static let bytesPerRow = 16
    /// Bytes each perturbed indicator adds to a kept row.
    public static let bytesPerInput = 8

    /// Bytes of memory a kept row of this statistic takes.
    public var bytesPerRow: Int { Self.bytesPerRow + inputs.count * Self.bytesPerInput }

    /// The rows kept of `variants` variants of `slots` measure-year-regions and `draws` draws
    /// (`Int.max` when they could not be counted).
    public func rows(variants: Int, slots: Int, draws: Int) -> Int {
        let (perVariant, first) = slots.multipliedReportingOverflow(by: min(count, draws))
        let (rows, second) = variants.multipliedReportingOverflow(by: perVariant)
        return first || second ? Int.max : rows
    }

    /// One variant's measure and year: the kept draws' amounts after and before rounding
    /// (`[d * regions + r]`, euros) and perturbed inputs (`[(d * regions + r) * inputs + q]`),
    /// made into rows when read.
    final class Accumulator: TableAccumulator {
        let context: StatisticContext
        let count: Int
        let inputs: Int
        private var amounts: [Double] = []
        private var unrounded: [Double] = []
        private var inputValues: [Double] = []
        let failure: String? = nil

        init(_ context: StatisticContext, count: Int, inputs: Int) {
            (self.context, self.count, self.inputs) = (context, count, inputs)
            let rows = min(count, context.draws) * context.regions.count
            amounts.reserveCapacity(rows)
            unrounded.reserveCapacity(rows)
            inputValues.reserveCapacity(rows * inputs)
        }

        func add(_ block: DrawBlock) {
            let wanted = min(block.width, count - block.start)
            guard wanted > 0 else { return }
            for j in 0..<wanted {
                for r in 0..<block.regions {
                    amounts.append(block.euros(region: r, draw: j))
                    unrounded.append(block.unroundedEuros(region: r, draw: j))
                    for q in 0..<inputs { inputValues.append(block.perturbedInput(q, criteria: 0, region: r, draw: j)) }
                }
            }
        }

        func rows() -> [[Cell]] { producedRows().all }

        func producedRows() -> StatisticRows {
            let (amounts, unrounded, values, inputs) = (self.amounts, self.unrounded, self.inputValues, self.inputs)
            let measure = Cell.text(context.measure), year = Cell.whole(context.year), regions = context.regions
            guard !regions.isEmpty else { return StatisticRows() }
            return StatisticRows(count: amounts.count) { index in
                [.whole(index / regions.count + 1), measure, year, .text(regions[index % regions.count]), .number(amounts[index]), .number(unrounded[index])]
                    + (0..<inputs).map { .number(values[index * inputs + $0]) }
            }
        }
    }
}
