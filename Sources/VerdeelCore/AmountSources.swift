/// One part of the regions' amounts in one measure, year and component: what the base,
/// one criterion of the key, the limits or rounding added to each region, in euros. The
/// parts of a year add up to each region's paid amount (up to floating-point rounding):
/// ```
/// amount_m = sum over components of  base_m + sum_k R * w_k * share_k(m) + limits_m + rounding_m
/// ```
/// with `base_m` the region's base after any pro-rata scaling, `R` the remainder the key
/// shares, `limits_m = exact_m - (base_m + R * keyshare_m)` what floors, caps and transition
/// limits moved, and `rounding_m = amount_m - exact_m`. Top-slices reach no region, so they
/// are no part. Fairness splits the Gini by these parts (docs/fairness.md).
public struct AmountSource: Hashable, Sendable {
    /// What kind of part it is.
    public enum Part: String, Hashable, Sendable {
        case base, key, limits, rounding
    }

    /// The component, or `nil` when the measure has none.
    public let component: String?
    public let part: Part
    /// The key's criterion for a `key` part, `nil` otherwise.
    public let criterion: String?
    /// Each region's part is `scale * values[m]` euros: for a key part the criterion's values
    /// and `R * w_k / sum(x)`, for a base the base in units and the unit's euros, for limits and
    /// rounding the euros themselves and 1. Kept apart so that a part per inhabitant,
    /// `scale * (values[m] / p_m)`, is exactly the same for regions whose values are
    /// proportional to their populations (a key part by inhabitants).
    public let values: [Double]
    public let scale: Double

    /// Whether the part adds up to 0 over the regions by construction (limits move money
    /// between regions, rounding to the unit keeps the total).
    public var isBalanced: Bool { part == .limits || part == .rounding }

    /// Each region's part in euros, in table order.
    public var euros: [Double] { values.map { $0 * scale } }
}

extension Allocator {
    /// The parts of every year's amounts of a measure that this allocator allocated
    /// (`allocation`), year by year in the allocation's order. A measure without a base has
    /// no `base` part, a key criterion of weight 0 no `key` part, and `limits` appears only
    /// where a limit moved an amount.
    public func sources(of measure: Measure, allocation: MeasureAllocation) throws(AllocationError) -> [(year: Int, sources: [AmountSource])] {
        let name = measure.name
        let baseCents = try measure.base.map { base throws(AllocationError) in try base.cents(table: table, measure: name) }
        let unit = measure.rounding
        let euros = Double(unit.cents) / 100
        var result = [(year: Int, sources: [AmountSource])]()
        for year in allocation.years {
            var sources = [AmountSource]()
            for pool in year.components {
                let key = pool.component.flatMap { component in measure.components.first { $0.name == component }?.key } ?? measure.key
                let start = PoolDistribution.start(total: pool.distributed.cents / unit.cents, baseCents: baseCents, regions: table.count, unit: unit)
                var before = start.base.map { $0 * euros }
                if baseCents != nil { sources.append(AmountSource(component: pool.component, part: .base, criterion: nil, values: start.base, scale: euros)) }
                for term in key.terms where term.weight > .zero {
                    let values: [Double]
                    do {
                        values = try term.criterion.values(over: table)
                    } catch {
                        throw .criterion(measure: name, error)
                    }
                    let source = AmountSource(
                        component: pool.component, part: .key, criterion: term.criterion.name, values: values,
                        scale: start.remainder * term.weight.doubleValue * euros / values.reduce(0, +))
                    for (index, part) in source.euros.enumerated() { before[index] += part }
                    sources.append(source)
                }
                let limits = zip(pool.regions, before).map { $0.exact - $1 }
                if zip(pool.regions, before).contains(where: { $0.exact != $1 }), pool.regions.contains(where: { $0.limitedBy != nil }) {
                    sources.append(AmountSource(component: pool.component, part: .limits, criterion: nil, values: limits, scale: 1))
                }
                let rounding = pool.regions.map { Double($0.amount.cents) / 100 - $0.exact }
                sources.append(AmountSource(component: pool.component, part: .rounding, criterion: nil, values: rounding, scale: 1))
            }
            result.append((year.year, sources))
        }
        return result
    }
}
