import Foundation
import Numerics
import Testing
@testable import VerdeelData
import VerdeelTestSupport

/// `verdeel data import-cbs` on small files in CBS's three forms (Tests/Fixtures/cbs, real
/// CBS rows; see its README): the figures expected are read off the fixture files by hand.
@Suite struct CBSImportTests {
    static let fixtures = repositoryRoot + "/Tests/Fixtures/cbs"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: "\(fixtures)/\(name)")))
    }

    static func files(_ name: String) throws -> [String: [UInt8]] {
        var files = [String: [UInt8]]()
        for file in try FileManager.default.contentsOfDirectory(atPath: "\(fixtures)/\(name)") { files[file] = try bytes("\(name)/\(file)") }
        return files
    }

    static func folder(_ name: String) throws -> CBSFolder { CBSFolder(name: name, files: try files(name)) }

    func row(_ table: CBSTable, _ code: String) throws -> CBSRow { try #require(table.rows.first { $0.code == code }) }

    /// The public Amsterdam export: GM0363 2019 has 457,400 households, mean -0.100, spread
    /// 1.010 (line 2); WK036300 2,900 / -0.022 / 0.892 (line 3); Stationsplein e.o.
    /// (BU03630100, line 6) 0 households and '.' for both scores. Codes lose their padding,
    /// the education columns are not taken.
    @Test func statLineCSV() throws {
        let table = try StatLineCSV.read(name: "amsterdam.csv", bytes: try Self.bytes("statline-85163NED-amsterdam-2019.csv"), table: "85163ned")
        #expect(table.id == "85163NED" && table.family == .sesWOA && table.form == .statLineCSV)
        #expect(table.rows.map(\.code) == ["GM0363", "WK036300", "BU03630000", "WK036301", "BU03630100", "BU03630101"])
        #expect(table.periods == [CBSPeriod(year: "2019", provisional: false)])
        let amsterdam = try row(table, "GM0363")
        #expect(amsterdam.name == "Amsterdam")
        #expect(amsterdam.values == ["households": 457_400, "ses_woa_mean": -0.1, "ses_woa_spread": 1.01])
        #expect(try row(table, "WK036300").values == ["households": 2_900, "ses_woa_mean": -0.022, "ses_woa_spread": 0.892])
        #expect(try row(table, "BU03630100").values == ["households": 0])
        #expect(table.missing.map { "\($0.code) \($0.measure)" } == ["BU03630100 ses_woa_mean", "BU03630100 ses_woa_spread"])
        #expect(table.missing.allSatisfy { $0.reason.contains("'.'") })
        // The same export with decimal commas (StatLine's Dutch setting) and a provisional period.
        let text = String(decoding: try Self.bytes("statline-85163NED-amsterdam-2019.csv"), as: UTF8.self)
        let dutch = text.replacingOccurrences(of: "  -0.100", with: "  -0,100").replacingOccurrences(of: "\"2019\";\"Amsterdam\"", with: "\"2019**\";\"Amsterdam\"")
        let provisional = try StatLineCSV.read(name: "nl.csv", bytes: Array(dutch.utf8), table: "85163NED")
        #expect(try row(provisional, "GM0363").values["ses_woa_mean"] == -0.1)
        #expect(try row(provisional, "GM0363").period == CBSPeriod(year: "2019", provisional: true))
    }

    /// Aa en Hunze 2022* as OData v3 and as OData v4 give the same table: GM1680 11,200 /
    /// 0.170 / 0.715, Annen 1,600 / 0.222 / 0.688, Spijkerboor 100 households and no scores
    /// (null; v4: ValueAttribute Confidential), all provisional ("Voorlopig").
    @Test(arguments: ["odata3-85900NED-aa-en-hunze", "odata4-85900NED-aa-en-hunze"])
    func odata(_ name: String) throws {
        let folder = try Self.folder(name)
        let table = name.hasPrefix("odata3") ? try ODataV3.read(folder) : try ODataV4.read(folder)
        #expect(table.id == "85900NED" && table.title.hasSuffix("regio-indeling 2023"))
        #expect(table.periods == [CBSPeriod(year: "2022", provisional: true)])
        #expect(table.rows.map(\.code) == ["GM1680", "WK168000", "WK168007", "WK168008"])
        #expect(try row(table, "GM1680").values == ["households": 11_200, "ses_woa_mean": 0.17, "ses_woa_spread": 0.715])
        #expect(try row(table, "GM1680").name == "Aa en Hunze")
        #expect(try row(table, "WK168000").values == ["households": 1_600, "ses_woa_mean": 0.222, "ses_woa_spread": 0.688])
        #expect(try row(table, "WK168007").values == ["households": 100])
        #expect(Set(table.missing.map { "\($0.code) \($0.measure)" }) == ["WK168007 ses_woa_mean", "WK168007 ses_woa_spread", "WK168008 ses_woa_mean", "WK168008 ses_woa_spread"])
    }

    /// A part score of the SES-WOA, where a table has one, is taken under its own name
    /// (accents dropped); other columns of the family are not figures verdeel takes.
    @Test func partScoresByTitle() {
        #expect(CBSMeasure.column(path: "SES-WOA/Financiële welvaart/Gemiddelde score", family: .sesWOA)?.name == "ses_woa_financiele_welvaart_mean")
        #expect(CBSMeasure.column(path: "SES-WOA/Totaalscore/Gemiddelde score", family: .sesWOA)?.name == "ses_woa_mean")
        #expect(CBSMeasure.column(path: "Opleidingsniveau/Laag/Waarde", family: .sesWOA) == nil)
        #expect(CBSMeasure.column(path: "SES-WOA/Financiële welvaart/Gemiddelde score", family: .keyFigures) == nil)
    }

    /// Kerncijfers 2024 for Aa en Hunze: 25,845 inhabitants, 27,606 ha land = 276.06 km2,
    /// 27,887 ha total = 278.87 km2, 11,500 dwellings; the country row NL01 is skipped and
    /// the text column Gemeentenaam is not a figure.
    @Test func keyFiguresInHectares() throws {
        let table = try ODataV3.read(try Self.folder("odata3-85984NED-aa-en-hunze"))
        #expect(table.family == .keyFigures && table.rows.map(\.code) == ["GM1680"])
        #expect(try row(table, "GM1680").values == ["inhabitants": 25_845, "land_area_km2": 276.06, "total_area_km2": 278.87, "dwellings": 11_500])
    }

    /// The written tables: one per family and level, vintage columns, districts keyed to
    /// their municipality, missing figures empty and listed.
    @Test func regionTables() throws {
        let csv = try StatLineCSV.read(name: "a.csv", bytes: try Self.bytes("statline-85163NED-amsterdam-2019.csv"), table: "85163NED")
        let v3 = try ODataV3.read(try Self.folder("odata3-85900NED-aa-en-hunze"))
        let files = try CBSImport.files([.init(table: csv, file: "a.csv", sha256: "aa"), .init(table: v3, file: "v3", sha256: "bb")], imported: "2026-12-02")
        let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
        #expect(byName["ses_woa_municipalities.csv"] == """
            code,name,year,provisional,households,ses_woa_mean,ses_woa_spread,source
            GM0363,Amsterdam,2019,no,457400,-0.1,1.01,"CBS 85163NED (StatLine CSV export), period 2019"
            GM1680,Aa en Hunze,2022,yes,11200,0.17,0.715,"CBS 85900NED (OData v3, cbsodata), period 2022*"

            """)
        let districts = try #require(byName["ses_woa_districts.csv"]).split(separator: "\n")
        #expect(districts[0] == "code,municipality_code,name,year,provisional,households,ses_woa_mean,ses_woa_spread,source")
        #expect(districts.contains("WK168007,GM1680,Wijk 07 Spijkerboor,2022,yes,100,,,\"CBS 85900NED (OData v3, cbsodata), period 2022*\""))
        #expect(byName["missing.csv"]?.contains("85900NED,2022*,WK168007,Wijk 07 Spijkerboor,ses_woa_mean,null in the OData table (unknown or secret)") == true)
        let sources = try #require(byName["SOURCES.md"])
        #expect(sources.contains("## CBS 85163NED") && sources.contains("SHA-256: aa") && sources.contains("periods: 2022 (provisional)"))
    }

    /// The same region and year from two files: the definitive figure is kept over the
    /// provisional one; two definitive ones are an error naming both files.
    @Test func definitiveReplacesProvisional() throws {
        let provisional = CBSTable(id: "85900NED", title: "", form: .odataV3, family: .sesWOA, rows: [
            CBSRow(code: "GM1680", name: "Aa en Hunze", period: CBSPeriod(year: "2022", provisional: true), values: ["households": 11_200, "ses_woa_mean": 0.17, "ses_woa_spread": 0.715]),
        ], missing: [])
        let definitive = CBSTable(id: "86092NED", title: "", form: .odataV3, family: .sesWOA, rows: [
            CBSRow(code: "GM1680", name: "Aa en Hunze", period: CBSPeriod(year: "2022", provisional: false), values: ["households": 11_300, "ses_woa_mean": 0.18, "ses_woa_spread": 0.7]),
        ], missing: [])
        let files = try CBSImport.files([.init(table: provisional, file: "old", sha256: ""), .init(table: definitive, file: "new", sha256: "")], imported: "today")
        let municipalities = try #require(files.first { $0.name == "ses_woa_municipalities.csv" }).contents
        #expect(municipalities.contains("GM1680,Aa en Hunze,2022,no,11300,0.18,0.7") && !municipalities.contains("11200"))
        #expect(throws: DataError.self) { try CBSImport.files([.init(table: definitive, file: "new", sha256: ""), .init(table: definitive, file: "again", sha256: "")], imported: "today") }
    }

    func refusal(_ message: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error saying \(message)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    /// Malformed files: each a clear error naming the file and what is wrong.
    @Test func malformedFilesAreRefused() throws {
        let amsterdam = String(decoding: try Self.bytes("statline-85163NED-amsterdam-2019.csv"), as: UTF8.self)
        refusal("no region codes") { _ = try StatLineCSV.read(name: "x.csv", bytes: try Self.bytes("statline-85163NED-amsterdam-2019-no-codes.csv"), table: "85163NED") }
        refusal("x.csv:1: no column for the spread") {
            _ = try StatLineCSV.read(name: "x.csv", bytes: Array(amsterdam.replacingOccurrences(of: "Spreiding/Spreiding totaal/Waarde", with: "Spreiding/Waarde").utf8), table: "85163NED")
        }
        refusal("x.csv:1: no 'Perioden' column") {
            _ = try StatLineCSV.read(name: "x.csv", bytes: Array(amsterdam.replacingOccurrences(of: "\"Perioden\"", with: "\"Jaar\"").utf8), table: "85163NED")
        }
        refusal("x.csv:3:1: column 'Perioden': '2019 1e kwartaal' is not a year") {
            _ = try StatLineCSV.read(name: "x.csv", bytes: Array(amsterdam.replacingOccurrences(of: "\"2019\";\"Burgwallen-Oude Zijde\"", with: "\"2019 1e kwartaal\";\"Burgwallen-Oude Zijde\"").utf8), table: "85163NED")
        }
        refusal("CBS table 83765NED is not one verdeel imports") { _ = try StatLineCSV.read(name: "x.csv", bytes: Array(amsterdam.utf8), table: "83765NED") }
        refusal("column 'Particuliere huishoudens (Aantal)': '45x' is not a number") {
            _ = try StatLineCSV.read(name: "x.csv", bytes: Array(amsterdam.replacingOccurrences(of: "  457400", with: "     45x").utf8), table: "85163NED")
        }
        let v3 = try Self.files("odata3-85900NED-aa-en-hunze"), v3Name = "odata3-85900NED-aa-en-hunze"
        let typed = try #require(v3["TypedDataSet.json"])
        var files = v3
        files["TypedDataSet.json"] = Array(typed.prefix(typed.count / 2))
        refusal("odata3-85900NED-aa-en-hunze/TypedDataSet.json: the JSON ends before it is complete") { _ = try ODataV3.read(CBSFolder(name: v3Name, files: files)) }
        files = v3
        files["Perioden.json"] = nil
        refusal("the folder has no Perioden.json") { _ = try ODataV3.read(CBSFolder(name: v3Name, files: files)) }
        files = v3
        files["TableInfos.json"] = Array(String(decoding: try #require(files["TableInfos.json"]), as: UTF8.self).replacingOccurrences(of: "85900NED", with: "84799NED").utf8)
        refusal("CBS table 84799NED is not one verdeel imports") { _ = try ODataV3.read(CBSFolder(name: v3Name, files: files)) }
        let v4 = try Self.files("odata4-85900NED-aa-en-hunze"), v4Name = "odata4-85900NED-aa-en-hunze"
        files = v4
        let observations = try #require(files["Observations.json"])
        files["Observations.json"] = Array(observations.dropLast(40))
        refusal("Observations.json:12: the JSON ends before it is complete") { _ = try ODataV4.read(CBSFolder(name: v4Name, files: files)) }
        files = v4
        files["PeriodenCodes.json"] = Array("{\"Identifier\": \"2021JJ00\", \"Title\": \"2021\", \"Status\": \"Definitief\"}\n".utf8)
        refusal("period '2022JJ00' is not in PeriodenCodes.json") { _ = try ODataV4.read(CBSFolder(name: v4Name, files: files)) }
    }

    /// A row whose code is no well-formed municipality, district or neighbourhood code is
    /// refused where it stands, never dropped; CBS's other levels (country, provinces) are
    /// skipped; a name with a control character and a JSON object with a key twice are refused.
    @Test func malformedCodesNamesAndKeysAreRefused() throws {
        let amsterdam = String(decoding: try Self.bytes("statline-85163NED-amsterdam-2019.csv"), as: UTF8.self)
        func statLine(_ text: String) throws -> CBSTable { try StatLineCSV.read(name: "x.csv", bytes: Array(text.utf8), table: "85163NED") }
        refusal("x.csv:2:20: 'GM036' is not a CBS region code") { _ = try statLine(amsterdam.replacingOccurrences(of: "\"GM0363    \"", with: "\"GM036     \"")) }
        refusal("x.csv:3:32: 'WK0363001' is not a CBS region code") { _ = try statLine(amsterdam.replacingOccurrences(of: "\"WK036300  \"", with: "\"WK0363001 \"")) }
        refusal("x.csv:2:20: 'GM03A3' is not a CBS region code") { _ = try statLine(amsterdam.replacingOccurrences(of: "\"GM0363    \"", with: "\"GM03A3    \"")) }
        refusal("x.csv:2:24: the name of region GM0363 holds a control character (U+001B)") {
            _ = try statLine(amsterdam.replacingOccurrences(of: "\"2019\";\"Amsterdam\"", with: "\"2019\";\"Amster\u{1B}[2Jdam\""))
        }
        // The country's row is another level: skipped, the rest imported as before.
        let withCountry = try statLine(amsterdam.replacingOccurrences(of: "\"GM0363    \"", with: "\"NL01      \""))
        #expect(!withCountry.rows.contains { $0.code == "GM0363" } && withCountry.rows.contains { $0.code == "WK036300" })
        let v3Name = "odata3-85900NED-aa-en-hunze"
        var files = try Self.files(v3Name)
        let typed = String(decoding: try #require(files["TypedDataSet.json"]), as: UTF8.self)
        files["TypedDataSet.json"] = Array(typed.replacingOccurrences(of: "\"WK168000  \"", with: "\"WK16800\\u0000  \"").utf8)
        refusal("'WK16800<U+0000>' is not a CBS region code") { _ = try ODataV3.read(CBSFolder(name: v3Name, files: files)) }
        let v4Name = "odata4-85900NED-aa-en-hunze"
        files = try Self.files(v4Name)
        let observations = String(decoding: try #require(files["Observations.json"]), as: UTF8.self)
        files["Observations.json"] = Array(observations.replacingOccurrences(of: "\"Value\": 11200.0,", with: "\"Value\": 11200.0, \"Value\": 99999.0,").utf8)
        refusal("Observations.json:1: an object has the key 'Value' twice") { _ = try ODataV4.read(CBSFolder(name: v4Name, files: files)) }
        #expect(JSONDuplicateKeys.first(in: Array("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}], \"c\": \"a\"}".utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: Array("[{\"x\": 1},\n {\"y\": 1, \"y\": 2}]".utf8))?.line == 2)
    }

    /// The worked example of docs/cbs-import.md: two municipalities into one. A: 1,000
    /// households, mean 0.2, spread 0.5, 2,500 inhabitants; B: 3,000, -0.2, 0.7, 6,500. Merged:
    /// 4,000 households, 9,000 inhabitants, mean (200 - 600) / 4,000 = -0.1, spread
    /// sqrt((1,000 (0.25 + 0.09) + 3,000 (0.49 + 0.01)) / 4,000) = sqrt(0.46); provisional as B.
    @Test func mergerWorkedExample() throws {
        let mapping = try MunicipalMergers(name: "m.csv", bytes: Array("""
            old_code,old_name,new_code,new_name,date,whole
            GM0001,A,GM0003,AB,2021-01-01,yes
            GM0002,B,GM0003,AB,2021-01-01,yes

            """.utf8))
        let table = CBSTable(id: "85163NED", title: "", form: .statLineCSV, family: .sesWOA, rows: [
            CBSRow(code: "GM0001", name: "A", period: CBSPeriod(year: "2019", provisional: false), values: ["households": 1_000, "ses_woa_mean": 0.2, "ses_woa_spread": 0.5, "inhabitants": 2_500]),
            CBSRow(code: "GM0002", name: "B", period: CBSPeriod(year: "2019", provisional: true), values: ["households": 3_000, "ses_woa_mean": -0.2, "ses_woa_spread": 0.7, "inhabitants": 6_500]),
            CBSRow(code: "GM0004", name: "C", period: CBSPeriod(year: "2019", provisional: false), values: ["households": 10]),
        ], missing: [])
        let merged = try mapping.apply(to: table, file: "t")
        #expect(merged.rows.map(\.code) == ["GM0004", "GM0003"])
        let ab = merged.rows[1]
        #expect(ab.name == "AB" && ab.period == CBSPeriod(year: "2019", provisional: true))
        #expect(ab.values["households"] == 4_000 && ab.values["inhabitants"] == 9_000)
        #expect((try #require(ab.values["ses_woa_mean"])).isApproximatelyEqual(to: -0.1, relativeTolerance: 1e-14))
        #expect((try #require(ab.values["ses_woa_spread"])).isApproximatelyEqual(to: 0.46.squareRoot(), relativeTolerance: 1.5e-15))
        #expect(merged.missing.isEmpty)
    }

    /// The bundled mergers of the 13 municipalities: a 2018-boundary vintage of Haren, Ten
    /// Boer and Groningen becomes GM0014; Winsum, split in 2019, is refused; a vintage
    /// with only some parts of a merger is refused.
    @Test func bundledGroningenMergers() throws {
        let path = repositoryRoot + "/Scenarios/data/municipal-mergers-groningen.csv"
        let mapping = try MunicipalMergers(name: "mergers.csv", bytes: [UInt8](try #require(FileManager.default.contents(atPath: path))))
        #expect(Set(mapping.mergers.map(\.newCode)) == ["GM1950", "GM1952", "GM0014", "GM1966", "GM1969", "GM1979"])
        let period = CBSPeriod(year: "2017", provisional: false)
        func rows(_ codes: [String]) -> CBSTable {
            CBSTable(id: "85163NED", title: "", form: .statLineCSV, family: .keyFigures, rows: codes.map { CBSRow(code: $0, name: $0, period: period, values: ["inhabitants": 100]) }, missing: [])
        }
        let groningen = try mapping.apply(to: rows(["GM0014", "GM0017", "GM0009"]), file: "t")
        #expect(groningen.rows.map(\.code) == ["GM0014"] && groningen.rows[0].values["inhabitants"] == 300)
        #expect(try mapping.apply(to: rows(["GM0014"]), file: "t").rows[0].values["inhabitants"] == 100)
        refusal("was split over several municipalities on 2019-01-01") { _ = try mapping.apply(to: rows(["GM0053"]), file: "t") }
        refusal("has GM0003, GM0010 but not GM0024") { _ = try mapping.apply(to: rows(["GM0003", "GM0010"]), file: "t") }
    }
}
