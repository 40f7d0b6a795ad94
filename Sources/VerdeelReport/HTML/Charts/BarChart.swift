/// A horizontal bar chart, one bar per label (a municipality), for amounts and changes:
/// bars grow from 0 (to the left for a negative value, drawn as a loss), with the value at
/// each bar's end (for changes, in a column right of the plot) and the axis ticks on top. `markers` draws dashed vertical lines (the
/// loss thresholds of the fairness block) with their legend.
struct BarChart {
    struct Marker {
        let value: Double
        let label: String
    }

    let title: String
    let labels: [String]
    let values: [Double]
    let valueText: (Double) -> String
    let axisText: (Double) -> String
    var markers: [Marker] = []
    /// Whether a positive bar is a gain and a negative one a loss (colours), not just an amount.
    var diverging = false

    func render() -> String {
        let labelWidth = 170.0, plotWidth = 440.0, valueWidth = 110.0, row = 22.0, top = 34.0
        let height = top + row * Double(labels.count) + 14 + (markers.isEmpty ? 0 : 20)
        let scale = Scale(values + markers.map(\.value), from: labelWidth, to: labelWidth + plotWidth)
        var body = ""
        for tick in scale.ticks {
            body += SVG.line(scale(tick), top - 6, scale(tick), top + row * Double(labels.count), className: tick == 0 ? "axis zero" : "grid")
            body += SVG.text(scale(tick), top - 12, axisText(tick), anchor: "middle", className: "tick")
        }
        for (index, (label, value)) in zip(labels, values).enumerated() {
            let y = top + row * Double(index)
            let zero = scale(0), end = scale(value)
            let kind = diverging ? (value < 0 ? "bar loss" : "bar gain") : "bar"
            body += SVG.text(labelWidth - 8, y + 15, label, anchor: "end", className: "label")
            body += SVG.rect(min(zero, end), y + 3, abs(end - zero), row - 6, className: kind, title: "\(label): \(valueText(value))")
            // A change's value stands in a column right of the plot, clear of the names.
            let x = diverging ? labelWidth + plotWidth + 8 : max(zero, end) + 4
            body += SVG.text(x, y + 15, valueText(value), className: "value")
        }
        let bottom = top + row * Double(labels.count)
        for (index, marker) in markers.enumerated() {
            body += SVG.line(scale(marker.value), top - 4, scale(marker.value), bottom, className: "marker")
            body += SVG.text(labelWidth + Double(index) * 250, bottom + 28, "┆ " + marker.label, className: "legend")
        }
        let description = zip(labels, values).map { "\($0): \(valueText($1))" }.joined(separator: "; ")
        return SVG.root(width: labelWidth + plotWidth + valueWidth, height: height, title: title, description: description, body: body)
    }
}
