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

    /// The pool shared for `total` units and these key shares: each region's amount before
    /// and after rounding (table order); `previous` is the same draw's units the year before
    /// (for a transition limit); `exactKey` gives the key's exact inputs (`keyTerms`
    /// criteria) for a close call.
    public func share(
        total: Int64, keyShares: [Double], previous: [Int64]? = nil, keyTerms: Int, exactKey: () throws(AllocationError) -> ExactKey
    ) throws(AllocationError) -> Shared {
        var bounds = self.bounds
        if let previous, limits.transition != nil {
            let unit = distribution.unit
            bounds = try RegionBounds.resolve(limits, table: table, unit: unit, previous: previous.map { $0 * unit.cents }, measure: distribution.measure)
        }
        let (allocation, _, unrounded) = try distribution.distribute(
            total: total, keyShares: keyShares, baseCents: baseCents, policy: base?.policy ?? .error, bounds: bounds,
            keyTerms: keyTerms, exactKey: exactKey)
        let unit = distribution.unit.cents
        return Shared(unrounded: unrounded, units: allocation.regions.map { $0.amount.cents / unit })
    }

    /// One sharing of the pool (``share(total:keyShares:previous:keyTerms:exactKey:)``), in
    /// units of rounding, table order.
    public struct Shared: Sendable {
        /// Each region's amount after limits, before rounding: `base + remainder * share`
        /// where no limit binds, the bound or the level's amount where one does.
        public let unrounded: [Double]
        /// Each region's whole units: `unrounded` rounded by largest remainder.
        public let units: [Int64]
    }

    /// The pool as it is shared when no limit binds: each region's base and the remainder
    /// that the key shares (units), and the bounds (whole units). A draw whose unrounded
    /// amounts `base + remainder * share` all lie within the bounds is shared by ``share``
    /// exactly as without limits (nothing is held or moved), so the engine can round such
    /// draws sixteen at a time and send only the others here. `nil` when the bounds depend
    /// on the year before (a transition limit) or the bases do not fit in `total`.
    public func unlimited(total: Int64) -> Unlimited? {
        guard limits.transition == nil else { return nil }
        let unit = Double(distribution.unit.cents)
        let base = (baseCents ?? Array(repeating: 0, count: table.count)).map { $0 / unit }
        let target = Double(total)
        guard base.reduce(0, +) <= target else { return nil }
        return Unlimited(base: base, remainder: max(0, target - base.reduce(0, +)), lower: bounds.lower, upper: bounds.upper)
    }

    /// See ``unlimited(total:)``.
    public struct Unlimited: Sendable {
        public let base: [Double]
        public let remainder: Double
        public let lower: [Double]
        public let upper: [Double]
    }
}
