import Foundation
import Testing
@testable import verdeel
import VerdeelTestSupport

/// The `verdeel` command end to end: the built binary, its output and its exit code.
struct CommandTests {
    /// The binary next to the test bundle in the build directory.
    static let binary: String = {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("verdeel").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("verdeel").path
    }()

    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    func verdeel(_ arguments: [String], in directory: String = repositoryRoot) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    @Test func checkReportsTheStated2027SupportBudgetMismatch() throws {
        let result = try verdeel(["check", "Scenarios/source-document-figures.verdeel"])
        #expect(result.status == 1)
        // 5% x 4M + 5% x 9M = 650,000 by the rule; the document states 550,000.
        #expect(result.errors == """
            Scenarios/source-document-figures.verdeel:12:12: error: assertion failed: support budget 2027: the left side is EUR 650,000, the right side EUR 550,000 (expected ==); the difference is EUR 100,000
                    assert topslice(wijk, ondersteuning, 2027) + topslice(jongerenwerk, ondersteuning, 2027) == 550k "support budget 2027"
                           \(String(repeating: "^", count: 89))
            1 of 7 assertions failed in Scenarios/source-document-figures.verdeel

            """)
    }

    @Test func checkPassesOnTheBundledScenario() throws {
        let result = try verdeel(["check", "Scenarios/sociale-agenda.verdeel"])
        #expect(result.status == 0)
        #expect(result.output == "Scenarios/sociale-agenda.verdeel: 7 scenarios, 0 assertions hold\n")
    }

    @Test func runWithoutAFileWorksFromAnyDirectory() throws {
        let result = try verdeel(["run"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Scenario baseline\n\nOntmoetingsplekken (EUR)\n"))
        // Groningen, district support: 287,862 (2026) and 1,456,420 (2028), worked out by hand.
        #expect(result.output.contains("GM0014  Groningen                  287,862    621,735  1,456,420"))
        // Ontmoetingsplekken in all years over Groningen's 243,768 inhabitants: 28,613,251 / 243,768 = 117.38.
        #expect(result.output.contains("28,613,251          117.38\n"))
        #expect(result.output.contains("SYNTHETIC"))
    }

    @Test func runWritesTheCSVContract() throws {
        try withTemporaryDirectory { directory in
            let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", directory])
            #expect(result.status == 0)
            let allocations = try String(contentsOfFile: directory + "/allocations.csv", encoding: .utf8).split(separator: "\n")
            #expect(allocations.first == "scenario,measure,component,year,region,region_name,amount,exact,inhabitants,amount_per_inhabitant")
            // 13 regions x (7 + 7 + 3 x 7) measure-years-components.
            #expect(allocations.count == 1 + 13 * 35)
            // Groningen has 243,768 inhabitants (CBS 85984NED, 2024): 287,862 / 243,768 = 1.180885.
            #expect(allocations.contains("baseline,wijk,,2026,GM0014,Groningen,287862,287861.548354,243768,1.180885"))
            // The rounding tie of 2026: cultuurcoaches got the extra euro of the component split,
            // so Pekela receives 23,577 there and 23,576 from buurtsportcoaches.
            #expect(allocations.contains { $0.hasPrefix("baseline,jongerenwerk,buurtsportcoaches,2026,GM0765,Pekela,23576,") })
            let topslices = try String(contentsOfFile: directory + "/topslices.csv", encoding: .utf8).split(separator: "\n")
            #expect(topslices.first == "scenario,measure,year,name,amount")
            #expect(topslices.contains("baseline,jongerenwerk,2027,ondersteuning,450000"))
            #expect(topslices.count == 1 + 14)
        }
    }

    @Test func runWritesDutchCSV() throws {
        let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--format", "csv-nl"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        // A byte-order mark first, so that Excel reads the file as UTF-8; the scenario's title and
        // the measure's name after their identifiers (as the scenario file has them).
        #expect(lines.first == "\u{FEFF}scenario;scenario_title;measure;measure_name;component;year;region;region_name;amount;exact;inhabitants;amount_per_inhabitant")
        let baseline = "baseline;Basis: de uitwerking van maatregelen 2, 3 en 4;"
        #expect(lines.contains(baseline + "wijk;Wijk- en dorpsondersteuning;;2026;GM0014;Groningen;287862;287861,548354;243768;1,180885"))
        #expect(lines.contains { $0.hasPrefix(baseline + "jongerenwerk;Jongerenwerk, opbouwwerk, buurtsport- en cultuurcoaches;jongerenwerk en opbouwwerk;2028;GM0047;Veendam;40708;") })
    }

    @Test func runWritesJSONWithProvenance() throws {
        try withTemporaryDirectory { directory in
            let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--format", "json", "--output", directory])
            #expect(result.status == 0)
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/allocations.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["engine"] as? String == "verdeel")
            #expect(json["synthetic_data"] as? Bool == true)
            let files = try #require(json["scenario_files"] as? [[String: Any]])
            #expect((files.first?["sha256"] as? String)?.count == 64)
            let dataFiles = try #require(json["data_files"] as? [[String: Any]])
            #expect(dataFiles.map { $0["path"] as? String } == ["data/municipalities-2024.csv", "data/ses-woa-synthetic.csv", "data/districts-2024.csv"])
            #expect(dataFiles.map { $0["synthetic"] as? Bool } == [false, true, false])
            #expect(dataFiles.map { $0["source"] as? String } == ["CBS 85984NED Kerncijfers wijken en buurten 2024", "generated, not CBS", "CBS 85984NED"])
            #expect((json["allocations"] as? [Any])?.count == 13 * 35)
        }
    }

    @Test func unknownScenarioSuggestsTheNearest() throws {
        let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "basline"])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("error: Scenarios/sociale-agenda.verdeel has no scenario 'basline'. Did you mean 'baseline'?"))
    }

    @Test func badDataFileIsReportedWithItsLocation() throws {
        try withTemporaryDirectory { directory in
            try "code,name,inhabitants\nGM1,A,10\nGM2,B,x1\n".write(toFile: directory + "/r.csv", atomically: true, encoding: .utf8)
            try "scenario s {\n    data {\n        regions \"r.csv\" {\n            inhabitants: count\n        }\n    }\n    measure m {\n        budget 2026: 1k\n        key inhabitants 100%\n    }\n}\n"
                .write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors == "error: r.csv:3:7: column 'inhabitants': 'x1' is not a number; write a plain number such as 12345 or -0.17\n")
        }
    }

    @Test func fmtCheckAcceptsTheBundledFilesAndRejectsAMessyOne() throws {
        #expect(try verdeel(["fmt", "--check", "Scenarios/sociale-agenda.verdeel"]).status == 0)
        #expect(try verdeel(["fmt", "--check", "Scenarios/source-document-figures.verdeel"]).status == 0)
        try withTemporaryDirectory { directory in
            let path = directory + "/messy.verdeel"
            try "scenario   s {\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try verdeel(["fmt", "--check", path]).status == 1)
            #expect(try verdeel(["fmt", "--write", path]).status == 0)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "scenario s {\n}\n")
        }
    }

    @Test func compareShowsWinnersAndLosers() throws {
        let result = try verdeel(["compare", "Scenarios/sociale-agenda.verdeel", "baseline", "base_150k"])
        #expect(result.status == 0)
        // A lower base moves money to the larger municipalities: every year 13 x 50,000 = 650,000
        // more by inhabitants; Groningen gains 650,000 x 243,768 / 693,614 - 50,000 = 178,440.03.
        #expect(result.output.contains("winners: Groningen"))
        #expect(result.output.contains("+178,440"))
    }

    @Test func readmeLanguageExampleChecksAndCompares() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let afterIntro = try #require(readme.components(separatedBy: "A complete small scenario file").last)
        let example = try #require(afterIntro.components(separatedBy: "```").dropFirst().first).drop { $0 != "\n" }.dropFirst()
        try withTemporaryDirectory { directory in
            try String(example).write(toFile: directory + "/example.verdeel", atomically: true, encoding: .utf8)
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            let check = try verdeel(["check", "example.verdeel"], in: directory)
            #expect(check.status == 0)
            #expect(check.output == "example.verdeel: 2 scenarios, 1 assertion holds\n")
            // 2026: 2,850,000 after 5%; bases 2 x 200,000; 2,450,000 by 80% inhabitants (0.75 / 0.25)
            // and 20% area (0.25 / 0.75): A = 200,000 + 2,450,000 x 0.65 = 1,792,500; B = 1,057,500.
            // The 150k base moves 100,000 into the key: A gains 100,000 x 0.65 - 50,000 = +15,000
            // each year, +45,000 in all. 2027 and 2028: 3,800,000 - 400,000 bases, A = 200,000 +
            // 3,400,000 x 0.65 = 2,410,000; A's total 1,792,500 + 2 x 2,410,000 = 6,612,500, so
            // +0.68% (+0.7%); 15,000 / 30,000 = EUR 0.50 per inhabitant per year.
            let compare = try verdeel(["compare", "example.verdeel", "baseline", "lower_base"], in: directory)
            let lines = compare.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            #expect(lines.contains("GM0001 A +15,000 +45,000 +0.7% +0.50"), "\(compare.output)")
            let run = try verdeel(["run", "example.verdeel", "--scenario", "baseline", "--format", "csv"], in: directory)
            #expect(run.output.contains("baseline,support,,2026,GM0001,A,1792500,1792500.000000"))
        }
    }

    /// The README's variants and montecarlo block, added to the same example.
    @Test func readmeSweepExampleRuns() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let afterIntro = try #require(readme.components(separatedBy: "A complete small scenario file").last)
        let blocks = afterIntro.components(separatedBy: "```")
        let example = blocks[1].drop { $0 != "\n" }.dropFirst()
        let sweep = blocks[3].drop { $0 != "\n" }.dropFirst()
        #expect(sweep.hasPrefix("scenario sweep extends baseline"))
        #expect(sweep.contains("draws 10_000"))
        // The README's 10,000 draws take 20 s in a debug build; 500 check the same files.
        let fewerDraws = sweep.replacingOccurrences(of: "draws 10_000", with: "draws 500")
        try withTemporaryDirectory { directory in
            try (String(example) + "\n" + fewerDraws).write(toFile: directory + "/example.verdeel", atomically: true, encoding: .utf8)
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            let run = try verdeel(["run", "example.verdeel", "--scenario", "sweep", "--output", "out"], in: directory)
            #expect(run.status == 0, "\(run.errors)")
            let variants = try String(contentsOfFile: directory + "/out/variants.csv", encoding: .utf8).split(separator: "\n")
            #expect(variants.count == 1 + 22)
            #expect(variants[0] == "variant,support_weight_area,support_base")
            #expect(variants[1] == "1,0,150000" && variants[22] == "22,1,200000")
            let summary = try String(contentsOfFile: directory + "/out/summary.csv", encoding: .utf8).split(separator: "\n")
            #expect(summary.count == 1 + 22 * 3 * 2)
        }
    }
}

/// `verdeel run` on variant and Monte Carlo scenarios: the output contract, Ctrl-C.
extension CommandTests {
    @Test func variantRunWritesVariantsAndSummary() throws {
        try withTemporaryDirectory { directory in
            let result = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--output", directory, "--threads", "2"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.hasPrefix("scenario w2: 5151 variants x 1 draws x 13 measure-year-regions = 66963 cells in "))
            let variants = try String(contentsOfFile: directory + "/variants.csv", encoding: .utf8).split(separator: "\n")
            #expect(variants.count == 1 + 5151)
            #expect(variants[0] == "variant,jongerenwerk_weight_inhabitants,jongerenwerk_weight_need,jongerenwerk_weight_area")
            #expect(variants[1] == "1,0,0,1")
            #expect(variants[5151] == "5151,1,0,0")
            let summary = try String(contentsOfFile: directory + "/summary.csv", encoding: .utf8).split(separator: "\n")
            #expect(summary[0] == "variant,measure,year,region,region_name,mean,sd,p05,p50,p95,p_below_baseline")
            #expect(summary.count == 1 + 5151 * 13)
            // Variant 5151 is inhabitants 100%: Groningen gets 8,930,000 x 243,768 / (the
            // 13 municipalities' inhabitants, 693,614) = 3,138,414.51, rounded up by largest
            // remainder; the baseline key (20/70/10) gives it less, so P(below baseline) is 0.
            // Eemsdelta: 8,930,000 x 45,106 / 693,614 = 580,721.53 -> 580,722.
            #expect(summary.last == "5151,jongerenwerk,2028,GM1979,Eemsdelta,580722,0,580722,580722,580722,1")
            #expect(summary[summary.count - 13] == "5151,jongerenwerk,2028,GM0014,Groningen,3138415,0,3138415,3138415,3138415,0")
        }
    }

    @Test func variantRunsNeedAFolderForOtherFormats() throws {
        let result = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("error: variant and Monte Carlo runs write their tables into a folder; --format json needs --output DIR\n"))
        let threads = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--threads", "0"])
        #expect(threads.status != 0 && threads.errors.contains("--threads must be at least 1"))
    }

    @Test func twoSimulatedScenariosNeedAChoice() throws {
        try withTemporaryDirectory { directory in
            let text = try String(contentsOfFile: repositoryRoot + "/Benchmarks/workloads/w2-simplex.verdeel", encoding: .utf8)
                .replacingOccurrences(of: "../../Scenarios/", with: repositoryRoot + "/Scenarios/")
            try (text + "\nscenario other extends w2 {\n}\n").write(toFile: directory + "/two.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", directory + "/two.verdeel"])
            #expect(result.status == 1)
            #expect(result.errors == "error: scenarios 'w2', 'other' declare variants or montecarlo; run one scenario at a time\nhelp: add --scenario w2\n")
        }
    }

    /// Ctrl-C during a long run: exit code 130, a message, and no file in the output
    /// directory. The signal is sent once the command says the engine has started; the run
    /// (100,000 variants x 20,000 draws) is far too long to finish before it arrives.
    @Test func interruptLeavesNoFiles() throws {
        try withTemporaryDirectory { directory in
            let (status, errors) = try signalled(SIGINT, in: directory)
            #expect(errors.hasPrefix("running scenario w3: 100000 variants x 20000 draws"))
            #expect(status == 130)
            #expect(errors.hasSuffix("interrupted: no output was written\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["long.verdeel"])
        }
    }
}
