/// The allocation of one measure over all its years.
public struct MeasureAllocation: Sendable {
    public let measure: String
    /// One entry per budget year, ascending.
    public let years: [YearAllocation]

    /// The allocation of the given year, if the measure has a budget for it.
    public func year(_ year: Int) -> YearAllocation? {
        years.first { $0.year == year }
    }
}

/// One measure in one year: the budget, its top-slices and what each region receives.
///
/// Invariant: `regions' amounts + topslices' amounts == budget`, exactly.
public struct YearAllocation: Sendable {
    public let year: Int
    public let budget: Money
    public let topslices: [TopsliceAmount]
    /// One per component; a measure without components has one, named `nil`.
    public let components: [ComponentAllocation]
    /// The minimum earmarked amount per purpose and region.
    public let earmarks: [EarmarkAmount]
    /// Things the user should know, e.g. that bases were scaled down.
    public let warnings: [Words]

    /// A region's total over all components, or `nil` for an unknown code.
    public func amount(for code: String) -> Money? {
        var total = Money.zero
        for component in components {
            guard let region = component.regions.first(where: { $0.region.code == code }) else { return nil }
            total += region.amount
        }
        return total
    }

    /// The sum over all regions and components.
    public var distributed: Money { components.map(\.distributed).sum() }
}

/// The amount of one top-slice in one year.
public struct TopsliceAmount: Hashable, Sendable {
    public let name: String
    public let amount: Money

    public init(name: String, amount: Money) {
        self.name = name
        self.amount = amount
    }
}

/// How one component (or a measure without components) was shared over the regions.
public struct ComponentAllocation: Sendable {
    /// The component's name, or `nil` when the measure has no components.
    public let component: String?
    /// The amount shared over the regions (after top-slices).
    public let distributed: Money
    /// One per region, in region-code order.
    public let regions: [RegionAllocation]
}

/// What one region receives from one component in one year.
public struct RegionAllocation: Hashable, Sendable {
    public let region: Region
    /// The unrounded amount in euros.
    public let exact: Double
    /// The paid amount after largest-remainder rounding.
    public let amount: Money
    /// Which limit holds the region, if any.
    public let limitedBy: LimitKind?
}

/// Which limit holds a region's amount.
public enum LimitKind: String, Hashable, Sendable {
    case floor, cap
}

/// The minimum amount a region must spend on an earmarked purpose in one year.
public struct EarmarkAmount: Hashable, Sendable {
    public let purpose: String
    public let region: String
    public let minimum: Money
}
