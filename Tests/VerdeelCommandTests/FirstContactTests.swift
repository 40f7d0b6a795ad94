import Foundation
import Testing
import VerdeelTestSupport

/// What a newcomer meets in the first minutes: mistyped commands, a data file that is not
/// there, warnings, `compare` and `--version`, each worked out from the inputs by hand.
extension CommandTests {

    /// Scenario `s`: one measure of 1M in 2026 and 2027 over regions.csv with `statements`.
    static func smallScenario(_ statements: String, name: String = "s", extra: String = "") -> String {
        """
        scenario \(name) {
            data {
                regions "regions.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            measure m "Small measure" {
                budget 2026..2027: 1M
        \(statements.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
            }
        }
        \(extra)
        """
    }

    @Test func aMistypedCommandIsNotTakenForAFile() throws {
        let result = try verdeel(["rnu"])
        #expect(result.status != 0)
        #expect(result.errors.contains("'rnu' is neither a command nor a scenario file. Did you mean 'verdeel run'? The commands are run, check, fmt, compare"))
    }

    @Test func versionIsTheEngineVersion() throws {
        let result = try verdeel(["--version"])
        #expect(result.status == 0)
        let json = try withTemporaryDirectory { directory in
            _ = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--format", "json", "--output", directory])
            return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/allocations.json"))) as? [String: Any]
        }
        let version = try #require(json?["engine_version"] as? String)
        #expect(result.output == "verdeel \(version)\n")
    }

    @Test func aMissingDataFileIsReportedAtTheStatementThatNamesIt() throws {
        try withTemporaryDirectory { directory in
            try Self.smallScenario("key inhabitants 100%").replacingOccurrences(of: "regions.csv", with: "regoins.csv")
                .write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["check", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            // `regions "regoins.csv"`: the path starts on line 3 at column 17.
            #expect(result.errors == "error: s.verdeel:3:17: the data file 'regoins.csv' does not exist (looked for regoins.csv); paths are relative to the scenario file that names them\n")
        }
    }

    /// Bases of 600k for two regions need 1.2M of the 1M budget: scaled to 500k each.
    @Test func warningsNameScenarioMeasureAndYearUnderTheTableAndInJSON() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            try Self.smallScenario("base 600k if infeasible scale\nkey inhabitants 100%").write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let expected = "scenario 's', measure 'm', 2026: the fixed bases need EUR 1,200,000 but only EUR 1,000,000 is available; every base was scaled down pro rata (policy 'scale')"
            let table = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(table.status == 0)
            // 1,000,000 over 30,000 inhabitants: 33.33 each.
            #expect(table.output.contains("GM0001  A         500,000    500,000  1,000,000           33.33\n"))
            #expect(table.output.contains("\nwarning: \(expected)\n"))
            #expect(table.output.contains("warning: scenario 's', measure 'm', 2027: "))
            let json = try verdeel(["run", "s.verdeel", "--format", "json"], in: directory)
            let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
            let warnings = try #require(document?["warnings"] as? [String])
            #expect(warnings.count == 2 && warnings[0] == expected)
            #expect(json.errors.contains("warning: \(expected)"))
        }
    }

    /// Key 100% inhabitants (A 3/4, B 1/4) against 50% inhabitants + 50% area (A 3/8 + 1/8
    /// = 1/2): A loses 250,000 a year, 500,000 in all, -33.3% of its 1.5M, 500,000 / 2 years /
    /// 30,000 = 8.33 per inhabitant per year; B gains 500,000, +100.0% of its 500,000, 25.00
    /// per inhabitant per year. Measure `same` is equal in both: said once.
    @Test func compareSaysUnchangedOnceAndShowsTwoDecimalsPerInhabitant() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            let child = "scenario t extends s {\n    measure m {\n        key inhabitants 50%, land_area_km2 50%\n    }\n}\n"
            let text = Self.smallScenario("key inhabitants 100%", extra: child)
                .replacingOccurrences(of: "    measure m \"Small measure\" {", with: "    measure same \"Same measure\" {\n        budget 2026: 1k\n        key inhabitants 100%\n    }\n    measure m \"Small measure\" {")
            try text.write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["compare", "s.verdeel", "s", "t"], in: directory)
            #expect(result.status == 0, "\(result.errors)")
            let parts = result.output.components(separatedBy: "\nFairness from scenario s to t")
            #expect(parts.count == 2)
            // Fairness of m: per capita equal in s (Gini 0); in t A and B get 500,000 each, EUR
            // 16.67 and 50 per inhabitant: Gini 2 x 30,000 x 10,000 x 33.33 / (2 x 40,000^2 x 25) = 0.25.
            let fairness = parts.last?.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") } ?? []
            #expect(fairness.contains("m 2026-2027 gini 0.0000 0.2500 +0.2500"))
            // The compact block: Gini, Theil, Hoover (no reference: no Loosemore-Hanby).
            #expect(fairness.filter { $0.hasPrefix("m 2026-2027 ") }.map { $0.split(separator: " ")[2] } == ["gini", "theil", "hoover"])
            #expect(fairness.contains { $0.hasPrefix("Unchanged: same 2026") })
            #expect(parts.first == """
                Changes from scenario s to t (EUR; + means t gives more; per inhabitant per year: the total / the years / inhabitants)

                Small measure
                code    region  2026-2027 each     total        %  per inhabitant per year
                GM0001  A             -250,000  -500,000   -33.3%                    -8.33
                GM0002  B             +250,000  +500,000  +100.0%                   +25.00
                winners: B
                losers: A

                unchanged: Same measure

                """)
        }
    }

    /// A region only in the second scenario's table gains everything it gets there.
    @Test func compareShowsRegionsThatOnlyOneScenarioHas() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            try (TwoRegions.municipalities + "GM0003,C,10000,0\n").write(toFile: directory + "/three.csv", atomically: true, encoding: .utf8)
            let child = "scenario t extends s {\n    data {\n        regions \"three.csv\" {\n            inhabitants: count\n            land_area_km2: nonnegative\n        }\n    }\n}\n"
            try Self.smallScenario("key inhabitants 100%", extra: child).write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["compare", "s.verdeel", "s", "t"], in: directory)
            // s: A 750,000, B 250,000. t: A 600,000, B 200,000, C 200,000 a year.
            // C: +200,000 each year, nothing before (no percent), 400,000 / 2 / 10,000 = 20 a year.
            let lines = result.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains("GM0003 C +200,000 +400,000 - +20.00"), "\(result.output)")
            #expect(result.output.contains("winners: C (only in t)\nlosers: A, B\n"))
        }
    }

    /// The help says what `run` does without --scenario, and it does that: the bundled
    /// file runs its baseline only, a named file every scenario.
    @Test func scenarioHelpAgreesWithWhatRunDoes() throws {
        let help = try verdeel(["run", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("A scenario to run (repeat for several). Without it, every scenario of FILE; without FILE, the bundled file's baseline."))
        let bundled = try verdeel(["run", "--format", "csv"])
        #expect(Set(bundled.output.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }) == ["baseline"])
        let named = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--format", "csv"])
        #expect(Set(named.output.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }).count == 7)
    }

    @Test func aScenarioNamedTwiceRunsOnce() throws {
        let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--scenario", "baseline", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").count == 1 + 13 * 35)
    }

    @Test func oneThreadIsOneThread() throws {
        let result = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--threads", "1"])
        #expect(result.status == 0)
        #expect(result.output.contains(" cells/s, 1 thread; memory estimate "))
        #expect(result.errors.hasPrefix("running scenario w2: 5151 variants x 1 draws on 1 thread (Ctrl-C"))
    }
}

/// Earmarks in every allocation output. Budget 1,000,001 by inhabitants (3/4, 1/4): A gets
/// 750,000.75 -> 750,001 (the largest remainder), B 250,000; 10% earmarked, rounded up:
/// A 75,000.1 -> 75,001, B 25,000.
extension CommandTests {
    @Test func earmarksAreReportedInTableCSVAndJSON() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            try Self.smallScenario("key inhabitants 100%\nearmark youth >= 10%").replacingOccurrences(of: "budget 2026..2027: 1M", with: "budget 2026: 1_000_001")
                .write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let table = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(table.output.contains("Earmark 'youth': at least 10% of each amount (EUR; met by construction)\n"))
            #expect(table.output.contains("GM0001  A       75,001  75,001\n"))
            let csv = try verdeel(["run", "s.verdeel", "--output", "out"], in: directory)
            #expect(csv.status == 0)
            let earmarks = try String(contentsOfFile: directory + "/out/earmarks.csv", encoding: .utf8)
            #expect(earmarks == "scenario,measure,year,purpose,region,region_name,required,amount,met\ns,m,2026,youth,GM0001,A,75001,750001,true\ns,m,2026,youth,GM0002,B,25000,250000,true\n")
            let json = try verdeel(["run", "s.verdeel", "--format", "json"], in: directory)
            let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
            let rows = try #require(document?["earmarks"] as? [[String: Any]])
            #expect(rows.count == 2)
            #expect(rows.first?["required"] as? Int == 75_001 && rows.first?["met"] as? Bool == true)
        }
    }
}
