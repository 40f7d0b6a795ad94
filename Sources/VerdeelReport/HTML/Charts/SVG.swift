/// Pieces of SVG the report's charts share: escaped text, an accessible root element
/// (`role="img"` with a `<title>` and `<desc>`), and numbers written short.
enum SVG {
    /// Text for an SVG or HTML text node or attribute.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The root element: `width` x `height`, scaled to its container, titled for screen
    /// readers by its first `<title>` and `<desc>` (SVG's own accessible name and description,
    /// so no ids: a chart shown in two views of a page is the same text twice, and ids must
    /// be unique in a page).
    static func root(width: Double, height: Double, title: String, description: String, body: String) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(width)) \#(n(height))" width="\#(n(width))" height="\#(n(height))" role="img">"#
            + #"<title>\#(escaped(title))</title><desc>\#(escaped(description))</desc>"# + body + "</svg>"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", className: String = "") -> String {
        #"<text x="\#(n(x))" y="\#(n(y))" text-anchor="\#(anchor)"\#(className.isEmpty ? "" : #" class="\#(className)""#)>\#(escaped(content))</text>"#
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) -> String {
        #"<line x1="\#(n(x1))" y1="\#(n(y1))" x2="\#(n(x2))" y2="\#(n(y2))" class="\#(className)"/>"#
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, className: String, title: String? = nil) -> String {
        let shape = #"<rect x="\#(n(x))" y="\#(n(y))" width="\#(n(max(0, width)))" height="\#(n(max(0, height)))" class="\#(className)""#
        guard let title else { return shape + "/>" }
        return shape + "><title>\(escaped(title))</title></rect>"
    }
}
