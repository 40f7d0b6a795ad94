import Foundation
import Testing
import VerdeelTestSupport

/// `verdeel data import-cbs` and `verdeel update-impact` end to end.
extension CommandTests {
    static let vintageScenario: [String: String] = [
        "regions.csv": "code,name,inhabitants\nGM0001,A,100\nGM0002,B,200\nGM0003,C,300\n",
        // Two vintages of a household count: 2022 gives 100 : 200 : 300, 2023 100 : 100 : 400.
        "scores.csv": "code,year,provisional,households\nGM0001,2022,no,100\nGM0002,2022,no,200\nGM0003,2022,no,300\nGM0001,2023,yes,100\nGM0002,2023,yes,100\nGM0003,2023,yes,400\n",
        "s.verdeel": ["2022", "2023"].map { year in
            """
            scenario v\(year) {
                data {
                    regions "regions.csv" {
                        inhabitants: count
                    }
                    table scores "scores.csv" vintage year = "\(year)" {
                        households: count
                    }
                }
                measure m "Measure" {
                    budget 2026: 600k
                    key households 100%
                }
            }

            """
        }.joined(separator: "\n"),
    ]

    /// EUR 600,000 by households: 100,000 / 200,000 / 300,000 with 2022's figures and
    /// 100,000 / 100,000 / 400,000 with 2023's: B loses 100,000, EUR 500 per inhabitant,
    /// beyond a threshold of 100; C gains 100,000 (EUR 333.33). The rows equal those of
    /// `compare` of the two scenarios, and the fairness metrics those of the two runs.
    @Test func updateImpactEqualsCompareAndTheRunsFairness() throws {
        try withTemporaryDirectory { directory in
            try write(Self.vintageScenario, to: directory)
            let impact = try verdeel(["update-impact", "s.verdeel", "--scenario", "v2022", "--table", "scores", "--from", "2022", "--to", "2023", "--loss-threshold", "100", "--output", "impact", "--format", "csv"], in: directory)
            #expect(impact.status == 0, "\(impact.errors)")
            let rows = try String(contentsOfFile: directory + "/impact/update_impact.csv", encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(rows[2] == "scores,2022,2023,m,2026,GM0002,B,200000,100000,-100000,-50.000000,-500.000000,100.0,true")
            #expect(rows[3] == "scores,2022,2023,m,2026,GM0003,C,300000,400000,100000,33.333333,333.333333,100.0,false")
            let compare = try verdeel(["compare", "s.verdeel", "v2022", "v2023", "--format", "csv"], in: directory)
            let compared = compare.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).joined(separator: ",") }
            let impacted = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).dropLast(2).joined(separator: ",") }
            #expect(compared == impacted)
            let fairness = try String(contentsOfFile: directory + "/impact/fairness.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            for year in ["2022", "2023"] {
                #expect(try verdeel(["run", "s.verdeel", "--scenario", "v\(year)", "--output", "run\(year)"], in: directory).status == 0)
                let run = try String(contentsOfFile: directory + "/run\(year)/fairness.csv", encoding: .utf8).split(separator: "\n").dropFirst()
                let side = fairness.filter { $0.hasPrefix("\"v2022 (scores year \(year))\"") || $0.hasPrefix("v2022 (scores year \(year))") }
                #expect(side.count == run.count && !run.isEmpty)
                #expect(side.map { $0.split(separator: ",").dropFirst().joined(separator: ",") } == run.map { $0.split(separator: ",").dropFirst().joined(separator: ",") })
            }
            let terminal = try verdeel(["update-impact", "s.verdeel", "--table", "scores", "--from", "2022", "--to", "latest", "--loss-threshold", "100"], in: directory)
            #expect(terminal.status == 0 && terminal.output.contains("m 2026 GM0002 B: -100000 euros (-500.00 per inhabitant in 2026)"), "\(terminal.errors)")
        }
    }

    /// A table without vintages, an unknown table and an unknown vintage: each an error, nothing written.
    @Test func updateImpactRefusals() throws {
        try withTemporaryDirectory { directory in
            try write(Self.vintageScenario, to: directory)
            for (arguments, message) in [
                (["--table", "regions"], "table 'regions' has no vintage column"),
                (["--table", "nope"], "reads no table 'nope'"),
                (["--table", "scores", "--to", "2031"], "no rows for vintage '2031'; the file has: 2022, 2023"),
            ] {
                var all = ["update-impact", "s.verdeel", "--from", "2022", "--to", "2023", "--output", "out", "--format", "csv"] + arguments
                if arguments.contains("--to") { all.removeSubrange(4...5) }
                let result = try verdeel(all, in: directory)
                #expect(result.status == 1 && result.errors.contains(message), "\(result.errors)")
                #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
            }
        }
    }

    /// The fixtures in every form, written as one set; a StatLine CSV without --table, a
    /// folder that is no CBS download and a truncated file: errors, nothing written.
    @Test func importCBS() throws {
        let fixtures = repositoryRoot + "/Tests/Fixtures/cbs/"
        try withTemporaryDirectory { directory in
            let result = try verdeel(["data", "import-cbs", fixtures + "statline-85163NED-amsterdam-2019.csv", fixtures + "odata4-85900NED-aa-en-hunze", fixtures + "odata3-85984NED-aa-en-hunze", "--table", "85163NED", "--output", "cbs"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            let written = try FileManager.default.contentsOfDirectory(atPath: directory + "/cbs").sorted()
            #expect(written == ["SOURCES.md", "kerncijfers_municipalities.csv", "manifest.txt", "missing.csv", "ses_woa_districts.csv", "ses_woa_municipalities.csv", "ses_woa_neighbourhoods.csv"])
            let municipalities = try String(contentsOfFile: directory + "/cbs/ses_woa_municipalities.csv", encoding: .utf8)
            #expect(municipalities.contains("GM1680,Aa en Hunze,2022,yes,11200,0.17,0.715,\"CBS 85900NED (OData v4), period 2022*\""))
            try "{\"broken\": [".write(toFile: directory + "/DataProperties.json", atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
            for (arguments, message) in [
                ([fixtures + "statline-85163NED-amsterdam-2019.csv"], "does not say which table it is: name it (import-cbs: add --table"),
                ([directory + "/empty"], "no CBS download here"),
                ([fixtures + "statline-85163NED-amsterdam-2019-no-codes.csv", "--table", "85163NED"], "has no region codes"),
            ] {
                let refused = try verdeel(["data", "import-cbs"] + arguments + ["--output", "bad"], in: directory)
                #expect(refused.status == 1 && refused.errors.contains(message), "\(refused.errors)")
                #expect(!FileManager.default.fileExists(atPath: directory + "/bad"))
            }
        }
    }
}
