import Foundation

/// Longitude and latitude to the map's plane: an equirectangular projection at the
/// Netherlands' middle latitude, 52.15 degrees north (`x = (λ - λ0) cos 52.15°`,
/// `y = φ0 - φ`, north up), scaled so that the map is `width` units wide. Over the 3.3 by
/// 3.5 degrees of the Netherlands a degree of longitude then has its true length to within
/// 3% against one of latitude, which is what makes a map of the country look right.
struct MapProjection {
    static let latitude = 52.15
    let west: Double
    let north: Double
    let scale: Double
    let height: Double

    /// The projection that fits `bounds` (west, south, east, north in degrees) into `width`.
    init(west: Double, south: Double, east: Double, north: Double, width: Double) {
        let stretch = cos(Self.latitude * .pi / 180)
        self.west = west
        self.north = north
        scale = east > west ? width / ((east - west) * stretch) : 1
        height = (north - south) * scale
    }

    /// A point in the plane: x east from the west edge, y south from the north edge.
    func point(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        ((longitude - west) * cos(Self.latitude * .pi / 180) * scale, (north - latitude) * scale)
    }
}
