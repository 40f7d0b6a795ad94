import Foundation
import Testing
import VerdeelData
import VerdeelReport
import VerdeelTables

/// What merge and report read back: tables checked cell by cell, manifests, and shard
/// records field by field. Each expected message and place is worked out from the bytes.
struct ReadBackTests {
    static let header = "variant,measure,year,region,mean,sd,p05,p50,p95,p_below_baseline\n"
    static let row = "5,m,2026,GM0014,100.5,2,97,100,104,0.5\n"

    /// The summary's columns as its schema declares them.
    static let columns = [
        Column.named("variant", .ordinal, ""), .measure, .year, .region, .named("mean", .euro, ""), .named("sd", .euro, ""), .named("p05", .euro, ""),
        .named("p50", .euro, ""), .named("p95", .euro, ""), .named("p_below_baseline", .fraction, ""),
    ]

    func problem(_ text: String, range: Range<Int>? = 5..<9) -> String? {
        do {
            try ReadBackTable(name: "summary.csv", columns: Self.columns, shown: "p1/summary.csv", range: range).check(Data(text.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aGoodTableIsRead() throws {
        #expect(problem(Self.header + Self.row + "6,m,2026,\"Gr,on\",1e3,,0,-1.5,+2,1\n") == nil)
        #expect(try ReadBackTable(name: "summary.csv", columns: Self.columns).check(Data((Self.header + Self.row).utf8)) == 1)
    }

    /// The row of the header is line 1, the first row line 2; columns count from 1 at the
    /// first character of the field: `mean` is the 5th field, after "5,m,2026,GM0014," (16
    /// characters), so at column 17; `year` after "5,m," at column 5.
    @Test func eachDamageIsRefusedWhereItStands() {
        let damaged = [
            ("5,m,2026,GM0014,101825abc,2,97,100,104,0.5\n", "p1/summary.csv:2:17: column 'mean': '101825abc' is not a plain finite number"),
            ("5,m,2026,GM0014,nan,2,97,100,104,0.5\n", "p1/summary.csv:2:17: column 'mean': 'nan' is not a plain finite number"),
            ("5,m,2026,GM0014,1e999,2,97,100,104,0.5\n", "p1/summary.csv:2:17: column 'mean': '1e999' is not a plain finite number"),
            ("5,m,2026,GM0014,\"1,018\",2,97,100,104,0.5\n", "p1/summary.csv:2:17: column 'mean': '1,018' is not a plain finite number"),
            ("5,m,20x6,GM0014,100.5,2,97,100,104,0.5\n", "p1/summary.csv:2:5: column 'year': '20x6' is not a whole number"),
            ("5,m,126,GM0014,100.5,2,97,100,104,0.5\n", "p1/summary.csv:2:5: column 'year': '126' is not a year"),
            ("9,m,2026,GM0014,100.5,2,97,100,104,0.5\n", "p1/summary.csv:2:1: column 'variant': variant 9 is outside the 5-8 this part holds"),
            ("5,m,2026,GM0014,100.5,2,97,100,104\n", "p1/summary.csv:2: this line has 9 fields but the header has 10"),
            ("5,m,2026,GM\u{1B}[2J,100.5,2,97,100,104,0.5\n", "p1/summary.csv:2:10: column 'region': the cell holds a control character (U+001B)"),
            (Self.row + Self.row, "p1/summary.csv:3: this row is given twice"),
            (String(Self.row.dropLast()), "p1/summary.csv:2: the file does not end with a line break"),
        ]
        for (rows, expected) in damaged {
            let found = problem(Self.header + rows)
            #expect(found?.hasPrefix(expected) == true, "\(found ?? "accepted") for \(expected)")
        }
        #expect(problem("\u{FEFF}" + Self.header + Self.row)?.contains("Dutch CSV style") == true)
        #expect(problem("")?.contains("the file is empty") == true)
        // A part with no variants holds no rows.
        #expect(problem(Self.header + Self.row, range: 5..<5)?.contains("variant 5 is outside the none this part holds") == true)
    }

    @Test func aHeaderOtherThanTheSchemasIsRefused() {
        let swapped = "variant,measure,year,region,sd,mean,p05,p50,p95,p_below_baseline\n"
        #expect(problem(swapped + Self.row)?.hasPrefix("p1/summary.csv:1: the header is not the one schema.json declares") == true)
    }

    @Test func aTableReadBackIsTyped() throws {
        let table = try ReadBackTable(name: "summary.csv", columns: Self.columns).table(Data((Self.header + "5,m,2026,'=GM1,100.5,,97,100,104,0.5\n").utf8), title: .init(dutch: "d", english: "e"))
        #expect(table.name == "summary")
        #expect(table.rows == [[.number(5, "5"), .text("m"), .number(2026, "2026"), .text("=GM1"), .number(100.5, "100.5"), .empty, .number(97, "97"), .number(100, "100"), .number(104, "104"), .number(0.5, "0.5")]])
    }

    static let schema = #"{"tables":[{"name":"summary","file":"summary.csv","title":{"dutch":"Monte Carlo","english":"Monte Carlo"},"columns":[{"id":"variant","kind":"ordinal","dutch":"variant","english":"variant","description":"d"}]}]}"#

    func schemaProblem(_ text: String) -> String? {
        do {
            _ = try OutputSchema.read(Data(text.utf8), shown: "out/schema.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theSchemaIsReadStrictly() throws {
        #expect(schemaProblem(Self.schema) == nil)
        #expect(try OutputSchema.read(Data(Self.schema.utf8), shown: "s").table(file: "summary.csv")?.columns.map(\.kind) == [.ordinal])
        let damaged = [
            (Self.schema.replacingOccurrences(of: #""kind":"ordinal""#, with: #""kind":"money""#), "it is not the schema verdeel writes"),
            (Self.schema.replacingOccurrences(of: #""file":"summary.csv""#, with: #""file":"../summary.csv""#), "is in the file '../summary.csv', not in NAME.csv"),
            (Self.schema.replacingOccurrences(of: #""name":"summary","#, with: #""name":"summary","name":"other","#), "the key 'name' is given twice"),
            (Self.schema.replacingOccurrences(of: #""id":"variant""#, with: #""id":"a,b""#), "has a column id 'a,b' that no header verdeel writes has"),
            (Self.schema.replacingOccurrences(of: #","description":"d""#, with: ""), "it has no 'description'"),
            (Self.schema.replacingOccurrences(of: "}]}]}", with: "},{\"id\":\"variant\",\"kind\":\"text\",\"dutch\":\"\",\"english\":\"\",\"description\":\"\"}]}]}"),
             "declares the column 'variant' twice"),
            ("[]", "it is not the schema verdeel writes"),
        ]
        for (text, expected) in damaged {
            let found = schemaProblem(text)
            #expect(found?.contains(expected) == true, "\(found ?? "accepted") for \(expected)")
        }
    }

    @Test func manifestsAreVerdeelsOrNone() {
        let text = OutputManifest.text(engineVersion: "0.3.0", names: ["summary.csv", "provenance.json"], notes: ["Some input data is SYNTHETIC"])
        #expect(OutputManifest(text) == nil ? false : OutputManifest(text)?.names == ["summary.csv", "provenance.json"])
        #expect(OutputManifest(text)?.notes == ["Some input data is SYNTHETIC"])
        #expect(OutputManifest("my own list\n") == nil)
        #expect(OutputManifest("Written by verdeel 0.3.0 as one set; these files belong together:\n  ../etc/passwd\n") == nil)
        #expect(OutputManifest("Written by verdeel 0.3.0 as one set; these files belong together:\n  .hidden\n") == nil)
        for name in ["a/b", "..", ".x", "", "a\u{0}b", "caf\u{E9}.csv", String(repeating: "a", count: 256)] {
            #expect(!PlainFileName.isPlain(name), "\(name)")
        }
        #expect(PlainFileName.isPlain("fairness_summary.csv") && PlainFileName.isPlain("design-outputs.2.csv"))
    }

    /// A record as part 2 of 3 of 15 variants writes it (tiles of 4: 4 tiles, part 2 holds
    /// tile floor(4/3) = 1 ..< floor(8/3) = 2, variants 5-8), checked field by field.
    @Test func shardRecordsAreCheckedFieldByField() throws {
        let files = [("summary.csv", Data("x\n".utf8)), ("provenance.json", Data("{}\n".utf8))].map { WrittenFile(name: $0.0, bytes: $0.1.count, sha256: ShardRecord.hash($0.1)) }
        let good = ShardRecord(shard: 2, shards: 3, variants: 4..<8, variantCount: 15, seed: 1, provenance: "{}\n", notes: ["note"], files: files)
        let manifest = try #require(OutputManifest(OutputManifest.text(engineVersion: good.engineVersion, names: ["summary.csv", "provenance.json", "shard.json"], notes: ["note"])))
        #expect(ShardRecordCheck(good, engineVersion: AllocationJSON.engineVersion).problem(manifest: manifest) == nil)
        func edited(_ change: (inout [String: Any]) -> Void) throws -> String? {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(try good.json().utf8)) as? [String: Any])
            change(&object)
            let record = try JSONKeyStyle.decoder().decode(ShardRecord.self, from: try JSONSerialization.data(withJSONObject: object))
            return ShardRecordCheck(record, engineVersion: AllocationJSON.engineVersion).problem(manifest: manifest)
        }
        #expect(try edited { $0["shards"] = Int.max }?.contains("a run has 1 to 1000000") == true)
        #expect(try edited { $0["shard"] = 4 }?.contains("part 4 of 3") == true)
        #expect(try edited { $0["first_variant"] = Int.min }?.contains("but part 2 of 3 of 15 is 5-8") == true)
        #expect(try edited { $0["variant_count"] = -1 }?.contains("variants") == true)
        #expect(try edited { $0["engine_version"] = "0.2.0" }?.contains("one engine version") == true)
        #expect(try edited { $0["notes"] = ["other"] }?.contains("notes are not those") == true)
        #expect(try edited { object in
            var list = object["files"] as? [[String: Any]] ?? []
            list[0]["name"] = "../summary.csv"
            object["files"] = list
        }?.contains("not a plain name") == true)
        #expect(try edited { object in
            var list = object["files"] as? [[String: Any]] ?? []
            list.append(["name": "extra.csv", "bytes": 1, "sha256": String(repeating: "0", count: 64)])
            object["files"] = list
        }?.contains("which the part's manifest.txt does not") == true)
        #expect(ShardRecordCheck(good, engineVersion: AllocationJSON.engineVersion).problem(manifest: nil)?.contains("no manifest.txt") == true)
    }
}
