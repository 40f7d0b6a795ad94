import Foundation
import Testing
import VerdeelTestSupport

/// `verdeel sensitivity sample` and `analyze` end to end. For y = x1 + 2 x2 with x1, x2
/// uniform on [0, 1] the variances are 1/12 and 4/12, so S1 = ST = 0.2 and 0.8.
extension CommandTests {
    @Test func sampleThenAnalyzeALinearModel() throws {
        try withTemporaryDirectory { directory in
            try write(["p.txt": "x1 0 1\nx2 0 1\n"], to: directory)
            let sample = try verdeel(["sensitivity", "sample", "sobol", "--problem", "p.txt", "-N", "1024", "--output", "X.txt"], in: directory)
            #expect(sample.status == 0, "\(sample.errors)")
            let rows = try String(contentsOfFile: directory + "/X.txt", encoding: .utf8).split(separator: "\n")
            #expect(rows.count == 1024 * 4)
            let y = rows.map { row -> String in
                let x = row.split(separator: " ").compactMap { Double($0) }
                return "\(x[0] + 2 * x[1])"
            }
            try write(["Y.txt": y.joined(separator: "\n") + "\n"], to: directory)
            let result = try verdeel(["sensitivity", "analyze", "sobol", "--problem", "p.txt", "--samples", "X.txt", "--outputs", "Y.txt", "--output", "out"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            let lines = try String(contentsOfFile: directory + "/out/sobol.csv", encoding: .utf8).split(separator: "\n")
            #expect(lines[0] == "output,factor,s1,s1_conf,st,st_conf")
            let values = lines.dropFirst().map { $0.split(separator: ",").dropFirst(2).compactMap { Double($0) } }
            #expect(abs(values[0][0] - 0.2) < 0.02 && abs(values[0][2] - 0.2) < 0.02)
            #expect(abs(values[1][0] - 0.8) < 0.02 && abs(values[1][2] - 0.8) < 0.02)
            #expect(lines[1].hasPrefix("y1,x1,") && lines[2].hasPrefix("y1,x2,"))
        }
    }

    @Test func sensitivityInputErrorsSayWhereAndExitWithOne() throws {
        try withTemporaryDirectory { directory in
            try write(["reversed.txt": "x1 1 0\nx2 0 1\n", "p.txt": "x1 0 1\nx2 0 1\n", "nan.txt": "1\n2\nnan\n4\n5\n6\n7\n8\n",
                       "short.txt": "1\n2\n3\n4\n5\n6\n7\n", "X.txt": "0 0\n1 1\n"], to: directory)
            let reversed = try verdeel(["sensitivity", "sample", "sobol", "--problem", "reversed.txt", "-N", "8"], in: directory)
            #expect(reversed.status == 1)
            #expect(reversed.errors == "error: reversed.txt: factor 'x1' has reversed bounds (1.0, 0.0); the lower bound must be below the upper bound\n")
            let nan = try verdeel(["sensitivity", "analyze", "sobol", "--problem", "p.txt", "--outputs", "nan.txt", "--output", "out"], in: directory)
            #expect(nan.status == 1)
            #expect(nan.errors == "error: nan.txt:3:1: 'nan' is not a finite number; every value must be a number (no NaN or infinity)\n")
            let short = try verdeel(["sensitivity", "analyze", "sobol", "--problem", "p.txt", "--outputs", "short.txt", "--output", "out"], in: directory)
            #expect(short.status == 1)
            #expect(short.errors.hasPrefix("error: short.txt: 7 rows do not fit a Saltelli design of 2 groups"))
            let mismatch = try verdeel(["sensitivity", "analyze", "morris", "--problem", "p.txt", "--samples", "X.txt", "--outputs", "short.txt", "--output", "out"], in: directory)
            #expect(mismatch.status == 1)
            #expect(mismatch.errors == "error: short.txt: has 7 rows but X.txt has 2; one output row per sample row\n")
            #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
        }
    }

    /// A scenario's sensitivity block through `verdeel run`: the files and their headers;
    /// y = R1's amount 1M (0.75 - 0.5 w) is linear in the one factor w.
    @Test func runWritesTheSensitivityFiles() throws {
        try withTemporaryDirectory { directory in
            let scenario = """
                scenario s {
                    data {
                        regions "regions.csv" {
                            inhabitants: count
                            land_area_km2: nonnegative
                        }
                    }
                    criterion area = land_area_km2
                    measure m {
                        budget 2026: 1M
                        key inhabitants 50%, area 50%
                    }
                    sensitivity sobol 32 seed 1 {
                        weight m inhabitants from 20% to 80%
                        dummy
                    }
                }
                """
            try write(["s.verdeel": scenario, "regions.csv": "code,name,inhabitants,land_area_km2\nR1,One,1000,30\nR2,Two,3000,10\n"], to: directory)
            let result = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains("Sensitivity (Sobol total index ST, 128 design rows; leading factors per output):"))
            let sobol = try String(contentsOfFile: directory + "/out/sobol.csv", encoding: .utf8).split(separator: "\n")
            #expect(sobol[0] == "measure,year,output_kind,region,region_name,metric,factor,s1,s1_conf,st,st_conf")
            #expect(sobol.contains { $0.hasPrefix("m,2026,exact_amount,R1,One,,dummy,0.0,0.0,0.0,0.0") })
            #expect(sobol.contains { $0.hasPrefix("m,2026,fairness,,,gini,dummy,") })
            let elasticities = try String(contentsOfFile: directory + "/out/elasticities.csv", encoding: .utf8).split(separator: "\n")
            #expect(elasticities[0] == "measure,year,region,region_name,parameter,elasticity,derivative,method")
            // da/dB = S_1 = 0.5 for the budget, e = 0.5 x 1M / 500k = 1.
            #expect(elasticities.contains("m,2026,R1,One,m.budget.2026,1.0,0.5,analytic"))
            // da/dw = 1M (0.25 - 0.5 x 0.75 / 0.5) = -500,000, e = -500,000 x 0.5 / 500,000 = -0.5.
            #expect(elasticities.contains("m,2026,R1,One,m.weight.inhabitants,-0.5,-500000.0,analytic"))
            let dummy = try String(contentsOfFile: directory + "/out/not_above_dummy.csv", encoding: .utf8).split(separator: "\n")
            #expect(dummy[0] == "measure,year,output_kind,region,region_name,metric,factor")
        }
    }
}

/// Every output folder carries provenance.json: the engine, each scenario file with its
/// SHA-256 (checked against sha256sum), the data files, the seed, the synthetic notice.
extension CommandTests {
    @Test func everyOutputFolderCarriesItsProvenance() throws {
        try withTemporaryDirectory { directory in
            try write(Self.fairnessScenario(), to: directory)
            let plain = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(plain.status == 0, "\(plain.errors)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/provenance.json"))) as? [String: Any])
            #expect(json["engine"] as? String == "verdeel" && json["engine_version"] as? String == "0.4.0")
            let files = try #require(json["scenario_files"] as? [[String: Any]])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [directory + "/s.verdeel"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let digest = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
            #expect(files.first?["sha256"] as? String == digest)
            #expect((json["data_files"] as? [[String: Any]])?.first?["path"] as? String == "regions.csv")
            #expect(json["synthetic_data"] as? Bool == false && json["notice"] == nil)
            let explained = try verdeel(["compare", "s.verdeel", "s", "s", "--explain", "--output", "explained"], in: directory)
            #expect(explained.status == 0, "\(explained.errors)")
            #expect(FileManager.default.fileExists(atPath: directory + "/explained/provenance.json"))
        }
    }
}

/// `compare --format csv|csv-nl|json [--output DIR]`. Scenario s shares 1M a year by land
/// area (50 : 150 km2): 250,000 and 750,000; t gives it inhabitants 100% (30,000 : 10,000):
/// 750,000 and 250,000. GM0001 gains 500,000, +200% of 250,000, 500,000 / 30,000 =
/// 16.666667 per inhabitant.
extension CommandTests {
    /// Scenario `s` splits by land area, `t` (extending it) by inhabitants.
    static let landThenPeople = smallScenario("key land_area_km2 100%") + "\nscenario t extends s {\n    measure m {\n        key inhabitants 100%\n    }\n}\n"

    @Test func compareExportsItsChanges() throws {
        try withTemporaryDirectory { directory in
            try write(["s.verdeel": Self.landThenPeople, "regions.csv": TwoRegions.municipalities], to: directory)
            let csv = try verdeel(["compare", "s.verdeel", "s", "t", "--format", "csv"], in: directory)
            #expect(csv.status == 0, "\(csv.errors)")
            let lines = csv.output.split(separator: "\n").map(String.init)
            #expect(lines[0] == "from,to,measure,year,region,region_name,amount_from,amount_to,change,change_percent,change_per_inhabitant")
            #expect(lines.contains("s,t,m,2026,GM0001,A,250000,750000,500000,200.000000,16.666667"))
            #expect(lines.contains("s,t,m,2027,GM0002,B,750000,250000,-500000,-66.666667,-50.000000"))
            let dutch = try verdeel(["compare", "s.verdeel", "s", "t", "--format", "csv-nl"], in: directory)
            // The Dutch style names the measure (its title in the scenario) after its id.
            #expect(dutch.output.hasPrefix("\u{FEFF}from;to;measure;measure_name;year;"))
            #expect(dutch.output.contains("s;t;m;Small measure;2026;GM0001;A;250000;750000;500000;200,000000;16,666667"))
            let folder = try verdeel(["compare", "s.verdeel", "s", "t", "--format", "json", "--explain", "--output", "out"], in: directory)
            #expect(folder.status == 0, "\(folder.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted() == ["compare.json", "dictionary.md", "explain.csv", "manifest.txt", "provenance.json", "schema.json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/compare.json"))) as? [String: Any])
            let changes = try #require(json["changes"] as? [[String: Any]])
            #expect(changes.count == 4)
            #expect((json["provenance"] as? [String: Any])?["engine_version"] as? String == "0.4.0")
            let first = try #require(changes.first { $0["region"] as? String == "GM0001" && $0["year"] as? Int == 2026 })
            #expect((first["change"] as? NSNumber)?.doubleValue == 500_000)
        }
    }
}

/// Variant runs in every format: Dutch CSV with decimal commas, and one JSON document
/// whose tables hold the same numbers as the standard CSV.
extension CommandTests {
    @Test func variantRunsInEveryFormat() throws {
        try withTemporaryDirectory { directory in
            let plain = Self.smallScenario("key inhabitants 50%, land_area_km2 50%")
            let end = try #require(plain.range(of: "}", options: .backwards))
            let text = plain.replacingCharacters(in: end, with: "    variants {\n        base m in 10k, 20.5k\n    }\n}")
            try write(["s.verdeel": text, "regions.csv": TwoRegions.municipalities], to: directory)
            for format in ["csv", "csv-nl", "json"] {
                let result = try verdeel(["run", "s.verdeel", "--format", format, "--output", format], in: directory)
                #expect(result.status == 0, "\(format): \(result.errors)")
            }
            let standard = try String(contentsOfFile: directory + "/csv/variants.csv", encoding: .utf8)
            #expect(standard == "variant,m_base\n1,10000\n2,20500\n")
            let dutch = try Data(contentsOf: URL(fileURLWithPath: directory + "/csv-nl/summary.csv"))
            #expect(Array(dutch.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: dutch.dropFirst(3), as: UTF8.self).hasPrefix("variant;measure;measure_name;year;region;region_name;mean;sd;p05;p50;p95;p_below_baseline\n"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/json/simulation.json"))) as? [String: Any])
            let tables = try #require(json["tables"] as? [String: [[String: Any]]])
            let summary = try String(contentsOfFile: directory + "/csv/summary.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(tables["summary"]?.count == summary.count)
            let first = summary.first.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect((tables["summary"]?.first?["mean"] as? NSNumber)?.doubleValue == first.flatMap { Double($0[5]) })
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/json").sorted() == ["manifest.txt", "provenance.json", "simulation.json"])
        }
    }
}

/// The terminal in Dutch (`--lang nl`): the same changes as `compareExportsItsChanges`
/// works out (A gains EUR 500,000 in each of 2026 and 2027, +200% of 500,000 over both
/// years; 1,000,000 / 2 years / 30,000 inhabitants = 16.67 per inhabitant per year), in
/// Dutch words and numbers; English stays the terminal's default.
extension CommandTests {
    @Test func compareSpeaksDutchOnRequest() throws {
        try withTemporaryDirectory { directory in
            try write(["s.verdeel": Self.landThenPeople, "regions.csv": TwoRegions.municipalities], to: directory)
            let dutch = try verdeel(["compare", "s.verdeel", "s", "t", "--lang", "nl"], in: directory)
            #expect(dutch.status == 0, "\(dutch.errors)")
            #expect(dutch.output.hasPrefix("Verschillen van scenario s naar t (EUR; + betekent dat t meer geeft; per inwoner per jaar:"))
            let lines = dutch.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains("code gemeente 2026-2027 elk totaal % per inwoner per jaar"))
            #expect(lines.contains("GM0001 A +500.000 +1.000.000 +200,0% +16,67"))
            #expect(lines.contains("GM0002 B -500.000 -1.000.000 -66,7% -50,00"))
            #expect(lines.contains("winnaars: A") && lines.contains("verliezers: B"))
            let english = try verdeel(["compare", "s.verdeel", "s", "t"], in: directory)
            #expect(english.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.contains("GM0001 A +500,000 +1,000,000 +200.0% +16.67"))
        }
    }
}
