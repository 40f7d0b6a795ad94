import VerdeelCore
import VerdeelDesign
import VerdeelModel

/// What a variants / Monte Carlo run produced: per variant, for every measure, year and
/// region, a ``DrawSummary`` in euros; and the variants whose rules were infeasible.
public struct SimulationResult: Sendable {
    /// One row of a variant's summaries.
    public struct Slot: Hashable, Sendable {
        public let measure: String
        public let year: Int
        public let region: String
        public let regionName: String
    }

    public let plan: SimulationPlan
    /// The plan's variant points, as the run made them.
    public let design: VariantDesign
    /// The variants run: all of the plan's, or a shard's contiguous range.
    public let variants: Range<Int>
    public let slots: [Slot]
    /// `summaries[(variant - variants.lowerBound) * slots.count + slot]`; meaningless for infeasible variants.
    public let summaries: [DrawSummary]
    /// The statistics' tables (rows of the variants run, in order): rank statistics when the scenario asks for `ranks`, then the
    /// plugged-in ones (e.g. fairness), in the order they were given.
    public let tables: [StatisticTable]
    /// Why a variant could not be allocated, by variant index.
    public let infeasible: [Int: String]
    public let draws: Int
    /// Variant x draw x region cells computed (pools of every measure and year counted).
    public let cells: Int
    /// The memory the run was estimated to need, in bytes (checked against the limit first).
    public let estimatedBytes: Int

    public var variantCount: Int { plan.variantCount }

    /// The summary of one variant and slot.
    public func summary(variant: Int, slot: Int) -> DrawSummary {
        summaries[(variant - variants.lowerBound) * slots.count + slot]
    }
}
