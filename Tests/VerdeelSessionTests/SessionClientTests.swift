import Foundation
import Numerics
import Testing
import VerdeelData
import VerdeelDesign
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTestSupport

/// What the commands do, done by a Swift client through the library alone.
struct SessionClientTests {
    /// R1 (1,000 inhabitants, 30 km2) and R2 (3,000, 10 km2); EUR 1M by inhabitants, then
    /// half by land area: R1 250,000 -> 125,000 + 375,000 = 500,000, R2 750,000 -> 500,000.
    static var twoScenarios: InMemoryScenario { InMemoryScenario(TwoRegions.peopleAndMixed, folder: "session-client") }

    @Test func comparesTwoScenariosAndExplainsTheChange() throws {
        let scenario = Self.twoScenarios
        let session = ScenarioSession(read: scenario.read)
        let plans = try ScenarioSession.select(["people", "mixed"], from: scenario.compilation.plans, file: "test.verdeel")
        let runs = try session.allocate(plans)
        let result = try session.comparison(runs, files: [], explain: true)
        let changes = result.comparison.rows.map { ($0.region, $0.change, $0.changePercent, $0.changePerInhabitant) }
        #expect(changes.map(\.0) == ["R1", "R2"])
        #expect(changes.map(\.1) == [250_000, -250_000])
        // +250,000 on 250,000 is +100%; -250,000 on 750,000 is -33.3%, -83.33 per inhabitant.
        #expect(changes[0].2 == 100 && changes[0].3 == 250)
        #expect(changes[1].2.map { $0.isApproximatelyEqual(to: -100.0 / 3, relativeTolerance: 1e-12) } == true)
        #expect(changes[1].3.map { $0.isApproximatelyEqual(to: -250_000.0 / 3_000, relativeTolerance: 1e-12) } == true)
        // Only the key differs: it carries the whole change (the amounts are whole euros, so
        // rounding adds nothing).
        #expect(result.tables.map(\.name) == ["compare", "compare_fairness", "explain"])
        // Per inhabitant: people gives both 250 (Gini 0); mixed gives R1 500 and R2 166.67,
        // population shares 1/4 and 3/4, mean 250: Gini 2 x 1/4 x 3/4 x 333.33 / (2 x 250) = 0.25.
        let gini = try #require(result.fairnessChanges.first { $0.measure == "m" && $0.metric == "gini" })
        #expect(gini.valueFrom == 0 && gini.valueTo.map { $0.isApproximatelyEqual(to: 0.25, relativeTolerance: 1e-12) } == true)
        #expect(gini.change.map { $0.isApproximatelyEqual(to: 0.25, relativeTolerance: 1e-12) } == true)
        let explained = try #require(result.attribution).table().rows.filter { $0[0] == .text("m") }
        #expect(explained.map { [$0[2], $0[3], $0[5]].map(\.csvText) } == [["R1", "One", "250000.0"], ["R1", "One", "0.0"], ["R2", "Two", "-250000.0"], ["R2", "Two", "0.0"]])
        #expect(explained.map { $0[4].csvText }.filter { $0 != "rounding" }.count == 2)
        #expect(try result.files(format: .csv, language: .nl).map(\.name) == ["compare.csv", "compare_fairness.csv", "explain.csv", "schema.json", "dictionary.md", "provenance.json"])
        #expect(try result.files(format: .json, language: .nl).map(\.name) == ["compare.json", "explain.csv", "schema.json", "dictionary.md", "provenance.json"])
        #expect(try result.files(format: .xlsx, language: .en).map(\.name) == ["compare.xlsx", "provenance.json"])
        #expect(try result.text(format: .csv).hasPrefix("from,to,measure,year,region,region_name,amount_from,amount_to,change"))
        // compare.json's rows have the keys of compare.csv's columns.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try result.text(format: .json).utf8)) as? [String: Any])
        let row = try #require((json["changes"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == Set(result.comparison.table().columns.map(\.id)))
        #expect((json["provenance"] as? [String: Any])?["engine_version"] as? String == AllocationJSON.engineVersion)
        let fairnessRow = try #require((json["fairness"] as? [[String: Any]])?.first { $0["metric"] as? String == "gini" })
        #expect(Set(fairnessRow.keys) == Set(FairnessTables.changesTable([]).columns.map(\.id)))
    }

    /// A third scenario by land area alone: R1 30/40 of EUR 1M = 750,000 (+500,000 on
    /// people's 250,000: +200%, EUR 500 per inhabitant), R2 250,000 (-500,000: -66.7%,
    /// EUR -166.67). Per inhabitant 750 and 83.33, population shares 1/4 and 3/4, mean 250:
    /// Gini 2 x 1/4 x 3/4 x 666.67 / (2 x 250) = 0.5.
    @Test func comparesThreeScenariosEachAgainstTheFirst() throws {
        let text = TwoRegions.peopleAndMixed + "\nscenario area extends people {\n    measure m {\n        key land_area_km2 100%\n    }\n}\n"
        let scenario = InMemoryScenario(text, folder: "session-client-three")
        let session = ScenarioSession(read: scenario.read)
        let runs = try session.allocate(try ScenarioSession.select(["people", "mixed", "area"], from: scenario.compilation.plans, file: "test.verdeel"))
        let result = try session.comparison(runs, files: [], explain: false)
        let rows = result.comparison.rows
        #expect(rows.map { "\($0.from)>\($0.to):\($0.region)" } == ["people>mixed:R1", "people>mixed:R2", "people>area:R1", "people>area:R2"])
        #expect(rows.map(\.change) == [250_000, -250_000, 500_000, -500_000])
        #expect(rows[2].changePercent == 200 && rows[2].changePerInhabitant == 500)
        #expect(rows[3].changePerInhabitant.map { $0.isApproximatelyEqual(to: -500_000.0 / 3_000, relativeTolerance: 1e-12) } == true)
        let gini = result.fairnessChanges.filter { $0.measure == "m" && $0.metric == "gini" }
        #expect(gini.map(\.to) == ["mixed", "area"])
        #expect(gini[1].change.map { $0.isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12) } == true)
        #expect(result.tables[1].columns.prefix(2).map(\.id) == ["from", "to"])
        let terminal = ComparisonTable(runs).render()
        #expect(terminal.replacingOccurrences(of: "\n  ", with: " ").contains("A = people, B = mixed, C = area"))
        #expect(terminal.contains("C total") && terminal.contains("winners in C: One"))
        // R1's line: B +250,000 +100.0% +250.00, C +500,000 +200.0% +500.00.
        let r1 = try #require(terminal.split(separator: "\n").first { $0.hasPrefix("R1") }).split(separator: " ").map(String.init)
        #expect(r1 == ["R1", "One", "+250,000", "+100.0%", "+250.00", "+500,000", "+200.0%", "+500.00"])
        let fairness = FairnessComparisonTable(result.fairness).render()
        let giniLine = try #require(fairness.split(separator: "\n").first { $0.contains(" gini ") }).split(separator: " ").map(String.init)
        #expect(giniLine == ["m", "2026", "gini", "0.0000", "0.2500", "0.5000", "+0.2500", "+0.5000"])
        // A threshold of EUR 100: mixed's R2 loses 83.33 (below), area's 166.67 (beyond).
        #expect(LossCrossings(result.comparison, threshold: 100).render().replacingOccurrences(of: "83.33\n  (", with: "83.33 (") == """
            Losses beyond EUR 100.00 per inhabitant in one year of one measure, mixed against people: none; the largest is EUR 83.33 (Two, m 2026)
            Losses beyond EUR 100.00 per inhabitant in one year of one measure, area against people:
              Two (R2): m 2026, up to EUR 166.67 per inhabitant in a year

            """)
        #expect(throws: ComparisonError.explainsTwo(3)) { try session.comparison(runs, files: [], explain: true) }
        #expect(throws: ComparisonError.tooFew(1)) { try session.comparison([runs[0]], files: [], explain: false) }
    }

    /// Scores per region of vintage 2022 (100 and 100 households) and 2023 (100 and 200):
    /// EUR 600,000 by households is 300,000 each, then 200,000 and 400,000. R1 loses
    /// 100,000, EUR 100 per inhabitant: beyond the threshold of 15; R2 gains.
    @Test func anUpdateOfATablesFiguresMarksWhoLosesBeyondTheThreshold() throws {
        let text = TwoRegions.vintagedScores(losses: "15")
        let files = ["regions.csv": TwoRegions.handWorked, "scores.csv": "code,year,households\nR1,2022,100\nR2,2022,100\nR1,2023,100\nR2,2023,200\n"]
        let compilation = compile(text, files: files)
        let plan = try #require(compilation.plans.first, "\(messages(compilation))")
        let session = ScenarioSession(read: { read($0, files: files) })
        let sides = try session.allocate(try ScenarioSession.updateSides(plan, table: "scores", from: "2022", to: "2023"))
        let threshold = ScenarioSession.lossThreshold(plan, asked: nil)
        let result = try session.updateImpact(sides, table: "scores", from: "2022", to: "2023", lossThreshold: threshold, files: [])
        #expect(result.impact.rows.map { $0.change.change } == [-100_000, 100_000])
        #expect(result.impact.rows.map(\.losesBeyondThreshold) == [true, false])
        #expect(result.impact.table().rows.map { $0.last } == [.boolean(true), .boolean(false)])
        let unwrapped = { (text: String) in text.replacingOccurrences(of: "\n  ", with: " ") }
        #expect(unwrapped(result.impact.crossingSummary()).hasSuffix("the threshold's unit): m 2026 R1 One: -100000 euros (-100.00 per inhabitant in 2026)\n"))
        // Beyond every loss: none, and how large the largest is, in the threshold's unit.
        let lenient = try session.updateImpact(sides, table: "scores", from: "2022", to: "2023", lossThreshold: 150, files: [])
        #expect(unwrapped(lenient.impact.crossingSummary()).hasSuffix("(the threshold's unit): none; the largest is EUR 100.00 (One, m 2026)\n"))
        #expect(result.tables.map(\.name) == ["update_impact", "fairness"])
        #expect(try result.files(format: .json, language: .nl).map(\.name) == ["update_impact.json", "provenance.json"])
        #expect(try result.files(format: .html, language: .en).map(\.name) == ["update_impact.html", "provenance.json"])
    }

    @Test func anUnknownScenarioNameNamesTheNearest() {
        let plans = Self.twoScenarios.compilation.plans
        #expect(throws: ScenarioChoiceError.self) { try ScenarioSession.select(["mixd"], from: plans, file: "test.verdeel") }
        do { _ = try ScenarioSession.select(["mixd"], from: plans, file: "test.verdeel") } catch {
            #expect(error.description == "test.verdeel has no scenario 'mixd'. Did you mean 'mixed'? It has: people, mixed")
        }
        #expect((try? ScenarioSession.select(["mixed", "mixed"], from: plans, file: "f"))?.map(\.name) == ["mixed"])
    }

    /// A file is written whole or not at all: a folder in its place is refused, and a write
    /// told to stop leaves the old file.
    @Test func aFileIsReplacedWholeOrNotAtAll() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verdeel-rewrite-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.html").path
        try FileRewrite.create(file, with: "one", stop: { false })
        #expect(throws: FileRewriteError.stopped("\(file): nothing was written")) { try FileRewrite.create(file, with: "two", stop: { true }) }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "one")
        #expect(throws: FileRewriteError.self) { try FileRewrite.create(folder.path, with: "x", stop: { false }) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    /// Sixteen rows of one constant output (a Saltelli design of N = 4 for two factors):
    /// every index is 0, with a warning; a header naming an output twice and Morris without
    /// its design are refused.
    @Test func aSALibAnalysisChecksItsFiles() throws {
        let problem = try SensitivityProblemFile.two()
        let constant = try NumberTable(name: "y.txt", bytes: Array(String(repeating: "5\n", count: 16).utf8))
        let sobol = SALibAnalysis(method: .sobol, secondOrder: false, resamples: 10, confidenceLevel: 0.95, levels: 4, seed: 1, threads: 1)
        let analysed = try sobol.tables(problem: problem, outputs: constant, samples: nil)
        #expect(analysed.tables.map(\.name) == ["sobol"])
        #expect(analysed.warnings == ["output y1 has the same value in every row: its indices are 0"])
        let twice = try NumberTable(name: "y.csv", bytes: Array("a,a\n1,2\n".utf8))
        #expect(throws: SALibFileError("y.csv: the header names the output 'a' twice; give each output column its own name")) {
            try sobol.tables(problem: problem, outputs: twice, samples: nil)
        }
        let morris = SALibAnalysis(method: .morris, secondOrder: false, resamples: 10, confidenceLevel: 0.95, levels: 4, seed: 1, threads: 1)
        #expect(throws: SALibFileError.self) { try morris.tables(problem: problem, outputs: constant, samples: nil) }
    }
}

/// A problem of two factors on [0, 1].
enum SensitivityProblemFile {
    static func two() throws -> VerdeelDesign.SensitivityProblem {
        try ProblemFile.parse(name: "problem.txt", text: "x1 0 1\nx2 0 1\n")
    }
}
