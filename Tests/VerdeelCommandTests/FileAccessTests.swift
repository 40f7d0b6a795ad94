import Foundation
import Testing

/// A scenario reads only files inside its root folder, whatever its paths say.
extension CommandTests {
    /// `inside/s.verdeel` over `inside/regions.csv`, with the regions path replaced by `path`.
    func scenarioReading(_ path: String, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/inside", withIntermediateDirectories: true)
        try Self.twoRegions.write(toFile: directory + "/inside/regions.csv", atomically: true, encoding: .utf8)
        try Self.twoRegions.write(toFile: directory + "/outside.csv", atomically: true, encoding: .utf8)
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
