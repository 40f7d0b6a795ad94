import Foundation
import VerdeelCore

/// The classes a choropleth colours municipalities by, each with its words for the legend.
///
/// - ``changes(_:thresholds:)``: a change per inhabitant per year against the `losses`
///   thresholds `t1 < t2 < ...`: a loss beyond the largest threshold, beyond the next, ...,
///   a loss within the smallest, no change (under half a cent), a gain. A loss exactly at a
///   threshold is within it, as the threshold tables count "beyond" (`change < -t`).
/// - ``quantiles(_:count:)``: values in `count` classes of (nearly) equal size by rank, ties
///   kept together in the lower class: class `floor(r * count / n)` for the rank `r` (0-based)
///   of a value's first occurrence among the `n` values sorted.
public struct MapClasses: Sendable, Equatable {
    /// Each class's legend words, in order.
    public let legend: [Words]
    /// Each region's class (an index into ``legend``).
    public let classes: [String: Int]

    public static func changes(_ values: [String: Double], thresholds: [Double]) -> MapClasses {
        let limits = Array(Set(thresholds.filter { $0 > 0 && $0.isFinite })).sorted()
        var legend = limits.reversed().map { limit in
            Words(dutch: "verlies meer dan € \(Self.euros(limit, dutch: true)) per inwoner per jaar", english: "loss beyond € \(Self.euros(limit, dutch: false)) per inhabitant per year")
        }
        legend.append(limits.first.map { Words(dutch: "verlies tot € \(Self.euros($0, dutch: true))", english: "loss up to € \(Self.euros($0, dutch: false))") }
            ?? Words(dutch: "verlies", english: "loss"))
        legend += [Words(dutch: "gelijk", english: "no change"), Words(dutch: "winst", english: "gain")]
        let lossWithin = limits.count
        let classes = values.mapValues { value -> Int in
            if abs(value) < 0.005 { return lossWithin + 1 }
            if value > 0 { return lossWithin + 2 }
            // The largest threshold the loss is beyond, counted from the largest.
            for (index, limit) in limits.reversed().enumerated() where value < -limit { return index }
            return lossWithin
        }
        return MapClasses(legend: legend, classes: classes)
    }

    public static func quantiles(_ values: [String: Double], count: Int) -> MapClasses {
        let sorted = values.values.filter(\.isFinite).sorted()
        let classCount = max(1, min(count, sorted.count))
        var first = [Double: Int]()
        for (rank, value) in sorted.enumerated() where first[value] == nil { first[value] = rank }
        let classes = values.compactMapValues { value in first[value].map { $0 * classCount / max(sorted.count, 1) } }
        let legend = (0..<classCount).map { index -> Words in
            let members = values.filter { classes[$0.key] == index }.map(\.value)
            let low = members.min() ?? 0, high = members.max() ?? 0
            return Words(dutch: "€ \(Self.euros(low, dutch: true)) – € \(Self.euros(high, dutch: true))", english: "€ \(Self.euros(low, dutch: false)) – € \(Self.euros(high, dutch: false))")
        }
        return MapClasses(legend: legend, classes: classes)
    }

    /// Euros with two decimals as a reader of the language writes them (`1.234,56`, `1,234.56`).
    static func euros(_ value: Double, dutch: Bool) -> String {
        TextGrid.localised(AllocationTable.grouped(value), dutch ? .nl : .en)
    }
}
