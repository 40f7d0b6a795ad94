/// One pool of one measure and year under floors and caps, shared again and again with
/// different key shares: what the Monte Carlo engine uses for each draw of a measure with
/// limits, so that every draw follows exactly the allocator's rules (base, limits with
/// redistribution, largest-remainder rounding). Transition limits are not supported here:
/// they depend on the previous year of the same draw.
public struct LimitedPool: Sendable {
    private let distribution: PoolDistribution
    private let bounds: RegionBounds
    private let base: Base?
    private let baseCents: [Double]?

    /// Resolves the measure's floors and caps on `table`'s (nominal) indicators.
    public init(_ measure: Measure, year: Int, table: RegionTable) throws(AllocationError) {
        var limits = measure.limits
        limits.transition = nil
        distribution = PoolDistribution(measure: measure.name, component: nil, year: year, table: table, unit: measure.rounding)
        bounds = try RegionBounds.resolve(limits, table: table, unit: measure.rounding, previous: nil, measure: measure.name)
        base = measure.base
        baseCents = try measure.base.map { base throws(AllocationError) in try base.cents(table: table, measure: measure.name) }
    }

    /// The whole units of each region (table order) for `total` units and these key shares.
    public func units(total: Int64, keyShares: [Double]) throws(AllocationError) -> [Int64] {
        let (allocation, _) = try distribution.distribute(
            total: total, keyShares: keyShares, baseCents: baseCents, policy: base?.policy ?? .error, bounds: bounds)
        let unit = distribution.unit.cents
        return allocation.regions.map { $0.amount.cents / unit }
    }
}
