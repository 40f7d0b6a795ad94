import Crypto
import Foundation
import Testing
import VerdeelCore
@testable import VerdeelReport
import VerdeelTestSupport

/// The map's projection, its embedded boundaries and its classes, worked out by hand.
struct MunicipalityMapTests {
    /// A square of 1 by 1 degree, 5-6 E and 52.15-53.15 N, as quantised TopoJSON (scale 1,
    /// delta-encoded, the ring walked east, north, west, south). At 52.15 N a degree of
    /// longitude is cos 52.15° = 0.613596 of one of latitude, so on a map 1,000 wide the square
    /// is 1,000 / 0.613596 = 1,629.7 high, its south-west corner at (0, 1629.7).
    @Test func aSquareRegionMapsWhereItShould() throws {
        let square = #"{"type":"Topology","transform":{"scale":[1,1],"translate":[5,52.15]},"arcs":[[[0,0],[1,0],[0,1],[-1,0],[0,-1]]],"#
            + #""objects":{"m":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0001"}}]}}}"#
        let map = try MunicipalityMap(topoJSON: Data(square.utf8), key: "statcode")
        #expect(map.width == 1000 && map.height == 1629.7)
        #expect(map.paths == ["GM0001": "M0 1629.7L1000 1629.7L1000 0L0 0L0 1629.7Z"])
        // The same square walked backwards through the reversed arc (~0) is the same outline reversed.
        let reversed = square.replacingOccurrences(of: #""arcs":[[0]]"#, with: #""arcs":[[-1]]"#)
        #expect(try MunicipalityMap(topoJSON: Data(reversed.utf8), key: "statcode").paths["GM0001"] == "M0 1629.7L0 0L1000 0L1000 1629.7L0 1629.7Z")
    }

    /// The embedded boundaries are the data file's (run scripts/embed-boundaries.py after
    /// changing it) and hold the 342 municipalities of 2024.
    @Test func theEmbeddedBoundariesAreTheDataFiles() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Scenarios/data/nl-municipalities-2024.topojson"))
        #expect(SHA256.hash(data: file).map { String(format: "%02x", $0) }.joined() == MunicipalBoundaries.sha256)
        #expect(Data(MunicipalBoundaries.topoJSON.utf8) == file.prefix(while: { $0 != 0x0A }))
        let map = try #require(MunicipalityMap.netherlands2024)
        #expect(map.paths.count == 342 && map.covers(["GM0014", "GM1680", "GM0765"]) && !map.covers(["GM0014", "GM9999"]))
        // Groningen lies north-east of Maastricht (GM0935): right of it and above it.
        let start = { (code: String) -> (Double, Double)? in
            map.paths[code].flatMap { path in
                let numbers = path.dropFirst().prefix { $0 != "L" }.split(separator: " ").compactMap { Double($0) }
                return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
            }
        }
        let groningen = try #require(start("GM0014")), maastricht = try #require(start("GM0935"))
        #expect(groningen.0 > maastricht.0 && groningen.1 < maastricht.1)
    }

    /// Thresholds 7.50 and 15: -20 beyond 15, -15 beyond 7.50 (not beyond 15: "beyond" is
    /// strictly more), -7.50 within, under half a cent no change, +3 a gain.
    @Test func changesAreClassedByTheLossThresholds() {
        let classes = MapClasses.changes(["A": -20, "B": -15, "C": -7.5, "D": -0.004, "E": 3], thresholds: [15, 7.5])
        #expect(classes.classes == ["A": 0, "B": 1, "C": 2, "D": 3, "E": 4])
        #expect(classes.legend.map(\.dutch) == [
            "verlies meer dan € 15,00 per inwoner per jaar", "verlies meer dan € 7,50 per inwoner per jaar", "verlies tot € 7,50", "gelijk", "winst",
        ])
        #expect(MapClasses.changes(["A": -1, "B": 1], thresholds: []).legend.map(\.english) == ["loss", "no change", "gain"])
    }

    /// Ten values in five classes: two by two; a tie stays in the class of its first rank.
    @Test func amountsAreClassedByRank() {
        let values = Dictionary(uniqueKeysWithValues: (1...10).map { ("R\($0)", Double($0)) })
        let classes = MapClasses.quantiles(values, count: 5)
        #expect((1...10).map { classes.classes["R\($0)"] } == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect(classes.legend.first?.dutch == "€ 1,00 – € 2,00" && classes.legend.last?.english == "€ 9.00 – € 10.00")
        // 1, 1, 2 in two classes: the 1s have rank 0 (class 0), the 2 rank 2 (2 * 2 / 3 = 1).
        #expect(MapClasses.quantiles(["A": 1, "B": 1, "C": 2], count: 2).classes == ["A": 0, "B": 0, "C": 1])
    }

    /// The report's choropleth over the square: framed to it (the box 0..1000 by
    /// 0..1000 / cos 52.15° = 1629.736 with 5 units around, drawn 420 high: scale
    /// 420 / 1639.736 = 0.25614, so the 5 units are 1.3), filled and hatched by class.
    @Test func theReportsChoroplethFramesAndHatchesItsRegions() throws {
        let square = #"{"type":"Topology","transform":{"scale":[1,1],"translate":[5,52.15]},"arcs":[[[0,0],[1,0],[0,1],[-1,0],[0,-1]]],"#
            + #""objects":{"m":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0001"}}]}}}"#
        let map = try MunicipalityMap(topoJSON: Data(square.utf8), key: "statcode")
        let box = try #require(map.box(of: ["GM0001", "GM9999"]))
        #expect(box.minX == 0 && box.minY == 0 && box.maxX == 1000 && abs(box.maxY - 1000 / cos(52.15 * Double.pi / 180)) < 1e-6)
        // A loss of 20 per inhabitant beyond the thresholds 7.50 and 15: the first class, darkest red, hatched.
        let classes = MapClasses.changes(["GM0001": -20], thresholds: [7.5, 15])
        let svg = ChoroplethMap(
            title: "t", map: map, classes: classes, scale: .change, names: ["GM0001": "Eén"], words: { $0.dutch }, credit: "Kadaster / CBS", patternID: "hatch-x").render()
        #expect(svg.contains(##"<path d="M0 1629.7L1000 1629.7L1000 0L0 0L0 1629.7Z" fill="#67000d" data-region="GM0001" data-class="0"><title>Eén: verlies meer dan € 15,00 per inwoner per jaar</title></path>"##))
        #expect(svg.contains(#"fill="url(#hatch-x)" pointer-events="none""#) && svg.contains(#"<pattern id="hatch-x""#))
        #expect(svg.contains("translate(1.3 1.3) scale(0.25613"))
        // Five legend entries (two thresholds, within, no change, gain), the first two hatched, and the credit.
        #expect(svg.components(separatedBy: ##"width="16" height="11" fill="#"##).count - 1 == 5 && svg.components(separatedBy: #"height="11" fill="url(#hatch-x)""#).count - 1 == 2)
        #expect(svg.contains("Kadaster / CBS"))
    }
}
