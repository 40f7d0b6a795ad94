import Foundation

/// A value (a municipality's amount, or a fairness metric) over two swept weights: one
/// square per variant at (first weight, second weight), coloured from light (low) to dark
/// (high), with the colour scale's ends labelled. A simplex of three weights fills the
/// triangle below the diagonal (the third weight is 1 minus the two shown).
struct Heatmap {
    struct Cell {
        let x, y, value: Double
    }

    let title: String
    let cells: [Cell]
    let xLabel, yLabel: String
    let axisText: (Double) -> String
    let valueText: (Double) -> String

    func render() -> String {
        let top = 12.0, size = 300.0
        let xs = Array(Set(cells.map(\.x))).sorted(), ys = Array(Set(cells.map(\.y))).sorted()
        // Room left of the plot for the widest tick label of the y axis (about 6.3 pixels a
        // character) and the axis name beside it, so the two never overlap.
        let yTicks = Scale(ys, from: size, to: 0, zero: false, count: 4).ticks
        let left = 34 + Double(yTicks.map { axisText($0).count }.max() ?? 4) * 6.3
        let xScale = Scale(xs, from: left, to: left + size, zero: false, count: 4)
        let yScale = Scale(ys, from: top + size, to: top, zero: false, count: 4)
        let cellWidth = size / Double(max(1, xs.count)) * 1.02 + 0.4, cellHeight = size / Double(max(1, ys.count)) * 1.02 + 0.4
        let low = cells.map(\.value).min() ?? 0, high = cells.map(\.value).max() ?? 1
        var body = ""
        for cell in cells {
            let fraction = high > low ? (cell.value - low) / (high - low) : 0.5
            body += #"<rect x="\#(SVG.n(xScale(cell.x) - cellWidth / 2))" y="\#(SVG.n(yScale(cell.y) - cellHeight / 2))" width="\#(SVG.n(cellWidth))" height="\#(SVG.n(cellHeight))" fill="\#(Self.colour(fraction))"/>"#
        }
        for tick in xScale.ticks { body += SVG.text(xScale(tick), top + size + 16, axisText(tick), anchor: "middle", className: "tick") }
        for tick in yScale.ticks { body += SVG.text(left - 6, yScale(tick) + 4, axisText(tick), anchor: "end", className: "tick") }
        body += SVG.text(left + size / 2, top + size + 34, xLabel, anchor: "middle", className: "legend")
        body += #"<text transform="translate(14 \#(SVG.n(top + size / 2))) rotate(-90)" text-anchor="middle" class="legend">\#(SVG.escaped(yLabel))</text>"#
        let legendX = left + size + 30
        // The colour scale as bands (no gradient: its id would repeat when a page shows a chart twice).
        let bands = 32
        for band in 0..<bands {
            let y = top + size * Double(bands - 1 - band) / Double(bands)
            body += #"<rect x="\#(SVG.n(legendX))" y="\#(SVG.n(y))" width="16" height="\#(SVG.n(size / Double(bands) + 0.5))" fill="\#(Self.colour((Double(band) + 0.5) / Double(bands)))"/>"#
        }
        body += SVG.text(legendX + 22, top + 10, valueText(high), className: "tick") + SVG.text(legendX + 22, top + size, valueText(low), className: "tick")
        let description = "\(cells.count) variants; lowest \(valueText(low)), highest \(valueText(high))"
        return SVG.root(width: legendX + 130, height: top + size + 44, title: title, description: description, body: body)
    }

    /// From pale yellow (0) to dark blue (1), readable in grey scale too.
    static func colour(_ fraction: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 247, 188), (65, 182, 196), (8, 29, 88)]
        let position = Swift.min(Swift.max(fraction, 0), 1) * Double(stops.count - 1)
        let index = Swift.min(Int(position), stops.count - 2), t = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        let channel = { (x: Double, y: Double) in String(format: "%02x", Int((x + (y - x) * t).rounded())) }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }
}
