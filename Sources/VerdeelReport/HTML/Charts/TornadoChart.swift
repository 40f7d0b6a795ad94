/// Which factor drives an output: per factor, its total-order Sobol index (ST, light) and
/// first-order index (S1, dark) as bars with the bootstrap interval as whiskers, factors
/// sorted by ST, largest on top. For Morris, mu* with its interval takes ST's place. Sobol
/// indices are drawn on [0, 1] (an estimate or whisker beyond it is cut at the edge).
struct TornadoChart {
    struct Factor {
        let name: String
        let first: Double?
        let firstInterval: Double?
        let total: Double
        let totalInterval: Double?

        /// The same factor under its name for people.
        func named(_ words: String) -> Factor {
            Factor(name: words, first: first, firstInterval: firstInterval, total: total, totalInterval: totalInterval)
        }
    }

    let title: String
    let factors: [Factor]
    let legend: (first: String, total: String)
    /// Whether the axis runs to at least 1 (Sobol indices are shares of the variance).
    let unitScale: Bool
    let valueText: (Double) -> String

    func render() -> String {
        // Room for the longest name (about 6.3 pixels a character at the labels' size).
        let longest = Double(factors.map(\.name.count).max() ?? 0)
        let labelWidth = Swift.min(380, Swift.max(160, longest * 6.3 + 14)), plotWidth = 200.0, row = 20.0, top = 26.0
        let sorted = factors.sorted { $0.total > $1.total }
        let extent: [Double] = unitScale ? [0, 1] : sorted.flatMap { [$0.total + ($0.totalInterval ?? 0), ($0.first ?? 0) + ($0.firstInterval ?? 0)] }
        let scale = Scale(extent, from: labelWidth, to: labelWidth + plotWidth, count: 4)
        var body = SVG.text(4, 12, title, className: "panel")
        let bottom = top + row * Double(sorted.count)
        for tick in scale.ticks {
            body += SVG.line(scale(tick), top, scale(tick), bottom, className: tick == 0 ? "axis zero" : "grid")
            body += SVG.text(scale(tick), bottom + 12, valueText(tick), anchor: "middle", className: "tick")
        }
        for (index, factor) in sorted.enumerated() {
            let y = top + row * Double(index)
            body += SVG.text(labelWidth - 6, y + 14, factor.name, anchor: "end", className: "label")
            body += SVG.rect(scale(0), y + 2, scale(min(scale.upper, max(0, factor.total))) - scale(0), row - 4, className: "bar total", title: "\(factor.name): \(legend.total) \(valueText(factor.total))")
            if let first = factor.first {
                body += SVG.rect(scale(0), y + 6, scale(min(scale.upper, max(0, first))) - scale(0), row - 12, className: "bar first", title: "\(factor.name): \(legend.first) \(valueText(first))")
            }
            if let interval = factor.totalInterval { body += whisker(scale, factor.total, interval, y + row / 2 - 4) }
            if let first = factor.first, let interval = factor.firstInterval { body += whisker(scale, first, interval, y + row / 2 + 2) }
        }
        body += SVG.rect(labelWidth, bottom + 20, 14, 10, className: "bar total") + SVG.text(labelWidth + 18, bottom + 29, legend.total, className: "legend")
        if sorted.contains(where: { $0.first != nil }) {
            body += SVG.rect(labelWidth + 100, bottom + 22, 14, 6, className: "bar first") + SVG.text(labelWidth + 118, bottom + 29, legend.first, className: "legend")
        }
        let description = sorted.map { "\($0.name): \(legend.total) \(valueText($0.total))" + ($0.first.map { ", \(legend.first) \(valueText($0))" } ?? "") }.joined(separator: "; ")
        return SVG.root(width: labelWidth + plotWidth + 20, height: bottom + 36, title: title, description: description, body: body)
    }

    private func whisker(_ scale: Scale, _ value: Double, _ interval: Double, _ y: Double) -> String {
        SVG.line(scale(max(scale.lower, value - interval)), y, scale(min(scale.upper, value + interval)), y, className: "whisker")
    }
}
