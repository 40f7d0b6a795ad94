import Foundation

/// The municipalities as SVG paths on one plane (``MapProjection``, 1,000 units wide), from
/// the embedded 2024 boundaries (``MunicipalBoundaries``: Kadaster / CBS): what the
/// workbench's page and the report draw their choropleths with. A scenario whose regions
/// are not all on the map gets no map (and says so), never a map with wrong colours.
public struct MunicipalityMap: Sendable {
    /// The credit every map carries.
    public static let credit = "Kadaster / CBS"
    public let width: Double
    public let height: Double
    /// Each municipality's outline as an SVG path (`M x y L ... Z` per ring, 0.1 unit).
    public let paths: [String: String]
    /// Each municipality's bounding box on the plane.
    let boxes: [String: Box]

    /// A rectangle of the plane: its least and greatest coordinates.
    public struct Box: Sendable, Equatable {
        public var minX, minY, maxX, maxY: Double

        /// The box around this one and `other`.
        func union(_ other: Box) -> Box {
            Box(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
        }
    }

    /// The embedded boundaries, projected; nil only if they cannot be decoded.
    public static let netherlands2024: MunicipalityMap? = try? MunicipalityMap(topoJSON: Data(MunicipalBoundaries.topoJSON.utf8), key: "statcode")

    /// The map of a TopoJSON document's geometries, keyed by the text property `key`.
    init(topoJSON data: Data, key: String, width: Double = 1000) throws {
        let polygons = try JSONDecoder().decode(TopoJSON.self, from: data).polygons(key: key)
        let points = polygons.values.flatMap { $0.flatMap { $0.flatMap { $0 } } }
        let xs = points.map(\.x), ys = points.map(\.y)
        let projection = MapProjection(west: xs.min() ?? 0, south: ys.min() ?? 0, east: xs.max() ?? 1, north: ys.max() ?? 1, width: width)
        self.width = width
        height = (projection.height * 10).rounded() / 10
        boxes = polygons.mapValues { polygons in
            let points = polygons.flatMap { $0.flatMap { $0 } }.map { projection.point(longitude: $0.x, latitude: $0.y) }
            return Box(minX: points.map(\.x).min() ?? 0, minY: points.map(\.y).min() ?? 0, maxX: points.map(\.x).max() ?? 0, maxY: points.map(\.y).max() ?? 0)
        }
        paths = polygons.mapValues { polygons in
            polygons.flatMap { $0 }.map { ring in
                ring.enumerated().map { index, point in
                    let projected = projection.point(longitude: point.x, latitude: point.y)
                    return (index == 0 ? "M" : "L") + Self.number(projected.x) + " " + Self.number(projected.y)
                }.joined() + "Z"
            }.joined()
        }
    }

    /// The box around the municipalities `codes` (those on the map); nil when none is.
    public func box(of codes: some Sequence<String>) -> Box? {
        codes.compactMap { boxes[$0] }.reduce(nil) { box, next in box.map { $0.union(next) } ?? next }
    }

    /// Whether every region of `codes` is on the map.
    public func covers(_ codes: some Sequence<String>) -> Bool {
        codes.allSatisfy { paths[$0] != nil }
    }

    /// A coordinate with one decimal, without a trailing `.0`.
    public static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }
}
