import Crypto
import Foundation
import Testing
import VerdeelLanguage
import VerdeelServer
import VerdeelSession
import VerdeelSimulation
import VerdeelTestSupport
@testable import VerdeelWorkbench

/// The workbench's API answered without a socket, over the two-region scenarios worked out
/// by hand (``TwoRegions/peopleAndMixed`` over ``TwoRegions/handWorked``: `people` gives
/// EUR 1M by inhabitants, R1 250,000 and R2 750,000; half by land area, R1 500,000).
struct WorkbenchHandlerTests {
    static let handlers: WorkbenchHandlers = {
        let scenario = InMemoryScenario(TwoRegions.peopleAndMixed, folder: "workbench")
        let runs = (try? scenario.runs()) ?? []
        let file = Workbench.File(path: scenario.path, runs: runs, files: scenario.compilation.files, session: ScenarioSession(read: scenario.read))
        return WorkbenchHandlers(Workbench([file], changes: LanguageChanges()), page: Data("<!DOCTYPE html><title>page</title>".utf8))
    }()

    func post(_ path: String, _ body: String, query: [String: String] = [:]) -> WorkbenchHandlers.Answer {
        Self.handlers.answer(method: "POST", path: path, query: query, body: Data(body.utf8))
    }

    private func object(_ answer: WorkbenchHandlers.Answer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
    }

    /// A column of a table of an answer, added up per region (tables are columns and rows).
    private func amounts(_ answer: WorkbenchHandlers.Answer, table: String = "allocations", column: String = "amount") throws -> [String: Double] {
        let tables = try #require(try object(answer)["tables"] as? [String: [String: Any]])
        let columns = try #require(tables[table]?["columns"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let rows = try #require(tables[table]?["rows"] as? [[Any]])
        let region = try #require(columns.firstIndex(of: "region")), value = try #require(columns.firstIndex(of: column))
        return Dictionary(rows.compactMap { row in (row[region] as? String).flatMap { code in (row[value] as? Double).map { (code, $0) } } }) { $0 + $1 }
    }

    @Test func thePageAndTheScenariosAreServed() throws {
        let page = Self.handlers.answer(method: "GET", path: "/", query: [:], body: Data())
        #expect(page.status == 200 && page.contentType == "text/html; charset=utf-8" && page.headers["Content-Security-Policy"]?.contains("default-src 'self'") == true)
        let list = Self.handlers.answer(method: "GET", path: "/api/scenarios", query: [:], body: Data())
        #expect(list.status == 200)
        let scenarios = try #require(try object(list)["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["people", "mixed"])
        let measure = try #require((scenarios[1]["measures"] as? [[String: Any]])?.first)
        let weights = try #require(measure["weights"] as? [[String: Any]])
        #expect(weights.map { $0["name"] as? String } == ["m.weight.inhabitants", "m.weight.land_area_km2"])
        #expect(weights.map { $0["value"] as? Double } == [50, 50])
        #expect(weights.first?["english"] as? String == "weight of inhabitants in m (%)")
        #expect((try object(list)["engine_version"] as? String)?.isEmpty == false)
    }

    /// `mixed` with land area at 100%: R1 has 30 of 40 km2, 750,000; against `mixed` itself
    /// (R1 500,000) a change of +250,000, 250,000 / 1 year / 1,000 inhabitants = 250 per inhabitant.
    @Test func aChangedWeightIsAllocatedExactlyAndComparedWithTheScenario() throws {
        let answer = post("/api/allocate", #"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=100%"]}"#)
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        #expect(try amounts(answer) == ["R1": 750_000, "R2": 250_000])
        #expect(try amounts(answer, table: "compare", column: "change") == ["R1": 250_000, "R2": -250_000])
        // R2: -250,000 / 3,000 = -83.333333 (six decimals, as the table writes it).
        #expect(try amounts(answer, table: "compare", column: "change_per_inhabitant") == ["R1": 250, "R2": -83.333333])
        let document = try object(answer)
        let provenance = try #require(document["provenance"] as? [String: Any])
        let sha256 = SHA256.hash(data: Array(TwoRegions.peopleAndMixed.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect((provenance["scenario_files"] as? [[String: Any]])?.first?["sha256"] as? String == sha256 && document["scenario_sha256"] as? String == sha256)
        #expect(document["changes"] as? [String] == ["m.weight.land_area_km2=100%"] && document["scenario"] as? String == "mixed (set m.weight.land_area_km2=100%)")
        // The names for people of the codes, in both languages where they differ.
        let names = try #require(document["names"] as? [String: [String: Any]])
        #expect((names["metrics"]?["cv"] as? [String: String])?["nl"] == "variatiecoëfficiënt")
        #expect(names["measures"]?["m"] as? String == "m" && (names["measures"]?["all"] as? [String: String])?["en"] == "all measures")
        #expect(names["scenarios"]?["mixed"] as? String == "mixed")
    }

    /// Against another scenario: `people` compared with `mixed` (R1 250,000 against 500,000).
    @Test func aBaselineCanBeAnotherScenario() throws {
        let answer = post("/api/allocate", #"{"scenario": "people", "baseline": "mixed"}"#)
        #expect(try amounts(answer, table: "compare", column: "change") == ["R1": -250_000, "R2": 250_000])
    }

    @Test func badRequestsGetAFourHundredNamingTheField() throws {
        let cases: [(body: String, status: Int, field: String, words: String)] = [
            ("{", 400, "body", "not JSON"),
            (#"{"changes": []}"#, 400, "scenario", "missing"),
            (#"{"scenario": 3}"#, 400, "scenario", "text"),
            (#"{"scenario": "mixd"}"#, 404, "scenario", "did you mean 'mixed'"),
            (#"{"scenario": "mixed", "baseline": "nobody"}"#, 404, "baseline", "no scenario 'nobody'"),
            (#"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=60%", "m.wieght.inhabitants=40%"]}"#, 422, "changes[1]", "weight"),
            (#"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=140%"]}"#, 422, "changes[0]", "100%"),
            (#"{"scenario": "mixed", "changes": ["m.budget.2026=-5"]}"#, 422, "changes[0]", "negative"),
            (#"{"scenario": "mixed", "changes": [1]}"#, 400, "changes[0]", "text"),
            (#"{"scenario": "mixed", "measure": null}"#, 400, "measure", "null"),
        ]
        for (body, status, field, words) in cases {
            let answer = post("/api/allocate", body)
            let error = try #require(try object(answer)["error"] as? [String: Any])
            #expect(answer.status == status, "\(body): \(answer.status)")
            #expect(error["field"] as? String == field, "\(body): \(error)")
            #expect((error["message"] as? String)?.contains(words) == true, "\(body): \(error)")
        }
        let huge = post("/api/allocate", String(repeating: " ", count: WorkbenchHandlers.bodyLimit + 1))
        #expect(huge.status == 413)
        let many = post("/api/allocate", #"{"scenario": "mixed", "changes": ["# + (0..<(Workbench.maximumChanges + 1)).map { _ in #""m.base=1""# }.joined(separator: ",") + "]}")
        #expect(many.status == 400)
        #expect(Self.handlers.answer(method: "GET", path: "/etc/passwd", query: [:], body: Data()).status == 404)
        let wrongMethod = Self.handlers.answer(method: "DELETE", path: "/api/allocate", query: [:], body: Data())
        #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "POST")
        #expect(Self.handlers.answer(method: "TRACE", path: "/api/scenarios", query: [:], body: Data()).headers["Allow"] == "GET")
    }

    /// Regions that are not municipalities of 2024 (R1, R2) get no map, and no outlines.
    @Test func regionsNotOnTheMapGetNoMap() throws {
        let answer = post("/api/allocate", #"{"scenario": "mixed", "tables": []}"#)
        #expect((try object(answer)["map"] as? [String: Any])?.isEmpty == true)
        let map = try object(Self.handlers.answer(method: "GET", path: "/api/map", query: [:], body: Data()))
        #expect((map["regions"] as? [String: Any])?.isEmpty == true && map["credit"] as? String == "Kadaster / CBS")
    }

    /// A client asks for the tables it draws; a table that does not exist is refused by name.
    @Test func anAnswerHoldsTheTablesAskedFor() throws {
        let answer = post("/api/allocate", #"{"scenario": "mixed", "tables": ["compare", "allocations"]}"#)
        let tables = try #require(try object(answer)["tables"] as? [String: Any])
        #expect(Set(tables.keys) == ["allocations", "compare"])
        // One measure's rows: m is the only one, so all of them; another is refused by name.
        #expect(try amounts(post("/api/allocate", #"{"scenario": "mixed", "measure": "m"}"#)) == ["R1": 500_000, "R2": 500_000])
        #expect(post("/api/allocate", #"{"scenario": "mixed", "measure": "n"}"#).status == 404)
        let refused = post("/api/allocate", #"{"scenario": "mixed", "tables": ["compare", "secrets"]}"#)
        let error = try #require(try object(refused)["error"] as? [String: Any])
        #expect(refused.status == 400 && error["field"] as? String == "tables[1]")
    }

    @Test func downloadsAreTheTablesAsFiles() throws {
        let body = #"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=100%"]}"#
        let csv = post("/api/download", body, query: ["format": "csv"])
        #expect(csv.status == 200 && csv.headers["Content-Disposition"] == "attachment; filename=\"allocations.csv\"")
        // Every answer names the engine; a download names its scenario file's SHA-256 too.
        let sha256 = SHA256.hash(data: Array(TwoRegions.peopleAndMixed.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(csv.headers["Verdeel-Scenario-SHA256"] == sha256 && csv.headers["Verdeel-Engine-Version"]?.isEmpty == false)
        #expect(String(decoding: csv.body, as: UTF8.self).contains("\nmixed (set m.weight.land_area_km2=100%),m,,2026,R1,One,750000,"))
        let dutch = post("/api/download", body, query: ["format": "csv-nl", "table": "compare"])
        #expect(String(decoding: dutch.body, as: UTF8.self).hasPrefix("\u{FEFF}from;to;measure;measure_name;"))
        let workbook = post("/api/download", body, query: ["format": "xlsx"])
        #expect(workbook.status == 200 && workbook.body.starts(with: [0x50, 0x4B]))
        #expect(post("/api/download", body, query: ["format": "pdf"]).status == 400)
        #expect(post("/api/download", body, query: ["format": "csv", "table": "nothing"]).status == 404)
    }
}

/// "Save as scenario": the changes as a scenario file that extends the scenario, which the
/// language allocates to exactly what the workbench showed.
struct SaveAsScenarioTests {
    @Test func theSavedScenarioAllocatesWhatTheWorkbenchShowed() throws {
        let scenario = InMemoryScenario(TwoRegions.peopleAndMixed, folder: "workbench")
        let answer = WorkbenchHandlerTests.handlers.answer(
            method: "POST", path: "/api/download", query: ["format": "verdeel", "lang": "en"],
            body: Data(#"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=100%"]}"#.utf8))
        #expect(answer.status == 200 && answer.headers["Content-Disposition"] == "attachment; filename=\"mixed_workbench.verdeel\"")
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(text == """
            # Scenario 'mixed' with the changes made in the verdeel workbench.
            # Save this file next to s.verdeel; 'verdeel run mixed_workbench.verdeel' allocates it.
            include "s.verdeel"

            scenario mixed_workbench extends mixed {
                title "mixed, changed in the workbench"
                set m.weight.land_area_km2 = 100%
            }

            """)
        // Saved next to s.verdeel: land area at 100% gives R1 30 of 40 km2 of EUR 1M.
        let saved = (scenario.path as NSString).deletingLastPathComponent + "/mixed_workbench.verdeel"
        let inFolder = scenario.read
        let read: @Sendable (String) -> [UInt8]? = { $0 == saved ? Array(text.utf8) : inFolder($0) }
        let compilation = ScenarioLoader.compile(path: saved, read: read)
        let plan = try #require(compilation.plans.first { $0.name == "mixed_workbench" }, "\(compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan, read: read)
        let amounts = run.allocations.first?.years.first.map { year in ["R1", "R2"].map { year.amount(for: $0)?.cents } }
        #expect(amounts == [75_000_000, 25_000_000])
    }

    @Test func aBadChangeIsNotSaved() throws {
        let answer = WorkbenchHandlerTests.handlers.answer(
            method: "POST", path: "/api/download", query: ["format": "verdeel"], body: Data(#"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=120%"]}"#.utf8))
        let error = try #require((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["error"] as? [String: Any])
        #expect(answer.status == 422 && error["field"] as? String == "changes[0]", "\(error)")
    }
}

/// A municipality's page: amounts, criteria against the other regions and the Shapley
/// explanation, for `mixed` with land area at 100% (R1: 500,000 -> 750,000, by hand above).
struct MunicipalityPageTests {
    private func rows(_ document: [String: Any], _ table: String) throws -> [[String: Any]] {
        let tables = try #require(document["tables"] as? [String: [String: Any]])
        let columns = try #require(tables[table]?["columns"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let rows = try #require(tables[table]?["rows"] as? [[Any]])
        return rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }

    @Test func theMunicipalityPageExplainsItsChange() throws {
        let answer = WorkbenchHandlerTests.handlers.answer(
            method: "POST", path: "/api/municipality", query: [:],
            body: Data(#"{"scenario": "mixed", "changes": ["m.weight.land_area_km2=100%"], "region": "r1"}"#.utf8))
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        let document = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        let region = try #require(document["region"] as? [String: Any])
        #expect(region["code"] as? String == "R1" && region["name"] as? String == "One" && region["inhabitants"] as? Double == 1000)
        let amounts = try rows(document, "compare")
        #expect(amounts.count == 1 && amounts[0]["amount_from"] as? Double == 500_000 && amounts[0]["amount_to"] as? Double == 750_000 && amounts[0]["change"] as? Double == 250_000)
        // inhabitants: R1 1,000 of 4,000 (R2 3,000), second, median 2,000; land area: 30 of 40 km2, first, median 20.
        let criteria = try rows(document, "criteria")
        #expect(criteria.map { $0["criterion"] as? String } == ["inhabitants", "land_area_km2"])
        #expect(criteria.map { $0["weight"] as? Double } == [0, 1] && criteria.map { $0["value"] as? Double } == [1000, 30])
        #expect(criteria.map { $0["share"] as? Double } == [0.25, 0.75] && criteria.map { $0["rank"] as? Double } == [2, 1])
        #expect(criteria.map { $0["median"] as? Double } == [2000, 20] && criteria.map { $0["regions"] as? Double } == [2, 2])
        // One provision differs, the key: it is the whole change; rounding adds nothing.
        let explained = try rows(document, "explain").filter { $0["measure"] as? String == "m" }
        #expect(explained.map { $0["provision"] as? String } == ["m key", "rounding"])
        #expect(explained.map { $0["contribution"] as? Double } == [250_000, 0])
        let provisions = try #require((document["names"] as? [String: Any])?["provisions"] as? [String: [String: String]])
        #expect(provisions["m key"]?["nl"] == "verdeelsleutel van m" && provisions["rounding"]?["en"] == "rounding to whole euros")
    }

    @Test func anUnknownOrMissingRegionIsRefused() throws {
        for (body, status) in [(#"{"scenario": "mixed", "region": "R3"}"#, 404), (#"{"scenario": "mixed"}"#, 400), (#"{"scenario": "mixed", "region": 3}"#, 400)] {
            let answer = WorkbenchHandlerTests.handlers.answer(method: "POST", path: "/api/municipality", query: [:], body: Data(body.utf8))
            let error = try #require((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["error"] as? [String: Any])
            #expect(answer.status == status && error["field"] as? String == "region", "\(body): \(error)")
        }
    }
}

/// "How sure?": the scenario's Monte Carlo block around the changed setting. Land area is
/// perturbed; with the key all inhabitants, no draw moves an amount: R1 250,000 and R2
/// 750,000 in every draw (by hand), so P5 = P50 = P95 and no loss.
struct HowSureTests {
    /// ``TwoRegions/peopleAndMixed`` and `sure`: `mixed` with a fairness block and a Monte
    /// Carlo block that perturbs land area.
    static let text = TwoRegions.peopleAndMixed + """

        scenario sure extends mixed {
            fairness {
                population inhabitants
                losses 10
            }
            montecarlo {
                draws 200
                seed 7
                perturb land_area_km2 normal sd 10%
            }
        }
        """

    static func makeHandlers() -> WorkbenchHandlers {
        let scenario = InMemoryScenario(text, folder: "how-sure")
        let runs = (try? scenario.runs()) ?? []
        let file = Workbench.File(path: scenario.path, runs: runs, files: scenario.compilation.files, session: ScenarioSession(read: scenario.read))
        return WorkbenchHandlers(Workbench([file], changes: LanguageChanges()), page: Data())
    }

    static let handlers = makeHandlers()

    private func result(_ body: String, threads: Int = 2) throws -> [String: Any] {
        guard case .started(let run) = Self.handlers.startHowSure(Data(body.utf8)) else { throw Refused() }
        let events = Self.handlers.finishHowSure(run, control: RunControl(threads: threads))
        #expect(events.hasPrefix("event: result\ndata: "))
        return try #require(try JSONSerialization.jsonObject(with: Data(events.dropFirst("event: result\ndata: ".count).utf8)) as? [String: Any])
    }

    private struct Refused: Error {}

    private func rows(_ document: [String: Any], _ table: String) throws -> [[String: Any]] {
        let tables = try #require(document["tables"] as? [String: [String: Any]])
        let columns = try #require(tables[table]?["columns"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        return try #require(tables[table]?["rows"] as? [[Any]]).map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }

    @Test func drawsThatMoveNothingGiveOneAmount() throws {
        let document = try result(#"{"scenario": "sure", "changes": ["m.weight.inhabitants=100%"]}"#)
        #expect(document["draws"] as? Int == 200 && document["seed"] as? Int == 7 && document["losses"] as? [Double] == [10])
        let summary = try rows(document, "summary")
        #expect(summary.map { $0["region"] as? String } == ["R1", "R2"])
        for (row, amount) in zip(summary, [250_000.0, 750_000]) {
            #expect(row["p05"] as? Double == amount && row["p50"] as? Double == amount && row["p95"] as? Double == amount && row["p_below_baseline"] as? Double == 0)
        }
        let losses = try rows(document, "losses")
        #expect(losses.count == 2 && losses.allSatisfy { $0["p_loss"] as? Double == 0 && $0["loss_per_inhabitant"] as? Double == 10 })
    }

    /// Half by land area, perturbed: the amounts spread, the same for one thread and two.
    @Test func aSpreadIsTheSameForAnyThreadCount() throws {
        let one = try result(#"{"scenario": "sure"}"#, threads: 1), two = try result(#"{"scenario": "sure"}"#, threads: 2)
        let summary = try rows(two, "summary")
        #expect(try rows(one, "summary").map { $0["p05"] as? Double } == summary.map { $0["p05"] as? Double })
        // R1 has 3/4 of the land: its share of the land half falls as its land is drawn lower.
        let first = try #require(summary.first)
        let p05 = try #require(first["p05"] as? Double), p95 = try #require(first["p95"] as? Double)
        #expect(p05 < 500_000 && 500_000 < p95)
    }

    @Test func refusalsComeBeforeTheRun() throws {
        for (body, status, field) in [
            (#"{"scenario": "people"}"#, 422, "scenario"), (#"{"scenario": "sure", "changes": ["m.weight.x=5%"]}"#, 422, "changes[0]"),
            (#"{"scenario": "sure", "measure": "n"}"#, 404, "measure"), (#"{"scenario": 1}"#, 400, "scenario"),
        ] {
            guard case .refused(let answer) = Self.handlers.startHowSure(Data(body.utf8)) else {
                Issue.record("\(body) was started")
                continue
            }
            let error = try #require((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["error"] as? [String: Any])
            #expect(answer.status == status && error["field"] as? String == field, "\(body): \(error)")
        }
    }

    /// Two runs at once are taken, a third is refused (429) until one ends; a cancelled run
    /// ends with its refusal (409) and frees its place.
    @Test func runsAreCountedAndCancelled() throws {
        let handlers = Self.makeHandlers()
        let body = Data(#"{"scenario": "sure"}"#.utf8)
        guard case .started(let first) = handlers.startHowSure(body), case .started(let second) = handlers.startHowSure(body) else {
            Issue.record("two runs were not started")
            return
        }
        guard case .refused(let busy) = handlers.startHowSure(body) else {
            Issue.record("a third run was started")
            return
        }
        #expect(busy.status == 429)
        let control = RunControl(threads: 2)
        control.cancel()
        #expect(handlers.finishHowSure(first, control: control).contains(#""status" : 409"#))
        #expect(handlers.finishHowSure(second, control: RunControl()).hasPrefix("event: result"))
        #expect(handlers.runsGoing == 0)
    }
}
