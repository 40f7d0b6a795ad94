import Foundation
import Testing
import VerdeelSession
import VerdeelTestSupport

/// The bundled two-vintage example of `verdeel update-impact`: its data follow the rule
/// Scenarios/data/SOURCES.md states, and the documented command's two sides run.
struct BundledUpdateTests {
    func rows(_ file: String) throws -> [[String]] {
        let text = try String(contentsOfFile: "\(repositoryRoot)/Scenarios/data/\(file)", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 6).map(String.init) }
    }

    /// 2022: ses-woa-synthetic.csv's rows; 2023: the mean 0.050 lower in every other row.
    @Test func theSecondVintageFollowsItsStatedRule() throws {
        let bundled = try rows("ses-woa-synthetic.csv")
        let vintages = try rows("ses-woa-vintages-synthetic.csv")
        #expect(vintages.count == 2 * bundled.count)
        for (index, row) in bundled.enumerated() {
            let old = vintages[index], new = vintages[bundled.count + index]
            #expect(old[2] == "2022" && new[2] == "2023")
            #expect(Array(old[0...1]) + Array(old[3...]) == Array(row[0...1]) + Array(row[3...]))
            let lowered = try #require(Decimal(string: row[3])) - (index % 2 == 0 ? Decimal(5) / 100 : 0)
            #expect(Decimal(string: new[3]) == lowered)
            #expect(Array(new[4...]) == Array(row[4...]) && new[6].hasPrefix("\"SYNTHETIC"))
        }
    }

    @Test func theDocumentedUpdateRuns() throws {
        let compilation = compile(file: "Scenarios/sociale-agenda-update.verdeel")
        let plan = try #require(compilation.plans.first { $0.name == "update" }, "\(messages(compilation))")
        let session = ScenarioSession()
        let sides = try session.allocate(try ScenarioSession.updateSides(plan, table: "ses_woa", from: "2022", to: "2023"))
        let result = try session.updateImpact(sides, table: "ses_woa", from: "2022", to: "2023", lossThreshold: 7.5, files: [])
        // Lower scores raise need where they fall: a change in the need-keyed measure, none in
        // ontmoetingsplekken (inhabitants and area only); the total of a year is the budget.
        #expect(result.impact.rows.contains { $0.change.measure == "jongerenwerk" && $0.change.change != 0 })
        #expect(result.impact.rows.filter { $0.change.measure == "ontmoetingsplekken" }.allSatisfy { $0.change.change == 0 })
        let byYear = Dictionary(grouping: result.impact.rows.filter { $0.change.measure == "jongerenwerk" }) { $0.change.year }
        #expect(byYear.values.allSatisfy { $0.reduce(Decimal(0)) { $0 + $1.change.change } == 0 })
        #expect(!result.notes.isEmpty)
    }
}
