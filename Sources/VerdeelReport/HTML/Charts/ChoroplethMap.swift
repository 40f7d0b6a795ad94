import VerdeelCore

/// A choropleth of municipalities for the report (static SVG, no script): one path per
/// municipality in its class's fill (``MapClasses``), framed to the municipalities shown;
/// with `hatched` classes (losses beyond a threshold) hatched as a second cue, so the map
/// reads in grey too; each path titled with the municipality's name and class; a legend
/// and the credit of the boundaries. The colours are the workbench page's.
struct ChoroplethMap {
    enum Scale {
        /// Changes per inhabitant in ``MapClasses/changes(_:thresholds:)``'s classes.
        case change
        /// Amounts per inhabitant in five classes by rank.
        case amount
    }

    let title: String
    let map: MunicipalityMap
    let classes: MapClasses
    let scale: Scale
    /// The municipalities' names by code.
    let names: [String: String]
    /// The legend's words in the report's language.
    let words: (Words) -> String
    let credit: String
    /// The id of the hatch pattern, unique in the page.
    let patternID: String

    static let changeColours = ["#67000d", "#cb181d", "#fc9272", "#f0f0f0", "#74c476"]
    static let amountColours = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]

    /// The fill of class `index`: for changes the last three classes are a loss within, no
    /// change and a gain, and the darkest red is for the largest threshold.
    func colour(_ index: Int) -> String {
        switch scale {
        case .amount: return Self.amountColours[min(max(index, 0), 4)]
        case .change:
            let fromEnd = classes.legend.count - 1 - index
            return fromEnd <= 2 ? Self.changeColours[4 - max(fromEnd, 0)] : Self.changeColours[index == 0 ? 0 : 1]
        }
    }

    /// Whether class `index` is a loss beyond a threshold.
    func hatched(_ index: Int) -> Bool { scale == .change && index < classes.legend.count - 3 }

    func render() -> String {
        let codes = classes.classes.keys.sorted()
        guard let box = map.box(of: codes) else { return "" }
        let pad = 5.0, legendWidth = 340.0, row = 18.0
        let mapWidth = box.maxX - box.minX + 2 * pad, mapHeight = box.maxY - box.minY + 2 * pad
        let scale = 420 / max(mapWidth, mapHeight)
        let width = mapWidth * scale + legendWidth, height = max(mapHeight * scale, Double(classes.legend.count) * row + 40)
        let transform = "translate(\(SVG.n(-(box.minX - pad) * scale)) \(SVG.n(-(box.minY - pad) * scale))) scale(\(scale))"
        var body = ##"<defs><pattern id="\##(patternID)" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>"##
        body += ##"<g transform="\##(transform)" stroke="#333" stroke-width="\##(SVG.n(0.8 / scale * 1.5))">"##
        for code in codes {
            guard let path = map.paths[code], let index = classes.classes[code] else { continue }
            let label = (names[code] ?? code) + ": " + words(classes.legend[index])
            body += #"<path d="\#(path)" fill="\#(colour(index))" data-region="\#(SVG.escaped(code))" data-class="\#(index)"><title>\#(SVG.escaped(label))</title></path>"#
            if hatched(index) { body += #"<path d="\#(path)" fill="url(#\#(patternID))" pointer-events="none"/>"# }
        }
        body += "</g>"
        let left = mapWidth * scale + 10
        for (index, legend) in classes.legend.enumerated() {
            let y = 10 + Double(index) * row
            body += ##"<rect x="\##(SVG.n(left))" y="\##(SVG.n(y))" width="16" height="11" fill="\##(colour(index))" stroke="#333"/>"##
            if hatched(index) { body += #"<rect x="\#(SVG.n(left))" y="\#(SVG.n(y))" width="16" height="11" fill="url(#\#(patternID))"/>"# }
            body += SVG.text(left + 22, y + 10, words(legend))
        }
        body += SVG.text(left, 10 + Double(classes.legend.count) * row + 14, credit, className: "note")
        let description = codes.compactMap { code in classes.classes[code].map { (names[code] ?? code) + ": " + words(classes.legend[$0]) } }.joined(separator: "; ")
        return SVG.root(width: width, height: height, title: title, description: description, body: body)
    }
}

extension ChoroplethMap: Chart {}
