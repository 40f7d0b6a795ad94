/// Largest-remainder (Hamilton) rounding: whole units that add up exactly to a total.
///
/// Every entry first gets `floor(x_m)`; the `k = total - sum(floor(x_m))` units left go one
/// each to the `k` entries with the largest fractional parts. Equal fractional parts are
/// broken by the given order (region code ascending), so the result is deterministic.
/// An entry whose exact value is a whole number is never rounded up.
public enum LargestRemainder {
    /// Rounds `exact` (in units) to whole units summing to `total`. `tieOrder[i] < tieOrder[j]`
    /// means entry `i` wins a tie against `j`. Returns `nil` if the exact values are not
    /// within one unit per entry of the total (a caller bug, reported by the caller).
    public static func round(_ exact: [Double], total: Int64, tieOrder: [Int]) -> [Int64]? {
        var units = [Int64]()
        units.reserveCapacity(exact.count)
        for value in exact {
            guard value.isFinite, value >= 0, value < 9.0e18 else { return nil }
            units.append(Int64(value.rounded(.down)))
        }
        let leftover = total - units.reduce(0, +)
        guard leftover >= 0, leftover <= exact.count else { return nil }
        let order = exact.indices.sorted { i, j in
            let (ri, rj) = (exact[i] - Double(units[i]), exact[j] - Double(units[j]))
            return ri != rj ? ri > rj : tieOrder[i] < tieOrder[j]
        }
        for index in order.prefix(Int(leftover)) { units[index] += 1 }
        return units
    }
}
