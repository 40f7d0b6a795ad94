import Foundation
import Testing
import VerdeelTestSupport

/// A scenario reads only files inside its root folder, whatever its paths say.
extension CommandTests {
    /// `inside/s.verdeel` over `inside/regions.csv`, with the regions path replaced by `path`.
    func scenarioReading(_ path: String, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/inside", withIntermediateDirectories: true)
        try TwoRegions.municipalities.write(toFile: directory + "/inside/regions.csv", atomically: true, encoding: .utf8)
        try TwoRegions.municipalities.write(toFile: directory + "/outside.csv", atomically: true, encoding: .utf8)
        try Self.smallScenario("key inhabitants 100%").replacingOccurrences(of: "\"regions.csv\"", with: "\"\(path)\"")
            .write(toFile: directory + "/inside/s.verdeel", atomically: true, encoding: .utf8)
    }

    @Test func aDataFileOutsideTheRootIsRefusedAtItsStatement() throws {
        try withTemporaryDirectory { directory in
            try scenarioReading("../outside.csv", in: directory)
            let result = try verdeel(["check", "s.verdeel"], in: directory + "/inside")
            #expect(result.status == 1)
            #expect(result.errors.hasPrefix("s.verdeel:3:17: error: the data file '../outside.csv' is outside the root folder "))
            #expect(result.errors.contains("help: run verdeel from a folder that holds the data, or give --root DIR or --allow-read DIR"))
            // Named as a root (or an allowed folder), the parent folder is readable.
            #expect(try verdeel(["check", "s.verdeel", "--root", ".."], in: directory + "/inside").status == 0)
            #expect(try verdeel(["check", "s.verdeel", "--allow-read", directory], in: directory + "/inside").status == 0)
        }
    }

    @Test func anAbsolutePathAndALinkOutOfTheRootAreRefused() throws {
        try withTemporaryDirectory { directory in
            try scenarioReading(directory + "/outside.csv", in: directory)
            #expect(try verdeel(["check", "s.verdeel"], in: directory + "/inside").errors.contains("is outside the root folder"))
            try FileManager.default.createSymbolicLink(atPath: directory + "/inside/link.csv", withDestinationPath: directory + "/outside.csv")
            try scenarioReading("link.csv", in: directory)
            let result = try verdeel(["check", "s.verdeel"], in: directory + "/inside")
            #expect(result.status == 1 && result.errors.contains("the data file 'link.csv' is outside the root folder"))
        }
    }

    /// An included system file is not read, and a file that is not a scenario file is not shown.
    @Test func includedFilesAreNeverEchoed() throws {
        try withTemporaryDirectory { directory in
            try "include \"/etc/passwd\"\ninclude \"secret.txt\"\n".write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            try "password = hunter2\n".write(toFile: directory + "/secret.txt", atomically: true, encoding: .utf8)
            let result = try verdeel(["check", "s.verdeel"], in: directory)
            #expect(result.status == 1)
            #expect(result.errors.contains("s.verdeel:1:9: error: cannot read the included file '/etc/passwd'"))
            #expect(result.errors.contains("secret.txt:1:1: error: unknown statement 'password'"))
            #expect(!result.errors.contains("root:") && !result.errors.contains("hunter2"))
        }
    }
}

/// Memory: the estimate honours the process's own limits, and `check` never makes points.
extension CommandTests {
    @Test func aRunThatDoesNotFitUnderUlimitIsRefusedWithTheLimit() throws {
        try withTemporaryDirectory { directory in
            let w3 = try String(contentsOfFile: repositoryRoot + "/Benchmarks/workloads/w3-montecarlo.verdeel", encoding: .utf8)
                .replacingOccurrences(of: "../../Scenarios/", with: repositoryRoot + "/Scenarios/")
                .replacingOccurrences(of: "draws 10_000", with: "draws 3_000_000")
            try w3.write(toFile: directory + "/big.verdeel", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "ulimit -v 1500000; exec \"$0\" run big.verdeel --allow-read \"$1\"", Self.binary, repositoryRoot + "/Scenarios/data"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1)
            #expect(text.contains("error: scenario 'w3': the run needs about "))
            #expect(text.contains(" is available (ulimit -v); use fewer draws or variants"))
        }
    }

    /// 50 million sampled variants: checked without making one of them.
    @Test func checkingAHugeSampleMakesNoPoints() throws {
        try withTemporaryDirectory { directory in
            try TwoRegions.municipalities.write(toFile: directory + "/regions.csv", atomically: true, encoding: .utf8)
            let variants = "    variants {\n        latin_hypercube 50_000_000 {\n            weight m inhabitants from 0% to 100%\n        }\n    }\n}\n"
            let text = Self.smallScenario("key inhabitants 50%, land_area_km2 50%").replacingOccurrences(of: "    }\n}\n", with: "    }\n" + variants)
            try text.write(toFile: directory + "/s.verdeel", atomically: true, encoding: .utf8)
            // Under a 1.5 GB address-space limit: making the 50 million points would not fit.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "ulimit -v 1500000; exec \"$0\" check s.verdeel", Self.binary]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }
}
