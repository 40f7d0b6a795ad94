/// Lorenz curves: the cumulative share of the amount against the cumulative share of the
/// population, regions in order of amount per inhabitant, with the line of equality; the
/// scenario solid, the baseline dashed. The further below the diagonal, the more unequal.
struct LorenzChart {
    struct Curve {
        let name: String
        let points: [(population: Double, amount: Double)]
        let dashed: Bool
    }

    let title: String
    let curves: [Curve]
    let percentText: (Double) -> String
    let equalityLabel: String

    func render() -> String {
        let left = 50.0, top = 14.0, size = 280.0
        let x = { left + $0 * size }, y = { top + size - $0 * size }
        var body = ""
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            body += SVG.line(x(tick), top, x(tick), top + size, className: "grid") + SVG.line(left, y(tick), left + size, y(tick), className: "grid")
            body += SVG.text(x(tick), top + size + 16, percentText(tick), anchor: "middle", className: "tick")
            body += SVG.text(left - 6, y(tick) + 4, percentText(tick), anchor: "end", className: "tick")
        }
        body += SVG.line(x(0), y(0), x(1), y(1), className: "equality")
        for (index, curve) in curves.enumerated() {
            let points = curve.points.map { "\(SVG.n(x($0.population))),\(SVG.n(y($0.amount)))" }.joined(separator: " ")
            body += #"<polyline points="\#(points)" class="curve s\#(index)\#(curve.dashed ? " dashed" : "")"/>"#
            body += SVG.line(left + size + 20, top + 10 + Double(index) * 20, left + size + 44, top + 10 + Double(index) * 20, className: "curve s\(index)\(curve.dashed ? " dashed" : "")")
            body += SVG.text(left + size + 50, top + 14 + Double(index) * 20, curve.name, className: "legend")
        }
        body += SVG.line(left + size + 20, top + 10 + Double(curves.count) * 20, left + size + 44, top + 10 + Double(curves.count) * 20, className: "equality")
        body += SVG.text(left + size + 50, top + 14 + Double(curves.count) * 20, equalityLabel, className: "legend")
        let description = curves.map { curve in "\(curve.name): " + curve.points.map { "(\(percentText($0.population)), \(percentText($0.amount)))" }.joined(separator: " ") }.joined(separator: "; ")
        return SVG.root(width: left + size + 200, height: top + size + 26, title: title, description: description, body: body)
    }
}
