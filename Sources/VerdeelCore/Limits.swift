/// Floors, caps and transition limits per region (docs/allocation-rules.md, step 5). A region that breaks one is
/// held at it and the difference is shared over the other regions by the key, round after
/// round, until every limit holds; a combination that cannot hold is an error.
///
/// Bounds are applied in whole units of rounding (floors rounded up, caps rounded down), so
/// rounding never pushes an amount past a limit.
public struct Limits: Hashable, Codable, Sendable {
    public var floor: Bound?
    public var cap: Bound?
    public var transition: TransitionLimit?

    public init(floor: Bound? = nil, cap: Bound? = nil, transition: TransitionLimit? = nil) {
        self.floor = floor
        self.cap = cap
        self.transition = transition
    }

    /// True when no limit is set.
    public var isEmpty: Bool { floor == nil && cap == nil && transition == nil }

    /// True when no limit can ever bind: none is set, or only a floor of 0 (amounts are
    /// never below 0 anyway). Such limits cost nothing: the measure is shared as without them.
    public var canNeverBind: Bool {
        guard cap == nil, transition == nil else { return false }
        switch floor {
        case nil: return true
        case .amount(let money), .per(let money, _): return money <= .zero
        case .perRegion(let amounts): return amounts.values.allSatisfy { $0 <= .zero }
        }
    }
}

/// An amount per region: the same for all, one per region, or per unit of an indicator.
public enum Bound: Hashable, Codable, Sendable {
    case amount(Money)
    case perRegion([String: Money])
    /// `amount` for each unit of the indicator, e.g. EUR 2.50 per inhabitant.
    case per(Money, indicator: String)
}

/// A maximum change of a region's amount against a reference allocation.
public struct TransitionLimit: Hashable, Codable, Sendable {
    /// How large a change may be.
    public enum Change: Hashable, Codable, Sendable {
        case amount(Money)
        /// A fraction of the region's reference amount.
        case fraction(Fraction)
        /// An amount per unit of an indicator, e.g. EUR 1 per inhabitant.
        case per(Money, indicator: String)
    }

    /// What the change is measured against.
    public enum Reference: Hashable, Codable, Sendable {
        /// The same measure (and component) the year before; the first year has no limit.
        case previousYear
        /// A given allocation per region code, e.g. another scenario's.
        case allocation([String: Money])
    }

    public let maximumChange: Change
    public let reference: Reference

    public init(maximumChange: Change, reference: Reference) {
        self.maximumChange = maximumChange
        self.reference = reference
    }
}
