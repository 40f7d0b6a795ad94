/// A chart with a title, so a figure can show it as its caption.
protocol Chart {
    var title: String { get }
    func render() -> String
}

extension BarChart: Chart {}
extension LorenzChart: Chart {}
extension IntervalChart: Chart {}
extension Heatmap: Chart {}

/// A chart as the page shows it: a figure with its title as the visible caption.
enum Figure {
    static func of(_ chart: some Chart) -> String {
        "<figure><figcaption>\(SVG.escaped(chart.title))</figcaption>" + chart.render() + "</figure>"
    }
}
