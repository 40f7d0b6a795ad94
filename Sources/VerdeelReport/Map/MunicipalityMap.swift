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
        paths = polygons.mapValues { polygons in
            polygons.flatMap { $0 }.map { ring in
                ring.enumerated().map { index, point in
                    let projected = projection.point(longitude: point.x, latitude: point.y)
                    return (index == 0 ? "M" : "L") + Self.number(projected.x) + " " + Self.number(projected.y)
                }.joined() + "Z"
            }.joined()
        }
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
