import Foundation
import Testing
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport
import ZIPFoundation

/// A statistic over the draws reaches every format through the typed tables alone: the
/// largest loss per inhabitant, which the session registers when the fairness block names
/// losses, is in the CSV, the Dutch CSV, the JSON document, the workbook and the report.
struct NewStatisticTests {
    static let scenario = TwoRegions.byInhabitants("s", blocks: """
        fairness {
            losses 0.25
        }
        variants {
            budget m 2026 in 1M, 2M
        }
        montecarlo {
            draws 20
            seed 3
            perturb inhabitants normal sd 5%
        }
        """)

    @Test func theLargestLossIsInEveryFormat() throws {
        let scenario = InMemoryScenario(Self.scenario, data: "code,name,inhabitants\nGM0001,Eerste,30000\nGM0002,Tweede,10000\n", folder: "new-statistic")
        let plan = try #require(scenario.compilation.plans.first, "\(messages(scenario.compilation))")
        let session = ScenarioSession(read: scenario.read)
        let run = try #require(try session.allocate([plan]).first)
        let chosen = try session.drawStatistics(run, fairness: true)
        #expect(chosen.statistics.map(\.table.name) == ["fairness_summary", "losses", "largest_loss"])
        let result = try session.simulate(run, statistics: chosen.statistics, control: RunControl(threads: 2))
        let tables = RunTables.simulation(result)
        let largest = try #require(tables.first { $0.name == "largest_loss" })
        let header = "variant,measure,year,largest_loss_mean,largest_loss_p50,largest_loss_p95,worst_region,worst_region_name,p_worst_region,loss_per_inhabitant,"
            + "regions_losing_mean,regions_losing_p50,regions_losing_p95,regions_losing_max,p_any_region_losing\n"
        let csv = try CSVRenderer.text(largest)
        #expect(csv.hasPrefix(header))
        // One row per variant and threshold; at 2M every region gains, so none loses.
        #expect(csv.split(separator: "\n").count == 3)
        #expect(csv.split(separator: "\n")[2].hasSuffix(",0.25,0,0,0,0,0"))
        #expect(try CSVRenderer.text(largest, style: .dutch).hasPrefix("\u{FEFF}" + header.replacingOccurrences(of: ",", with: ";")))

        let provenance = Provenance([run], scenarioFiles: [])
        let json = try JSONRenderer.document(tables, provenance: provenance, seed: 3, warnings: [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require((document["tables"] as? [String: Any])?["largest_loss"] as? [[String: Any]])
        #expect(rows.count == 2 && rows[1]["worst_region"] as? String != nil && rows[1]["regions_losing_max"] as? Double == 0)

        let workbook = try WorkbookRenderer.workbook(tables, provenance: provenance, seed: 3, warnings: [], language: .nl)
        let archive = try Archive(data: workbook, accessMode: .read)
        var names = Data()
        if let entry = archive["xl/workbook.xml"] { _ = try archive.extract(entry) { names.append($0) } }
        #expect(String(decoding: names, as: UTF8.self).contains(#"name="Grootste verlies""#))

        let input = try ReportInput(tables: RunTables.allocation([run], fairness: []) + tables, provenance: provenance.document(seed: 3), scenario: "s", baseline: nil, variant: 1)
        let html = try HTMLReport(input).render()
        #expect(html.contains(#"<section id="statistics">"#) && html.contains("<caption>Grootste verlies</caption>") && html.contains("meest getroffen gemeente"))
    }
}
