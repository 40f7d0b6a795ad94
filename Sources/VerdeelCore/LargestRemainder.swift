/// Largest-remainder (Hamilton) rounding: whole units that add up exactly to a total.
///
/// Every entry first gets `floor(x_m)`; the `k = total - sum(floor(x_m))` units left go one
/// each to the `k` entries with the largest fractional parts, equal fractional parts to the
/// lower index (region code ascending). An entry whose exact value is a whole number is never
/// rounded up.
///
/// On double-precision amounts the decision is only trusted when it has room: the result is
/// `ceil(x_m - theta)` for any threshold `theta` between the last fractional part that gets a
/// unit and the first that does not, so amounts that are each within `E` of their exact
/// values give the exact result whenever that gap (the `margin`) exceeds `2E`. Otherwise
/// the caller decides in exact arithmetic (``ExactPool``).
public enum LargestRemainder {
    /// Rounds `exact` (in units) to whole units summing to `total`, with the margin of the
    /// decision: the gap between the smallest fractional part given a unit and the largest
    /// not given one (when every entry or none gets one, the gap around the circle,
    /// `1 + min - max`). Returns `nil` if the values are not within one unit per entry of the
    /// total (a caller bug, reported by the caller).
    public static func round(_ exact: [Double], total: Int64) -> (units: [Int64], margin: Double)? {
        var units = [Int64]()
        units.reserveCapacity(exact.count)
        for value in exact {
            guard value.isFinite, value >= 0, value < 9.0e18 else { return nil }
            units.append(Int64(value.rounded(.down)))
        }
        let leftover = total - units.reduce(0, +)
        guard leftover >= 0, leftover <= exact.count, !exact.isEmpty else { return nil }
        let fractions = exact.indices.map { exact[$0] - Double(units[$0]) }
        let order = exact.indices.sorted { i, j in fractions[i] != fractions[j] ? fractions[i] > fractions[j] : i < j }
        for index in order.prefix(Int(leftover)) { units[index] += 1 }
        let k = Int(leftover)
        let margin = k > 0 && k < exact.count
            ? fractions[order[k - 1]] - fractions[order[k]]
            : 1 + fractions[order[exact.count - 1]] - fractions[order[0]]
        return (units, margin)
    }

    /// Whether a rounding decision with this margin must be made in exact arithmetic.
    ///
    /// Each double-precision amount is the exact one within `E = terms * 2^-50 * scale`:
    /// with `n` regions and `K` criteria the amounts `base + R * sum_k w_k x_km / sum(x_k)`
    /// are sums of non-negative terms with relative error below `(n + K + 8) * 2^-53`, so
    /// `terms = n + K + 8` and `scale` the largest amount leave a factor 8 of room (with
    /// limits that move money, `scale` is the pool: the level is a difference of sums).
    public static func isCloseCall(margin: Double, scale: Double, terms: Int) -> Bool {
        !(margin > 2 * tolerance(scale: scale, terms: terms))
    }

    /// `E = terms * 2^-50 * scale`, see ``isCloseCall(margin:scale:terms:)``.
    public static func tolerance(scale: Double, terms: Int) -> Double {
        Double(terms) * 0x1p-50 * scale
    }
}
