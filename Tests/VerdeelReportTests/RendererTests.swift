import Foundation
import Testing
import VerdeelCore
import VerdeelData
@testable import VerdeelReport
import VerdeelTables
import VerdeelTestSupport

/// The renderers over a small typed table whose every file is written out here by hand.
struct RendererTests {
    static let table = ResultTable(
        name: "sample", title: .init(dutch: "Voorbeeld", english: "Sample"),
        columns: [
            .region, Column("name", .text, dutch: "naam", english: "name", "a name"), Column("amount", .euro, dutch: "bedrag", english: "amount", "euros"),
            Column("share", .fraction, dutch: "aandeel", english: "share", "a share"),
            Column("label", .text, dutch: "label", english: "label", "words"),
        ],
        rows: [
            [.text("0014"), .text("=SUM(A1)"), .number(1_234.5, places: 2), .number(0.25), .text("a;b")],
            [.text("GM0034"), .text("Noord, Zuid"), .whole(7), .empty, .words(Words(dutch: "bedrag, exact", english: "amount"))],
        ])

    @Test func standardCSVGuardsFormulasQuotesAndWritesWordsInEnglish() throws {
        #expect(try CSVRenderer.text(Self.table) == "region,name,amount,share,label\n0014,'=SUM(A1),1234.50,0.25,a;b\nGM0034,\"Noord, Zuid\",7,,amount\n")
    }

    @Test func dutchCSVHasTheMarkSemicolonsDecimalCommasAndDutchWords() throws {
        #expect(try CSVRenderer.text(Self.table, style: .dutch) == "\u{FEFF}region;name;amount;share;label\n0014;'=SUM(A1);1234,50;0,25;\"a;b\"\nGM0034;Noord, Zuid;7;;bedrag, exact\n")
    }

    @Test func chunksAreWrittenInOrder() throws {
        let chunked = ResultTable(name: "n", title: .init(dutch: "n", english: "n"), columns: [.named("i", .count, "i")], chunks: 40) { [[.whole($0)], [.whole($0 * 100)]] }
        #expect(try CSVRenderer.text(chunked) == "i\n" + (0..<40).map { "\($0)\n\($0 * 100)\n" }.joined())
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
        #expect(rows[0]["label"] as? String == "a;b" && rows[1]["label"] as? String == "amount")
        #expect(rows[1]["share"] is NSNull)
    }

    /// A yes-or-no column: `true`/`false` in CSV, WAAR/ONWAAR in the Dutch style, JSON
    /// booleans, a logical cell in the workbook, and read back as booleans.
    @Test func booleansAreBooleansInEveryFormat() throws {
        let table = ResultTable(
            name: "met", title: .init(dutch: "Voldaan", english: "Met"), columns: [.region, Column("met", .boolean, dutch: "voldaan", english: "met", "covered")],
            rows: [[.text("GM0001"), .boolean(true)], [.text("GM0002"), .boolean(false)], [.text("GM0003"), .empty]])
        #expect(try CSVRenderer.text(table) == "region,met\nGM0001,true\nGM0002,false\nGM0003,\n")
        #expect(try CSVRenderer.text(table, style: .dutch) == "\u{FEFF}region;met\nGM0001;WAAR\nGM0002;ONWAAR\nGM0003;\n")
        let text = try JSONRenderer.document([table], provenance: Provenance([], scenarioFiles: []), seed: nil, warnings: [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require((document["tables"] as? [String: Any])?["met"] as? [[String: Any]])
        #expect(rows.map { $0["met"] as? Bool } == [true, false, nil])
        #expect(ColumnKind.boolean.cell(.boolean(true), language: .nl) == .boolean(true))
        let readBack = try ReadBackTable(name: "met.csv", columns: table.columns).table(Data(try CSVRenderer.text(table).utf8), title: table.title)
        #expect(readBack.rows.map { $0[1] } == [.boolean(true), .boolean(false), .empty])
        #expect(throws: DataError.self) { try ReadBackTable(name: "met.csv", columns: table.columns).check(Data("region,met\nGM0001,yes\n".utf8)) }
    }

    /// Warnings are recorded in English (`warnings`) and in Dutch (`dutch_warnings`), and read
    /// back in the language asked for; without Dutch ones (an older folder), in English.
    @Test func warningsAreRecordedInBothLanguages() throws {
        let warning = Words(dutch: "let op", english: "mind")
        let text = try Provenance([], scenarioFiles: []).json(warnings: [warning])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(record["warnings"] as? [String] == ["mind"] && record["dutch_warnings"] as? [String] == ["let op"])
        let document = try JSONKeyStyle.decoder().decode(Provenance.Document.self, from: Data(text.utf8))
        #expect(document.warnings(in: .nl) == ["let op"] && document.warnings(in: .en) == ["mind"])
        let older = try JSONKeyStyle.decoder().decode(Provenance.Document.self, from: Data(text.replacingOccurrences(of: "\"dutch_warnings\"", with: "\"other\"").utf8))
        #expect(older.warnings(in: .nl) == ["mind"])
        #expect(!(try Provenance([], scenarioFiles: []).json()).contains("dutch_warnings"))
    }

    /// The terminal's grid in Dutch: numbers below the header as Dutch readers write them;
    /// codes, names, year spans and placeholders as they are.
    @Test func terminalGridsWriteDutchNumbersInDutch() throws {
        let rows = [["code", "gemeente", "1,000", "%"], ["GM0001", "A,B", "+1,234,567", "-12.5%"], ["GM0002", "B", "-", "2026-2032"], ["", "budget", "0.25", "atkinson_0.5"]]
        // Widths: 6, 8, 10 and 12 (atkinson_0.5); the last two columns right-aligned.
        #expect(TextGrid(rows, language: .nl).render() == """
            code    gemeente       1,000             %
            GM0001  A,B       +1.234.567        -12,5%
            GM0002  B                  -     2026-2032
                    budget          0,25  atkinson_0.5

            """)
        #expect(TextGrid(rows).render().contains("GM0001  A,B       +1,234,567        -12.5%\n"))
        #expect(TextGrid.localised("7.50", .nl) == "7,50" && TextGrid.localised("7.50", .en) == "7.50")
    }

    /// Columnar JSON, written out by hand: the columns once, rows as arrays; a number in its
    /// shortest form, an undefined one null, text escaped, words in both languages.
    @Test func columnarJSONHasTheColumnsOnceAndTheRowsAsArrays() throws {
        let table = ResultTable(
            name: "t", title: .init(dutch: "T nl", english: "T en"),
            columns: [.region, Column("amount", .euro, dutch: "bedrag", english: "amount", "euros"), Column("label", .text, dutch: "label", english: "label", "words")],
            rows: [[.text("GM\"1\n"), .number(1_234.5, places: 2), .words(Words(dutch: "één", english: "one"))], [.text("GM2"), .number(.nan, "nan"), .empty]])
        let text = ColumnarJSONRenderer.tables([table])
        #expect(text == #"{"t":{"title":{"nl":"T nl","en":"T en"},"columns":[{"id":"region","kind":"regionCode","nl":"code","en":"region"},"#
            + #"{"id":"amount","kind":"euro","nl":"bedrag","en":"amount"},{"id":"label","kind":"text","nl":"label","en":"label"}],"#
            + #""rows":[["GM\"1\n",1234.5,{"nl":"één","en":"one"}],["GM2",null,null]]}}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        #expect(ColumnarJSONRenderer.string("a\u{1}b") == #""a\u0001b""#)
    }

    /// Cents written as Foundation's decimal of euros writes itself, without its arithmetic.
    @Test func centsAreWrittenAsDecimalEuros() throws {
        for (cents, text) in [(123_456, "1234.56"), (12_340, "123.4"), (12_300, "123"), (-5, "-0.05"), (-250_000_00, "-250000"), (0, "0"), (7, "0.07")] as [(Int64, String)] {
            #expect(Comparison.Row.centsText(cents) == text)
            #expect("\(Comparison.euros(cents: cents))" == text)
        }
    }

    /// Fixed decimals without printf equal printf's: on ties (0.5, 2.5, 0.125), signs of
    /// values that round to zero, carries (0.9999995), and 100,000 doubles of random bits
    /// over every magnitude up to 2^70 (beyond 2^60 both are printf's), for 0 to 9 decimals.
    @Test func fixedDecimalsAreThoseOfPrintf() throws {
        let cases: [(Double, Int)] = [(0.5, 0), (1.5, 0), (2.5, 0), (0.125, 2), (0.375, 2), (-0.0000004, 6), (-0.0, 6), (0.9999995, 6), (1e-7, 6), (123_456.789, 6), (0x1p59 + 1, 3)]
        for (value, places) in cases { #expect(FixedPoint.text(value, places: places) == String(format: "%.\(places)f", value), "\(value) \(places)") }
        var generator = SeededGenerator(seed: 2026)
        var differences = [String]()
        for _ in 0..<100_000 {
            let exponent = Int.random(in: -40...70, using: &generator)
            let value = Double(sign: Bool.random(using: &generator) ? .minus : .plus, exponent: exponent, significand: Double.random(in: 1..<2, using: &generator))
            let places = Int.random(in: 0...9, using: &generator)
            let expected = String(format: "%.\(places)f", value)
            if FixedPoint.text(value, places: places) != expected { differences.append("\(value) \(places): \(expected)") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    /// The folder's dictionary: a section per table, a row per column with its unit.
    @Test func theDataDictionarySaysWhatEachColumnHolds() throws {
        let text = DataDictionary.markdown(OutputSchema([Self.table]))
        #expect(text.contains("\n## sample.csv: Sample (Voorbeeld)\n"))
        #expect(text.contains("| `amount` | bedrag | amount | euro | EUR | euros |\n"))
        #expect(text.contains("| `share` | aandeel | share | fraction | share from 0 to 1 | a share |\n"))
        #expect(text.contains("| `label` | label | label | text |  | words |\n"))
    }

    /// One JSON key style: snake_case, the column ids' style; a table's column ids as they are.
    @Test func jsonKeysAreSnakeCaseAndColumnIdsStayAsTheyAre() throws {
        #expect(JSONKeyStyle.snakeCased("engineVersion") == "engine_version")
        #expect(JSONKeyStyle.snakeCased("provenanceSha256") == "provenance_sha256")
        #expect(JSONKeyStyle.snakeCased("changePerInhabitant") == "change_per_inhabitant" && JSONKeyStyle.snakeCased("seed") == "seed")
        #expect(JSONKeyStyle.camelCased("dutch_warnings") == "dutchWarnings" && JSONKeyStyle.camelCased("sha256") == "sha256")
        struct Document: Encodable {
            let engineVersion = "0.3.0"
            let tables = ["variants": [["Wijk_base": 1]]]
        }
        let text = String(decoding: try JSONKeyStyle.encoder().encode(Document()), as: UTF8.self)
        #expect(text.contains(#""engine_version""#) && text.contains(#""Wijk_base""#) && !text.contains("engineVersion"))
        let schema = try OutputSchema.read(try OutputSchema([Self.table]).json(), shown: "schema.json")
        #expect(schema == OutputSchema([Self.table]))
    }

    @Test func aNumberWithPlacesIsTheValueItsTextSays() throws {
        #expect(Cell.number(2.0 / 3.0, places: 6) == .number(0.666667, "0.666667"))
    }
}
