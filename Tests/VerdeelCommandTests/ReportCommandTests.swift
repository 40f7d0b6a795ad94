import Foundation
import Testing

/// `verdeel report` from the command line: a scenario file and an output folder give the
/// same allocation; bad input is refused with a message and leaves no file.
extension CommandTests {
    @Test func reportOfAScenarioAndOfItsOutputFolderShowTheSameAmounts() throws {
        try withTemporaryDirectory { directory in
            let fromScenario = try verdeel(["report", "Scenarios/sociale-agenda.verdeel", "--output", directory + "/a.html"])
            #expect(fromScenario.status == 0)
            #expect(try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", directory + "/out"]).status == 0)
            let fromFolder = try verdeel(["report", directory + "/out", "--output", directory + "/b.html"])
            #expect(fromFolder.status == 0)
            let a = try String(contentsOfFile: directory + "/a.html", encoding: .utf8), b = try String(contentsOfFile: directory + "/b.html", encoding: .utf8)
            // Groningen, ontmoetingsplekken 2026: EUR 2,073,424 (allocations.csv of the baseline).
            let cell = #"<td class="num" data-value="2073424" data-amount="1">€ 2.073.424</td>"#
            #expect(a.contains(cell) && b.contains(cell))
            #expect(a.contains("Ontmoetingsplekken (bedragen in euro)"))
        }
    }

    @Test func reportRefusesBadInputAndWritesNothing() throws {
        try withTemporaryDirectory { directory in
            let missing = try verdeel(["report", directory + "/none.verdeel", "--output", directory + "/r.html"])
            #expect(missing.status == 1)
            #expect(missing.errors.contains("none.verdeel does not exist"))
            let notAFolder = try verdeel(["report", directory, "--output", directory + "/r.html"])
            #expect(notAFolder.status == 1)
            #expect(notAFolder.errors.contains("is not an output folder of verdeel"))
            let intoAFolder = try verdeel(["report", "Scenarios/sociale-agenda.verdeel", "--output", directory])
            #expect(intoAFolder.status == 1)
            #expect(intoAFolder.errors.contains("is a folder; name the file to write"))
            let noParent = try verdeel(["report", "Scenarios/sociale-agenda.verdeel", "--output", directory + "/no/r.html"])
            #expect(noParent.status == 1)
            #expect(noParent.errors.contains("does not exist; create it first"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/r.html"))
        }
    }
}
