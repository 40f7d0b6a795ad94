/// Per label (a municipality) the range from P5 to P95 of its amount over the draws as a
/// line, the median (P50) as a dot and, where known, the amount without draws as a tick:
/// how far uncertainty in the data can move each amount.
struct IntervalChart {
    struct Interval {
        let label: String
        let p05, p50, p95: Double
        let reference: Double?
    }

    let title: String
    let intervals: [Interval]
    let valueText: (Double) -> String
    let axisText: (Double) -> String
    let legend: (interval: String, median: String, reference: String)

    func render() -> String {
        let labelWidth = 170.0, plotWidth = 440.0, row = 22.0, top = 34.0
        let scale = Scale(intervals.flatMap { [$0.p05, $0.p95] + ($0.reference.map { [$0] } ?? []) }, from: labelWidth, to: labelWidth + plotWidth, zero: false)
        var body = ""
        let bottom = top + row * Double(intervals.count)
        for tick in scale.ticks {
            body += SVG.line(scale(tick), top - 6, scale(tick), bottom, className: "grid")
            body += SVG.text(scale(tick), top - 12, axisText(tick), anchor: "middle", className: "tick")
        }
        for (index, interval) in intervals.enumerated() {
            let y = top + row * Double(index) + row / 2
            body += SVG.text(labelWidth - 8, y + 4, interval.label, anchor: "end", className: "label")
            body += SVG.line(scale(interval.p05), y, scale(interval.p95), y, className: "interval")
            if let reference = interval.reference { body += SVG.line(scale(reference), y - 7, scale(reference), y + 7, className: "reference") }
            body += #"<circle cx="\#(SVG.n(scale(interval.p50)))" cy="\#(SVG.n(y))" r="4" class="median"><title>\#(SVG.escaped("\(interval.label): P5 \(valueText(interval.p05)), P50 \(valueText(interval.p50)), P95 \(valueText(interval.p95))"))</title></circle>"#
        }
        body += SVG.line(labelWidth, bottom + 18, labelWidth + 24, bottom + 18, className: "interval")
        body += SVG.text(labelWidth + 30, bottom + 22, legend.interval, className: "legend")
        body += #"<circle cx="\#(SVG.n(labelWidth + 182))" cy="\#(SVG.n(bottom + 18))" r="4" class="median"/>"#
        body += SVG.text(labelWidth + 192, bottom + 22, legend.median, className: "legend")
        body += SVG.line(labelWidth + 300, bottom + 11, labelWidth + 300, bottom + 25, className: "reference")
        body += SVG.text(labelWidth + 308, bottom + 22, legend.reference, className: "legend")
        let description = intervals.map { "\($0.label): \(valueText($0.p05)) – \(valueText($0.p95)), P50 \(valueText($0.p50))" }.joined(separator: "; ")
        return SVG.root(width: labelWidth + plotWidth + 40, height: bottom + 32, title: title, description: description, body: body)
    }
}
