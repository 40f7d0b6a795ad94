/// The resolved lower and upper bound of every region in units of rounding: floors rounded
/// up and caps rounded down to whole units, intersected with a transition limit.
struct RegionBounds {
    var lower: [Double]
    var upper: [Double]

    /// No bounds beyond "never negative".
    static func unbounded(count: Int) -> RegionBounds {
        RegionBounds(lower: Array(repeating: 0, count: count), upper: Array(repeating: .infinity, count: count))
    }

    /// True when some bound is finite or above zero, i.e. the limits can bind.
    var canBind: Bool { upper.contains { $0.isFinite } || lower.contains { $0 > 0 } }

    /// Resolves the measure's limits for one year; `previous` is the pool's allocation the
    /// year before (in cents per region), if any.
    static func resolve(
        _ limits: Limits, table: RegionTable, unit: RoundingUnit, previous: [Int64]?, measure: String
    ) throws(AllocationError) -> RegionBounds {
        var bounds = RegionBounds.unbounded(count: table.count)
        let unitCents = Double(unit.cents)
        if let floor = limits.floor {
            let cents = try floor.cents(table: table, measure: measure, what: "the floor")
            for index in cents.indices { bounds.lower[index] = max(0, (cents[index] / unitCents).rounded(.up)) }
        }
        if let cap = limits.cap {
            let cents = try cap.cents(table: table, measure: measure, what: "the cap")
            for index in cents.indices { bounds.upper[index] = (cents[index] / unitCents).rounded(.down) }
        }
        if let transition = limits.transition {
            let reference: [Double]?
            switch transition.reference {
            case .previousYear:
                reference = previous.map { $0.map(Double.init) }
            case .allocation(let amounts):
                reference = try Bound.perRegion(amounts).cents(table: table, measure: measure, what: "the transition reference")
            }
            if let reference {
                let change = try transition.maximumChange.cents(reference: reference, table: table, measure: measure)
                for index in reference.indices {
                    let low = ((reference[index] - change[index]) / unitCents).rounded(.up)
                    let high = ((reference[index] + change[index]) / unitCents).rounded(.down)
                    bounds.lower[index] = max(bounds.lower[index], low)
                    bounds.upper[index] = min(bounds.upper[index], high)
                }
            }
        }
        return bounds
    }
}

extension Bound {
    /// The bound for every region in cents (fractional for amounts per indicator unit).
    func cents(table: RegionTable, measure: String, what: String) throws(AllocationError) -> [Double] {
        switch self {
        case .amount(let money):
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: what) }
            return Array(repeating: Double(money.cents), count: table.count)
        case .perRegion(let amounts):
            return try Self.perRegionCents(amounts, table: table, measure: measure, what: what)
        case .per(let money, let indicator):
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: what) }
            let values = try Self.indicator(indicator, table: table, measure: measure, what: what)
            return values.map { Double(money.cents) * $0 }
        }
    }

    static func perRegionCents(_ amounts: [String: Money], table: RegionTable, measure: String, what: String) throws(AllocationError) -> [Double] {
        let codes = Set(table.regions.map(\.code))
        for code in amounts.keys.sorted() where !codes.contains(code) {
            throw .unknownRegion(measure: measure, what: what, region: code, suggestion: NearestName.find(code, among: codes))
        }
        var result = [Double]()
        for region in table.regions {
            guard let money = amounts[region.code] else { throw .missingRegion(measure: measure, what: what, region: region.code) }
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: "\(what) for region \(region.code)") }
            result.append(Double(money.cents))
        }
        return result
    }

    static func indicator(_ name: String, table: RegionTable, measure: String, what: String) throws(AllocationError) -> [Double] {
        guard let values = table.indicators[name] else {
            throw .unknownIndicator(measure: measure, what: what, indicator: name, suggestion: NearestName.find(name, among: table.indicators.keys))
        }
        return values
    }
}

extension TransitionLimit.Change {
    /// The largest allowed change for every region in cents.
    func cents(reference: [Double], table: RegionTable, measure: String) throws(AllocationError) -> [Double] {
        let what = "the transition limit"
        switch self {
        case .amount(let money):
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: what) }
            return Array(repeating: Double(money.cents), count: table.count)
        case .fraction(let fraction):
            return reference.map { $0 * fraction.doubleValue }
        case .per(let money, let indicator):
            guard money >= .zero else { throw .negativeAmount(measure: measure, what: what) }
            return try Bound.indicator(indicator, table: table, measure: measure, what: what).map { Double(money.cents) * $0 }
        }
    }
}
