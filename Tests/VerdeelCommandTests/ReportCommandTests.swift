import Foundation
import Testing
import VerdeelTestSupport

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

extension CommandTests {
    /// A variant run's terminal table shows the mean per inhabitant: with no perturbation
    /// every draw gives A 750,000 of 1M (30,000 of 40,000 inhabitants), 25.00 per inhabitant.
    @Test func simulationTableShowsTheMeanPerInhabitant() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            let scenario = TwoRegions.byInhabitants("s", blocks: "variants {\n    budget m 2026 in 1M, 2M\n}")
            try scenario.write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(result.status == 0)
            #expect(result.output.contains("mean/inh"))
            #expect(result.output.split(separator: "\n").contains { $0.split(separator: " ").map(String.init) == ["m", "2026", "GM0001", "750000", "0", "750000", "750000", "750000", "25.00", "0.000"] })
        }
    }
}
