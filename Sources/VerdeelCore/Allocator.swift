/// Computes the allocation of measures over a region table, year by year, exactly as
/// docs/allocation-rules.md states: top-slices, components, base, key, limits, rounding.
///
/// Guarantees, checked for every measure and year before a result is returned:
/// `sum(regions) + sum(top-slices) == budget` exactly, and every limit holds.
public struct Allocator: Sendable {
    /// The regions and indicators the measures are allocated over.
    public let table: RegionTable

    public init(table: RegionTable) {
        self.table = table
    }

    /// Allocates every measure.
    public func allocate(_ measures: [Measure]) throws(AllocationError) -> [MeasureAllocation] {
        var results = [MeasureAllocation]()
        for measure in measures { results.append(try allocate(measure)) }
        return results
    }

    /// Allocates one measure over all its budget years.
    public func allocate(_ measure: Measure) throws(AllocationError) -> MeasureAllocation {
        let name = measure.name
        guard !measure.budgets.isEmpty else { throw .noBudget(measure: name) }
        let measureKeyShares = try measure.key.shares(over: table, measure: name)
        let pools = try measure.components.isEmpty
            ? [Pool(component: nil, weight: .one, keyShares: measureKeyShares, key: measure.key)]
            : componentPools(of: measure, measureKeyShares: measureKeyShares)
        let baseCents = try measure.base.map { base throws(AllocationError) in try base.cents(table: table, measure: name) }
        var previous = [[Int64]?](repeating: nil, count: pools.count)
        var years = [YearAllocation]()
        for (year, budget) in measure.budgets.sorted(by: { $0.key < $1.key }) {
            let unit = measure.rounding
            let budgetUnits = try wholeUnits(budget, measure: name, year: year, what: "the budget", unit: unit)
            let topslices = try topsliceAmounts(measure, year: year, budgetUnits: budgetUnits)
            let topsliceUnits = topslices.reduce(Int64(0)) { $0 + $1.amount.cents / unit.cents }
            guard topsliceUnits <= budgetUnits else {
                throw .topslicesExceedBudget(measure: name, year: year, topslices: topslices.map(\.amount).sum(), budget: budget)
            }
            let poolTotals = try split(budgetUnits - topsliceUnits, weights: pools.map(\.weight), measure: name)
            var components = [ComponentAllocation]()
            var warnings = [Words]()
            for (index, pool) in pools.enumerated() {
                let bounds = try RegionBounds.resolve(measure.limits, table: table, unit: unit, previous: previous[index], measure: name)
                let distribution = PoolDistribution(measure: name, component: pool.component, year: year, table: table, unit: unit)
                let (allocation, poolWarnings, _) = try distribution.distribute(
                    total: poolTotals[index], keyShares: pool.keyShares, baseCents: baseCents,
                    policy: measure.base?.policy ?? .error, bounds: bounds, keyTerms: pool.key.terms.count,
                    exactKey: { () throws(AllocationError) in try pool.key.exactInputs(over: table, measure: name) })
                components.append(allocation)
                warnings += poolWarnings
                previous[index] = allocation.regions.map(\.amount.cents)
            }
            let result = YearAllocation(
                year: year, budget: budget, topslices: topslices, components: components,
                earmarks: try earmarks(measure, components: components), warnings: warnings)
            try checkInvariant(result, measure: name)
            years.append(result)
        }
        return MeasureAllocation(measure: name, years: years)
    }

    /// One distributed budget: the measure's own, or one component's.
    private struct Pool {
        let component: String?
        let weight: Fraction
        let keyShares: [Double]
        let key: Key
    }

    /// The units of rounding each pool (the whole measure, or each component in order)
    /// distributes in every budget year, after top-slices: what the Monte Carlo engine
    /// shares with its own, vectorised distribution.
    public func poolTotals(_ measure: Measure) throws(AllocationError) -> [(year: Int, units: [Int64])] {
        let name = measure.name
        guard !measure.budgets.isEmpty else { throw .noBudget(measure: name) }
        let weights = measure.components.isEmpty ? [Fraction.one] : try componentWeights(of: measure)
        var result = [(year: Int, units: [Int64])]()
        for (year, budget) in measure.budgets.sorted(by: { $0.key < $1.key }) {
            let budgetUnits = try wholeUnits(budget, measure: name, year: year, what: "the budget", unit: measure.rounding)
            let topslices = try topsliceAmounts(measure, year: year, budgetUnits: budgetUnits)
            let topsliceUnits = topslices.reduce(Int64(0)) { $0 + $1.amount.cents / measure.rounding.cents }
            guard topsliceUnits <= budgetUnits else {
                throw .topslicesExceedBudget(measure: name, year: year, topslices: topslices.map(\.amount).sum(), budget: budget)
            }
            result.append((year, try split(budgetUnits - topsliceUnits, weights: weights, measure: name)))
        }
        return result
    }

    private func componentWeights(of measure: Measure) throws(AllocationError) -> [Fraction] {
        let name = measure.name
        var weights = [Fraction]()
        let fractions = measure.components.compactMap { component -> Fraction? in
            if case .fraction(let fraction) = component.share { return fraction }
            return nil
        }
        let amounts = measure.components.compactMap { component -> Money? in
            if case .proportionalAmount(let money) = component.share { return money }
            return nil
        }
        if fractions.count == measure.components.count {
            guard let total = fractions.sum() else { throw .arithmeticOverflow(measure: name, what: "the components' fractions") }
            guard total == .one else { throw .componentsDoNotSumTo100(measure: name, sum: total) }
            weights = fractions
        } else if amounts.count == measure.components.count {
            let total = amounts.sum()
            for money in amounts where money < .zero { throw .negativeAmount(measure: name, what: "a component's amount") }
            guard total > .zero else { throw .negativeAmount(measure: name, what: "the components' total amount") }
            weights = amounts.compactMap { Fraction($0.cents, total.cents) }
        } else {
            throw .mixedComponentShares(measure: name)
        }
        return weights
    }

    private func componentPools(of measure: Measure, measureKeyShares: [Double]) throws(AllocationError) -> [Pool] {
        let name = measure.name
        let weights = try componentWeights(of: measure)
        var pools = [Pool]()
        var seen = Set<String>()
        for (component, weight) in zip(measure.components, weights) {
            guard seen.insert(component.name).inserted else { throw .duplicateComponent(measure: name, component: component.name) }
            let keyShares = try component.key.map { key throws(AllocationError) in
                try key.shares(over: table, measure: "\(name)/\(component.name)")
            } ?? measureKeyShares
            pools.append(Pool(component: component.name, weight: weight, keyShares: keyShares, key: component.key ?? measure.key))
        }
        return pools
    }

    /// Splits `units` over the pools in proportion to their exact weights, by largest
    /// remainder (ties to the pool declared first).
    private func split(_ units: Int64, weights: [Fraction], measure: String) throws(AllocationError) -> [Int64] {
        var quotients = [Int64]()
        var remainders = [Fraction]()
        for weight in weights {
            guard let (quotient, remainder) = weight.times(units),
                  let fraction = Fraction(remainder, weight.denominator)
            else { throw .arithmeticOverflow(measure: measure, what: "the components' amounts") }
            quotients.append(quotient)
            remainders.append(fraction)
        }
        let leftover = Int(units - quotients.reduce(0, +))
        let order = weights.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(leftover) { quotients[index] += 1 }
        return quotients
    }

    private func topsliceAmounts(_ measure: Measure, year: Int, budgetUnits: Int64) throws(AllocationError) -> [TopsliceAmount] {
        let unit = measure.rounding
        var result = [TopsliceAmount]()
        for topslice in measure.topslices {
            switch topslice.size {
            case .fraction(let fraction):
                guard let units = fraction.roundedTimes(budgetUnits), case let (cents, false) = units.multipliedReportingOverflow(by: unit.cents) else {
                    throw .arithmeticOverflow(measure: measure.name, what: "top-slice '\(topslice.name)'")
                }
                result.append(TopsliceAmount(name: topslice.name, amount: Money(cents: cents)))
            case .amount(let money):
                let units = try wholeUnits(money, measure: measure.name, year: year, what: "top-slice '\(topslice.name)'", unit: unit)
                result.append(TopsliceAmount(name: topslice.name, amount: Money(cents: units * unit.cents)))
            }
        }
        return result
    }

    private func earmarks(_ measure: Measure, components: [ComponentAllocation]) throws(AllocationError) -> [EarmarkAmount] {
        let unit = measure.rounding.cents
        var result = [EarmarkAmount]()
        for earmark in measure.earmarks {
            for (index, region) in table.regions.enumerated() {
                let units = components.reduce(Int64(0)) { $0 + $1.regions[index].amount.cents / unit }
                guard let minimum = earmark.minimum.roundedUpTimes(units) else {
                    throw .arithmeticOverflow(measure: measure.name, what: "earmark '\(earmark.purpose)'")
                }
                guard case let (cents, false) = minimum.multipliedReportingOverflow(by: unit) else {
                    throw .arithmeticOverflow(measure: measure.name, what: "earmark '\(earmark.purpose)'")
                }
                result.append(EarmarkAmount(purpose: earmark.purpose, region: region.code, minimum: Money(cents: cents)))
            }
        }
        return result
    }

    private func wholeUnits(_ money: Money, measure: String, year: Int, what: String, unit: RoundingUnit) throws(AllocationError) -> Int64 {
        guard money >= .zero else { throw .negativeAmount(measure: measure, what: "\(what) for \(year)") }
        guard money.cents % unit.cents == 0 else {
            throw .notWholeUnits(measure: measure, year: year, what: what, amount: money, unit: unit)
        }
        return money.cents / unit.cents
    }

    private func checkInvariant(_ result: YearAllocation, measure: String) throws(AllocationError) {
        let regions = result.components.flatMap(\.regions).map(\.amount).sum()
        let topslices = result.topslices.map(\.amount).sum()
        guard regions + topslices == result.budget else {
            throw .invariantViolated(
                measure: measure, year: result.year,
                detail: "regions \(regions) + top-slices \(topslices) != budget \(result.budget)")
        }
    }
}

extension Base {
    /// Every region's base in cents, in table order.
    func cents(table: RegionTable, measure: String) throws(AllocationError) -> [Double] {
        switch amount {
        case .uniform(let money):
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: "the fixed base") }
            return Array(repeating: Double(money.cents), count: table.count)
        case .perRegion(let amounts):
            return try Bound.perRegionCents(amounts, table: table, measure: measure, what: "the fixed base")
        }
    }
}
