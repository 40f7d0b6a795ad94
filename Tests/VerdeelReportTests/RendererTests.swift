import Foundation
import Testing
import VerdeelReport
import VerdeelTables

/// The renderers over a small typed table whose every file is written out here by hand.
struct RendererTests {
    static let table = ResultTable(
        name: "sample", title: .init(dutch: "Voorbeeld", english: "Sample"),
        columns: [
            .region, Column("name", .text, dutch: "naam", english: "name", "a name"), Column("amount", .euro, dutch: "bedrag", english: "amount", "euros"),
            Column("share", .fraction, dutch: "aandeel", english: "share", "a share"),
            Column("label", .text, dutch: "label", english: "label", "for people", inDutchStyleOnly: true),
        ],
        rows: [
            [.text("0014"), .text("=SUM(A1)"), .number(1_234.5, places: 2), .number(0.25), .text("a;b")],
            [.text("GM0034"), .text("Noord, Zuid"), .whole(7), .empty, .text("")],
        ])

    @Test func standardCSVGuardsFormulasQuotesAndLeavesOutColumnsForPeople() {
        #expect(CSVRenderer.text(Self.table) == "region,name,amount,share\n0014,'=SUM(A1),1234.50,0.25\nGM0034,\"Noord, Zuid\",7,\n")
    }

    @Test func dutchCSVHasTheMarkSemicolonsDecimalCommasAndEveryColumn() {
        #expect(CSVRenderer.text(Self.table, style: .dutch) == "\u{FEFF}region;name;amount;share;label\n0014;'=SUM(A1);1234,50;0,25;\"a;b\"\nGM0034;Noord, Zuid;7;;\n")
    }

    @Test func chunksAreWrittenInOrder() {
        let chunked = ResultTable(name: "n", title: .init(dutch: "n", english: "n"), columns: [.named("i", .count, "i")], chunks: 40) { [[.whole($0)], [.whole($0 * 100)]] }
        #expect(CSVRenderer.text(chunked) == "i\n" + (0..<40).map { "\($0)\n\($0 * 100)\n" }.joined())
    }

    @Test func jsonTypesCellsByWhatTheyHold() throws {
        let provenance = Provenance([], scenarioFiles: [])
        let text = try JSONRenderer.document([Self.table], provenance: provenance, seed: nil, warnings: [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require((document["tables"] as? [String: Any])?["sample"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["region"] as? String == "0014")
        #expect(rows[0]["name"] as? String == "=SUM(A1)")
        #expect(rows[0]["amount"] as? Double == 1_234.5)
        #expect(rows[0]["label"] == nil)
        #expect(rows[1]["share"] is NSNull)
    }

    @Test func aNumberWithPlacesIsTheValueItsTextSays() {
        #expect(Cell.number(2.0 / 3.0, places: 6) == .number(0.666667, "0.666667"))
    }
}
