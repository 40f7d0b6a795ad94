import Foundation

/// The part of TopoJSON (https://github.com/topojson/topojson-specification) a municipal map
/// needs: quantised, delta-encoded arcs with a transform, and one object whose polygons and
/// multipolygons name their arcs (a negative index `~i` is arc `i` reversed), keyed by a
/// property. Decoded into rings of longitude and latitude per key.
struct TopoJSON: Decodable {
    struct Transform: Decodable {
        let scale: [Double]
        let translate: [Double]
    }

    struct Geometry: Decodable {
        let type: String
        let arcs: ArcIndices?
        let properties: [String: PropertyValue]?
    }

    /// A polygon's rings of arc indices, or a multipolygon's polygons of them.
    enum ArcIndices: Decodable {
        case polygon([[Int]])
        case multiPolygon([[[Int]]])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let rings = try? container.decode([[Int]].self) { self = .polygon(rings) } else { self = .multiPolygon(try container.decode([[[Int]]].self)) }
        }

        var polygons: [[[Int]]] {
            switch self {
            case .polygon(let rings): [rings]
            case .multiPolygon(let polygons): polygons
            }
        }
    }

    /// A property's value: text or a number (only text keys are used).
    enum PropertyValue: Decodable {
        case text(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            self = (try? container.decode(String.self)).map(PropertyValue.text) ?? .other
        }
    }

    struct Collection: Decodable {
        let geometries: [Geometry]
    }

    let transform: Transform?
    let arcs: [[[Int]]]
    let objects: [String: Collection]

    /// Each geometry's polygons (rings of longitude, latitude) by the text of its `key`
    /// property; a geometry without one, or naming an arc that does not exist, is left out.
    func polygons(key: String) -> [String: [[[(x: Double, y: Double)]]]] {
        let points = arcs.map(decoded)
        var result = [String: [[[(x: Double, y: Double)]]]]()
        for geometry in objects.values.flatMap(\.geometries) {
            guard case .text(let code)? = geometry.properties?[key], let indices = geometry.arcs else { continue }
            var polygons = [[[(x: Double, y: Double)]]]()
            for polygon in indices.polygons {
                var rings = [[(x: Double, y: Double)]]()
                for ring in polygon {
                    var line = [(x: Double, y: Double)]()
                    for index in ring {
                        let arc = index >= 0 ? index : ~index
                        guard arc < points.count else { return [:] }
                        let part = index >= 0 ? points[arc] : points[arc].reversed()
                        // Consecutive arcs share their end and start point.
                        line += line.isEmpty ? part : Array(part.dropFirst())
                    }
                    rings.append(line)
                }
                polygons.append(rings)
            }
            result[code] = polygons
        }
        return result
    }

    /// An arc's positions: the deltas added up and the transform applied.
    private func decoded(_ arc: [[Int]]) -> [(x: Double, y: Double)] {
        var x = 0, y = 0
        return arc.compactMap { position in
            guard position.count >= 2 else { return nil }
            guard let transform, transform.scale.count == 2, transform.translate.count == 2 else { return (Double(position[0]), Double(position[1])) }
            x += position[0]
            y += position[1]
            return (Double(x) * transform.scale[0] + transform.translate[0], Double(y) * transform.scale[1] + transform.translate[1])
        }
    }
}
