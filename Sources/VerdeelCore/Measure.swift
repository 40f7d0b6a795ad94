/// A measure (maatregel): a budget per year distributed over the regions by top-slices,
/// an optional fixed base, a key, optional components, earmarks and limits, and rounding.
///
/// For each year `t` with budget `B_t` (docs/allocation-rules.md):
/// ```
/// D_t = B_t - sum(top-slices)          distributed amount
/// R_t = D_t - sum_m base_m             remainder shared by the key
/// a_m = base_m + R_t * sum_k w_k * share_k(m)
/// ```
/// then limits with redistribution, then largest-remainder rounding, so that
/// `sum(regions) + sum(top-slices) == B_t` to the unit of rounding.
public struct Measure: Hashable, Codable, Sendable {
    /// The measure's name, e.g. `Ontmoetingsplekken`.
    public var name: String
    /// The budget of each year.
    public var budgets: [Int: Money]
    /// Parts of each year's budget kept out of the distribution.
    public var topslices: [Topslice]
    /// The fixed amount every region receives before the key, if any.
    public var base: Base?
    /// The key that shares the remainder.
    public var key: Key
    /// Named sub-budgets, each distributed on its own; empty when the measure is one budget.
    public var components: [Component]
    /// Minimum parts of each region's amount reserved for a purpose; reported, not redistributed.
    public var earmarks: [Earmark]
    /// Floors, caps and transition limits per region.
    public var limits: Limits
    /// Whole euros or cents.
    public var rounding: RoundingUnit

    public init(
        name: String, budgets: [Int: Money], topslices: [Topslice] = [], base: Base? = nil, key: Key,
        components: [Component] = [], earmarks: [Earmark] = [], limits: Limits = Limits(), rounding: RoundingUnit = .euro
    ) {
        self.name = name
        self.budgets = budgets
        self.topslices = topslices
        self.base = base
        self.key = key
        self.components = components
        self.earmarks = earmarks
        self.limits = limits
        self.rounding = rounding
    }
}

/// A named part of a year's budget kept out of the distribution (e.g. `ondersteuning 5%`).
public struct Topslice: Hashable, Codable, Sendable {
    /// How large a top-slice is.
    public enum Size: Hashable, Codable, Sendable {
        /// A fraction of the year's budget, rounded to the nearest unit (halves up).
        case fraction(Fraction)
        /// A fixed amount each year.
        case amount(Money)
    }

    public let name: String
    public let size: Size

    public init(name: String, _ size: Size) {
        self.name = name
        self.size = size
    }
}

/// The fixed base ("vaste voet") every region receives before the key is applied.
public struct Base: Hashable, Codable, Sendable {
    /// How much each region's base is.
    public enum Amount: Hashable, Codable, Sendable {
        /// The same amount for every region.
        case uniform(Money)
        /// One amount per region code; every region must be listed.
        case perRegion([String: Money])
    }

    /// What happens when the bases together exceed the distributed amount.
    public enum InfeasibilityPolicy: String, Hashable, Codable, Sendable {
        /// Stop with a message naming measure, year, required and available amount.
        case error
        /// Shrink every base pro rata to the available amount, with a warning.
        case scale
    }

    public let amount: Amount
    public let policy: InfeasibilityPolicy

    public init(_ amount: Amount, ifInfeasible policy: InfeasibilityPolicy = .error) {
        self.amount = amount
        self.policy = policy
    }
}

/// A named sub-budget of a measure (e.g. `cultuurcoaches`), distributed with its own key
/// or the measure's.
public struct Component: Hashable, Codable, Sendable {
    /// How large a component is.
    public enum Share: Hashable, Codable, Sendable {
        /// A fraction of the distributed amount; the fractions of a measure sum to 100%.
        case fraction(Fraction)
        /// An amount that states the component's proportion: the components share the
        /// distributed amount in the ratio of their amounts (2M : 2M : 5.4M).
        case proportionalAmount(Money)
    }

    public let name: String
    public let share: Share
    /// The component's own key, or `nil` for the measure's key.
    public let key: Key?

    public init(name: String, _ share: Share, key: Key? = nil) {
        self.name = name
        self.share = share
        self.key = key
    }
}

/// A minimum part of each region's amount reserved for a purpose (e.g. at least 10% for
/// youth meeting places). Reported per region, rounded up to the unit; not redistributed.
public struct Earmark: Hashable, Codable, Sendable {
    public let purpose: String
    public let minimum: Fraction

    public init(purpose: String, minimum: Fraction) {
        self.purpose = purpose
        self.minimum = minimum
    }
}

/// Whole euros or cents: the unit that paid amounts are rounded to.
public enum RoundingUnit: String, Hashable, Codable, Sendable {
    case euro, cent

    /// Cents per unit.
    public var cents: Int64 { self == .euro ? 100 : 1 }
}
