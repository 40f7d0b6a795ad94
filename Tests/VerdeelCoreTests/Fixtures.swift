import VerdeelCore

/// Four regions with 40, 30, 20 and 10 inhabitants (100 in all), so shares are easy to
/// work out by hand: a budget of EUR 1,000 by inhabitants gives 400, 300, 200, 100.
func fourRegions() throws -> RegionTable {
    try RegionTable(
        regions: [
            Region(code: "GM0001", name: "A"), Region(code: "GM0002", name: "B"),
            Region(code: "GM0003", name: "C"), Region(code: "GM0004", name: "D"),
        ],
        indicators: ["inhabitants": [40, 30, 20, 10], "area": [1, 1, 1, 1]])
}

/// A measure that shares `budget` euros per year by inhabitants alone.
func byInhabitants(_ budgets: [Int: Int64], limits: Limits = Limits(), rounding: RoundingUnit = .euro) -> Measure {
    Measure(
        name: "test", budgets: budgets.mapValues { Money(euros: $0) },
        key: Key([.init(.indicator("inhabitants"), .one)]), limits: limits, rounding: rounding)
}

func percent(_ value: Int64) -> Fraction {
    Fraction(percent: value) ?? .zero
}

/// The message of the error `body` throws, or a note that it threw none.
func message(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}
