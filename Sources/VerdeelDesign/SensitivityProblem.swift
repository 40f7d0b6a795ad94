/// The factors of a sensitivity analysis: each with a name, the range a design samples it
/// from (uniform on [lower, upper]) and the group it belongs to. Indices are reported per
/// group; a factor that names no group is a group of its own. This is SALib's "problem".
public struct SensitivityProblem: Sendable, Equatable {
    /// One input of the model.
    public struct Factor: Sendable, Equatable {
        public let name: String
        public let lower: Double
        public let upper: Double
        /// The group's name; the factor's own name when it has no group.
        public let group: String

        public init(name: String, lower: Double, upper: Double, group: String? = nil) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.group = group ?? name
        }

        /// The factor's value at the design's coordinate `u` in [0, 1]: `lower + u (upper - lower)`.
        public func value(at u: Double) -> Double {
            lower + u * (upper - lower)
        }
    }

    public let factors: [Factor]
    /// The groups in the order they first appear.
    public let groups: [String]
    /// For every factor, the index of its group in ``groups``.
    public let groupOfFactor: [Int]

    /// Checks the factors: at least one, names unique and not empty, finite bounds with
    /// lower < upper, and at least two groups when groups are given.
    public init(factors: [Factor]) throws(DesignError) {
        guard !factors.isEmpty else { throw DesignError("the problem has no factors; give one line 'name lower upper [group]' per factor") }
        var seen = Set<String>()
        for factor in factors {
            guard !factor.name.isEmpty else { throw DesignError("a factor has no name") }
            guard seen.insert(factor.name).inserted else { throw DesignError("factor '\(factor.name)' is named twice; give every factor its own name") }
            guard factor.lower.isFinite, factor.upper.isFinite else { throw DesignError("factor '\(factor.name)' has a bound that is not a finite number") }
            guard factor.lower < factor.upper else {
                let what = factor.lower == factor.upper ? "equal bounds" : "reversed bounds"
                throw DesignError("factor '\(factor.name)' has \(what) (\(factor.lower), \(factor.upper)); the lower bound must be below the upper bound")
            }
        }
        var groups = [String]()
        var index = [String: Int]()
        var groupOfFactor = [Int]()
        for factor in factors {
            if index[factor.group] == nil {
                index[factor.group] = groups.count
                groups.append(factor.group)
            }
            groupOfFactor.append(index[factor.group] ?? 0)
        }
        if groups.count == 1, factors.count > 1 {
            throw DesignError("every factor is in group '\(groups[0])'; with one group the indices say nothing, give at least two groups")
        }
        self.factors = factors
        self.groups = groups
        self.groupOfFactor = groupOfFactor
    }
}

/// A problem with a sensitivity design or its inputs, and what to do about it.
public struct DesignError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
