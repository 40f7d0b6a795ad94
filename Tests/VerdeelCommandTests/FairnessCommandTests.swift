import Foundation
import Testing
import VerdeelTestSupport

/// Fairness outputs of plain runs, worked out by hand: 1M by land area (50 : 150 km2) over
/// 30,000 and 10,000 inhabitants is 250,000 and 750,000, EUR 8.33 and 75 per inhabitant.
/// P = 40,000 and mu = 25: Gini = 2 x 30,000 x 10,000 x (75 - 8.33) / (2 x 40,000^2 x 25) = 0.5,
/// Hoover = (|0.25 - 0.75| + |0.75 - 0.25|) / 2 = 0.5.
extension CommandTests {
    static func fairnessScenario(data: String = TwoRegions.municipalities, block: String = "") -> [String: String] {
        ["s.verdeel": smallScenario("key land_area_km2 100%").replacingOccurrences(of: "\n}\n", with: "\n\(block)\n}\n"), "regions.csv": data]
    }

    func write(_ files: [String: String], to directory: String) throws {
        for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
    }

    @Test func fairnessFilesOfAPlainRun() throws {
        try withTemporaryDirectory { directory in
            try write(Self.fairnessScenario(), to: directory)
            let result = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            let fairness = try String(contentsOfFile: directory + "/out/fairness.csv", encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(fairness[0] == "scenario,measure,year,metric,value,value_exact")
            #expect(fairness.contains("s,m,2026,gini,0.5,0.5"))
            #expect(fairness.contains("s,m,2027,hoover,0.5,0.5"))
            #expect(fairness.contains("s,m,2026,max_min_ratio,9.0,9.0"))
            let lorenz = try String(contentsOfFile: directory + "/out/lorenz.csv", encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(Array(lorenz.prefix(4)) == [
                "scenario,measure,year,rank,region,region_name,population_share,amount_share", "s,m,2026,0,,,0.0,0.0", "s,m,2026,1,GM0001,A,0.75,0.25",
                "s,m,2026,2,GM0002,B,1.0,1.0",
            ])
            let table = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(table.output.contains("Fairness (population inhabitants; docs/fairness.md)"))
        }
    }

    /// A region of population 0: an error at the fairness block when the scenario asks for
    /// fairness, a warning (and no fairness files) when it only has the default.
    @Test func aRegionWithoutPopulation() throws {
        let data = TwoRegions.municipalities + "GM0003,C,0,10\n"
        try withTemporaryDirectory { directory in
            try write(Self.fairnessScenario(data: data, block: "    fairness {\n        population inhabitants\n    }"), to: directory)
            let result = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors.contains("s.verdeel:13:9: error: scenario 's', fairness: the population of region GM0003 is 0.0: per-capita amounts need a population above 0 for every region"))
        }
        try withTemporaryDirectory { directory in
            try write(Self.fairnessScenario(data: data), to: directory)
            let result = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(result.status == 0)
            #expect(result.errors.contains("warning: scenario 's': no fairness metrics: the population of region GM0003 is 0.0"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/out/fairness.csv"))
        }
    }

    /// Data without `inhabitants` and no fairness block: a warning that asks to name the
    /// population, the allocation as usual and no fairness files; naming one gives them.
    @Test func dataWithoutInhabitants() throws {
        try withTemporaryDirectory { directory in
            var files = Self.fairnessScenario(data: TwoRegions.municipalities.replacingOccurrences(of: "inhabitants", with: "persons"))
            files["s.verdeel"] = files["s.verdeel"]?.replacingOccurrences(of: "inhabitants: count", with: "persons: count")
            try write(files, to: directory)
            let result = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.contains("warning: scenario 's': no fairness metrics: the data has no indicator 'inhabitants' to measure per person by; name one in a fairness block (fairness { population INDICATOR })"))
            #expect(FileManager.default.fileExists(atPath: directory + "/out/allocations.csv"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/out/fairness.csv"))
            files["s.verdeel"] = files["s.verdeel"]?.replacingOccurrences(of: "\n}\n", with: "\n    fairness {\n        population persons\n    }\n}\n")
            try write(files, to: directory)
            let named = try verdeel(["run", "s.verdeel", "--output", "named"], in: directory)
            #expect(named.status == 0, "\(named.errors)")
            let fairness = try String(contentsOfFile: directory + "/named/fairness.csv", encoding: .utf8)
            #expect(fairness.contains("s,m,2026,gini,0.5,0.5"))
        }
    }

    @Test func aReferenceThatIsZeroEverywhere() throws {
        try withTemporaryDirectory { directory in
            try write(Self.fairnessScenario(block: "    criterion nothing = inhabitants * 0\n    fairness {\n        reference nothing\n    }"), to: directory)
            let result = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors.contains("s.verdeel:14:9: error: scenario 's', fairness: the fairness reference cannot be computed: criterion 'nothing' is 0 for every region"))
        }
    }

    /// A text column with an empty value is an error at its cell.
    @Test func anEmptyGroup() throws {
        try withTemporaryDirectory { directory in
            let data = "code,name,province,inhabitants,land_area_km2\nGM0001,A,Drenthe,30000,50\nGM0002,B,,10000,150\n"
            var files = Self.fairnessScenario(data: data, block: "    fairness {\n        group province\n    }")
            files["s.verdeel"] = files["s.verdeel"]?.replacingOccurrences(of: "inhabitants: count", with: "province: text\n            inhabitants: count")
            try write(files, to: directory)
            let result = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors.contains("error: regions.csv:3:10: column 'province': region GM0002 has no value in the text column 'province'; every region needs one"), "\(result.errors)")
        }
    }

    /// `compare`: by inhabitants every person gets EUR 25 (Gini 0), by land area Gini is 0.5.
    @Test func compareShowsEachMetricAndTheDifference() throws {
        try withTemporaryDirectory { directory in
            let text = Self.smallScenario("key land_area_km2 100%", name: "area") + "\n" + Self.smallScenario("key inhabitants 100%", name: "people")
            try write(["s.verdeel": text, "regions.csv": TwoRegions.municipalities], to: directory)
            let result = try verdeel(["compare", "s.verdeel", "area", "people"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            // Both years alike: one line each; the compact block leaves max/min out.
            #expect(lines.contains("m 2026-2027 gini 0.5000 0.0000 -0.5000"))
            #expect(lines.contains("m 2026-2027 hoover 0.5000 0.0000 -0.5000"))
            #expect(!lines.contains { $0.contains("max_min_ratio") })
            let all = try verdeel(["compare", "s.verdeel", "area", "people", "--all-metrics"], in: directory)
            let allLines = all.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(allLines.contains("m 2026-2027 max_min_ratio 9.0000 1.0000 -8.0000"))
        }
    }
}
