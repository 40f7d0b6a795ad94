/// One municipality's amount against a swept parameter: the band from P5 to P95 over the
/// draws, the median as a line. Drawn small, one per municipality, on a shared x axis.
struct BandChart {
    struct Point {
        let x, p05, p50, p95: Double
    }

    let title: String
    let points: [Point]
    let xText: (Double) -> String
    let axisText: (Double) -> String

    func render() -> String {
        let left = 64.0, top = 22.0, width = 190.0, height = 100.0
        let sorted = points.sorted { $0.x < $1.x }
        let xScale = Scale(sorted.map(\.x), from: left, to: left + width, zero: false, count: 2)
        let yScale = Scale(sorted.flatMap { [$0.p05, $0.p95] }, from: top + height, to: top, zero: false, count: 3)
        var body = SVG.text(left, 14, title, className: "panel")
        for tick in yScale.ticks {
            body += SVG.line(left, yScale(tick), left + width, yScale(tick), className: "grid")
            body += SVG.text(left - 4, yScale(tick) + 4, axisText(tick), anchor: "end", className: "tick")
        }
        for tick in xScale.ticks { body += SVG.text(xScale(tick), top + height + 14, xText(tick), anchor: "middle", className: "tick") }
        let upper = sorted.map { "\(SVG.n(xScale($0.x))),\(SVG.n(yScale($0.p95)))" }
        let lower = sorted.reversed().map { "\(SVG.n(xScale($0.x))),\(SVG.n(yScale($0.p05)))" }
        body += #"<polygon points="\#((upper + lower).joined(separator: " "))" class="band"/>"#
        body += #"<polyline points="\#(sorted.map { "\(SVG.n(xScale($0.x))),\(SVG.n(yScale($0.p50)))" }.joined(separator: " "))" class="curve s0"/>"#
        let description = [sorted.first, sorted.last].compactMap { $0 }.map { "\(xText($0.x)): P5 \(axisText($0.p05)), P50 \(axisText($0.p50)), P95 \(axisText($0.p95))" }.joined(separator: "; ")
        return SVG.root(width: left + width + 30, height: top + height + 20, title: title, description: description, body: body)
    }
}
