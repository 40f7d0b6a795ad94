/// One pool of one measure and year under floors and caps, shared again and again with
/// different key shares: what the Monte Carlo engine uses for each draw of a measure with
/// limits, so that every draw follows exactly the allocator's rules (base, limits with
/// redistribution, largest-remainder rounding). A transition limit is bounded by the same
/// draw's amounts of the year before.
public struct LimitedPool: Sendable {
    private let distribution: PoolDistribution
    private let limits: Limits
    private let table: RegionTable
    private let bounds: RegionBounds
    private let base: Base?
    private let baseCents: [Double]?

    /// Resolves the measure's floors and caps on `table`'s (nominal) indicators.
    public init(_ measure: Measure, year: Int, table: RegionTable) throws(AllocationError) {
        distribution = PoolDistribution(measure: measure.name, component: nil, year: year, table: table, unit: measure.rounding)
        limits = measure.limits
        self.table = table
        bounds = try RegionBounds.resolve(measure.limits, table: table, unit: measure.rounding, previous: nil, measure: measure.name)
        base = measure.base
        baseCents = try measure.base.map { base throws(AllocationError) in try base.cents(table: table, measure: measure.name) }
    }

    /// Whether the bounds depend on the year before (a transition limit).
    public var needsPreviousYear: Bool { limits.transition != nil }

    /// The whole units of each region (table order) for `total` units and these key shares;
    /// `previous` is the same draw's units the year before (for a transition limit);
    /// `exactKey` gives the key's exact inputs (`keyTerms` criteria) for a close call.
    public func units(
        total: Int64, keyShares: [Double], previous: [Int64]? = nil, keyTerms: Int, exactKey: () throws(AllocationError) -> ExactKey
    ) throws(AllocationError) -> [Int64] {
        var bounds = self.bounds
        if let previous, limits.transition != nil {
            let unit = distribution.unit
            bounds = try RegionBounds.resolve(limits, table: table, unit: unit, previous: previous.map { $0 * unit.cents }, measure: distribution.measure)
        }
        let (allocation, _) = try distribution.distribute(
            total: total, keyShares: keyShares, baseCents: baseCents, policy: base?.policy ?? .error, bounds: bounds,
            keyTerms: keyTerms, exactKey: exactKey)
        let unit = distribution.unit.cents
        return allocation.regions.map { $0.amount.cents / unit }
    }
}
