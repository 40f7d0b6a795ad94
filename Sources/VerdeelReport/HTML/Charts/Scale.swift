import Foundation

/// A linear scale from data to pixels with "nice" ticks (1, 2 or 5 times a power of ten),
/// as a reader expects on an axis; the domain always includes 0 when `zero` is set.
struct Scale {
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double
    let ticks: [Double]

    init(_ values: [Double], from start: Double, to end: Double, zero: Bool = true, count: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if zero { low = Swift.min(low, 0); high = Swift.max(high, 0) }
        if low == high { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        let step = Self.niceStep((high - low) / Double(count))
        let first = (low / step).rounded(.down) * step, last = (high / step).rounded(.up) * step
        lower = first
        upper = last
        self.start = start
        self.end = end
        ticks = stride(from: 0, through: Int(((last - first) / step).rounded()), by: 1).map { first + Double($0) * step }
    }

    func callAsFunction(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
    }
}
