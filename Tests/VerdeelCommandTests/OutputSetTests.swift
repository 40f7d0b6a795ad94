import Foundation
import Testing
import VerdeelTestSupport

/// The output folder is one set of files; signals and rewrites leave nothing half done.
extension CommandTests {
    /// `verdeel run` on a long Monte Carlo run in `directory`, signalled with `signal` once
    /// the engine has said it started; returns the exit code and standard error.
    func signalled(_ number: Int32, in directory: String) throws -> (status: Int32, errors: String) {
        let w3 = try String(contentsOfFile: repositoryRoot + "/Benchmarks/workloads/w3-montecarlo.verdeel", encoding: .utf8)
            .replacingOccurrences(of: "../../Scenarios/", with: repositoryRoot + "/Scenarios/")
            .replacingOccurrences(of: "count 1000", with: "count 100000")
            .replacingOccurrences(of: "draws 10_000", with: "draws 20_000")
        try w3.write(toFile: directory + "/long.verdeel", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "long.verdeel", "--output", "out", "--allow-read", repositoryRoot + "/Scenarios/data"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        var text = ""
        while !text.contains("(Ctrl-C stops without writing anything)\n") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, number)
        text += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func sigtermStopsLikeCtrlCAndLeavesNothing() throws {
        try withTemporaryDirectory { directory in
            let (status, errors) = try signalled(SIGTERM, in: directory)
            #expect(status == 143)
            #expect(errors.hasSuffix("terminated: no output was written\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["long.verdeel"])
        }
    }

    /// An earlier run's ranks.csv and infeasible.csv do not survive a run that writes neither.
    @Test func theOutputFolderIsReplacedAsAWhole() throws {
        try withTemporaryDirectory { directory in
            let out = directory + "/out"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for name in ["ranks.csv", "infeasible.csv", "summary.csv"] {
                try "old\n".write(toFile: out + "/" + name, atomically: true, encoding: .utf8)
            }
            let earlier = "Written by verdeel 0.3.0 as one set; these files belong together:\n  ranks.csv\n  infeasible.csv\n  summary.csv\n"
            try earlier.write(toFile: out + "/manifest.txt", atomically: true, encoding: .utf8)
            // A temporary folder left by a run that was killed (process 999999999 does not exist).
            try FileManager.default.createDirectory(atPath: directory + "/.out.verdeel-tmp-999999999", withIntermediateDirectories: true)
            let inputs = directory + "/inputs"
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            try TwoRegions.municipalities.write(toFile: inputs + "/regions.csv", atomically: true, encoding: .utf8)
            try Self.smallScenario("key inhabitants 50%, land_area_km2 50%", extra: "scenario v extends s {\n    variants {\n        weight m land_area_km2 in 20%, 80%\n    }\n}\n")
                .replacingOccurrences(of: "regions \"regions.csv\" {", with: "regions \"regions.csv\" synthetic source \"made up for the test\" {")
                .write(toFile: inputs + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", "s.verdeel", "--scenario", "v", "--output", out], in: inputs)
            #expect(result.status == 0, "\(result.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["dictionary.md", "fairness_summary.csv", "manifest.txt", "provenance.json", "schema.json", "summary.csv", "variants.csv"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["inputs", "out"])
            let manifest = try String(contentsOfFile: out + "/manifest.txt", encoding: .utf8)
            #expect(manifest.hasPrefix("Written by verdeel 0.4.0 as one set; these files belong together:\n  variants.csv\n  summary.csv\n"))
            #expect(manifest.contains("SYNTHETIC"))
        }
    }

    /// A manifest.txt verdeel did not write, or a file the manifest does not list, makes the
    /// folder someone else's: refused, nothing deleted.
    @Test func aFolderIsReplacedOnlyWhenItIsVerdeels() throws {
        try withTemporaryDirectory { directory in
            let out = directory + "/out"
            try FileManager.default.createDirectory(atPath: out + "/chapters", withIntermediateDirectories: true)
            try "my own list\n".write(toFile: out + "/manifest.txt", atomically: true, encoding: .utf8)
            let foreign = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", out])
            #expect(foreign.status == 1)
            #expect(foreign.errors.contains("has a manifest.txt that verdeel did not write"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["chapters", "manifest.txt"])
            let listed = "Written by verdeel 0.3.0 as one set; these files belong together:\n  summary.csv\n"
            try listed.write(toFile: out + "/manifest.txt", atomically: true, encoding: .utf8)
            let unlisted = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", out])
            #expect(unlisted.status == 1)
            #expect(unlisted.errors.contains("holds chapters, which its manifest.txt does not list"))
            #expect(FileManager.default.fileExists(atPath: out + "/chapters"))
        }
    }

    @Test func aFolderWithSomeoneElsesFilesIsNotReplaced() throws {
        try withTemporaryDirectory { directory in
            try "mine\n".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", directory])
            #expect(result.status == 1)
            #expect(result.errors.contains("has files that verdeel did not write (it has no manifest.txt)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["notes.txt"])
        }
    }

    @Test func fmtWriteKeepsPermissionsAndWritesThroughALink() throws {
        try withTemporaryDirectory { directory in
            let real = directory + "/real.verdeel", link = directory + "/link.verdeel"
            try "scenario   s {\n}\n".write(toFile: real, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: real)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.verdeel")
            #expect(try verdeel(["fmt", "--write", "link.verdeel"], in: directory).status == 0)
            #expect(try String(contentsOfFile: real, encoding: .utf8) == "scenario s {\n}\n")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.verdeel")
            let permissions = try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? NSNumber
            #expect(permissions?.intValue == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["link.verdeel", "real.verdeel"])
        }
    }

    /// Bases of 300k for 13 municipalities need 3.9M of the 2.85M: every variant fails.
    @Test func aRunWithNoFeasibleVariantFails() throws {
        try withTemporaryDirectory { directory in
            let text = """
                scenario s {
                    data {
                        regions "\(repositoryRoot)/Scenarios/data/municipalities-2024.csv" {
                            inhabitants: count
                        }
                    }
                    measure wijk {
                        budget 2026: 3M
                        topslice ondersteuning 5%
                        base 200k if infeasible error
                        key inhabitants 100%
                    }
                    variants {
                        base wijk in 300k, 400k
                    }
                }
                """
            try text.write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let result = try verdeel(["run", "s.verdeel", "--output", "out", "--allow-read", repositoryRoot + "/Scenarios/data"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors.contains("error: no variant of scenario 's' can be allocated (the reasons are in infeasible.csv)"))
            #expect(FileManager.default.fileExists(atPath: directory + "/out/infeasible.csv"))
        }
    }
}

/// Small input-hardening cases of the command line.
extension CommandTests {
    /// A region named like a formula is written as text (a leading '), in both CSV styles.
    @Test func regionNamesThatLookLikeFormulasAreText() throws {
        try withTemporaryDirectory { directory in
            try "code,name,inhabitants,land_area_km2\nGM0001,=HYPERLINK(\"x\"),30000,50\nGM0002,@B,10000,150\n"
                .write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            try Self.smallScenario("key inhabitants 100%").write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            let csv = try verdeel(["run", "s.verdeel", "--format", "csv"], in: directory)
            // 750,000 / 30,000 and 250,000 / 10,000 inhabitants: 25 each.
            #expect(csv.output.contains("s,m,,2026,GM0001,\"'=HYPERLINK(\"\"x\"\")\",750000,750000.000000,30000,25.000000\n"))
            #expect(csv.output.contains("s,m,,2026,GM0002,'@B,250000,250000.000000,10000,25.000000\n"))
            let dutch = try verdeel(["run", "s.verdeel", "--format", "csv-nl"], in: directory)
            #expect(dutch.output.contains(";GM0002;'@B;250000;"))
        }
    }

    @Test func hugeChunkAndThreadCountsAreRefused() throws {
        let chunk = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--chunk", "9223372036854775807"])
        #expect(chunk.status != 0 && chunk.errors.contains("--chunk must be at most 16777216"))
        let threads = try verdeel(["run", "Benchmarks/workloads/w2-simplex.verdeel", "--threads", "9223372036854775807"])
        #expect(threads.status != 0 && threads.errors.contains("--threads must be at most 1024"))
    }
}

/// Workbooks from the command line.
extension CommandTests {
    @Test func aWorkbookNeedsAnOutputFolder() throws {
        let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--format", "xlsx"])
        #expect(result.status != 0)
        #expect(result.errors.contains("--format xlsx writes a file into a folder; add --output DIR"))
        let compare = try verdeel(["compare", "Scenarios/sociale-agenda.verdeel", "baseline", "base_150k", "--format", "xlsx"])
        #expect(compare.status != 0)
        #expect(compare.errors.contains("add --output DIR"))
    }

    /// A plain run in csv-nl writes every table in the Dutch style, the fairness tables too,
    /// with the names of scenarios, measures and metrics next to their codes.
    @Test func dutchRunsWriteDutchFairnessTables() throws {
        try withTemporaryDirectory { directory in
            let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--format", "csv-nl", "--output", directory])
            #expect(result.status == 0)
            let fairness = try String(contentsOfFile: directory + "/fairness.csv", encoding: .utf8)
            #expect(fairness.hasPrefix("scenario;scenario_title;measure;measure_name;year;metric;metric_name;value;value_exact\n"))
            #expect(fairness.contains(";wijk;Wijk- en dorpsondersteuning;2026;gini;Gini;0,"))
            #expect(fairness.contains(";all;alle maatregelen;2026;cv;variatiecoëfficiënt;0,"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/lorenz.csv"))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        }
    }

    @Test func aWorkbookRunWritesTheWorkbookAndTheProvenance() throws {
        try withTemporaryDirectory { directory in
            let result = try verdeel(["run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--format", "xlsx", "--lang", "en", "--output", directory])
            #expect(result.status == 0)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/allocations.xlsx"))
            // A zip archive: the local file header's signature PK\3\4.
            #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            let provenance = try String(contentsOfFile: directory + "/provenance.json", encoding: .utf8)
            #expect(provenance.contains("SYNTHETIC"))
        }
    }
}
