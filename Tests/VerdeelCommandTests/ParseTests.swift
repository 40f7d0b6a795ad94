import ArgumentParser
import Testing
@testable import verdeel

/// Every rule a command checks when its command line is parsed (`validate()`), in process:
/// what is refused, with which message, and a command line that passes. Exit codes, signals
/// and files are the subprocess tests' (CommandTests).
struct ParseTests {
    /// The message the command line `arguments` is refused with, or nil when it parses.
    func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try Verdeel.parseAsRoot(arguments)
            return nil
        } catch {
            return Verdeel.message(for: error)
        }
    }

    @Test func runChecksThreadsChunkFormatAndShards() {
        #expect(refusal(["run", "s.verdeel"]) == nil)
        #expect(refusal(["run", "s.verdeel", "--threads", "0"]) == "--threads must be at least 1")
        #expect(refusal(["run", "s.verdeel", "--threads", "1025"]) == "--threads must be at most 1024")
        #expect(refusal(["run", "s.verdeel", "--chunk", "0"]) == "--chunk must be at least 1")
        #expect(refusal(["run", "s.verdeel", "--chunk", "\((1 << 24) + 1)"]) == "--chunk must be at most 16777216")
        #expect(refusal(["run", "s.verdeel", "--format", "xlsx"]) == "--format xlsx writes a file into a folder; add --output DIR")
        #expect(refusal(["run", "s.verdeel", "--format", "xlsx", "--output", "out"]) == nil)
        #expect(refusal(["run", "s.verdeel", "--format", "html", "--output", "out"]) == "--format html is not written here; use table, csv, csv-nl, json, xlsx, parquet")
        #expect(refusal(["run", "s.verdeel", "--shard", "1/2"]) == "a shard writes its part into a folder: add --output DIR")
        #expect(refusal(["run", "s.verdeel", "--shard", "1/2", "--output", "p", "--format", "json"])
            == "a shard writes CSV or Parquet for 'verdeel merge'; leave out --format json (convert the merged run)")
        #expect(refusal(["run", "s.verdeel", "--shard", "1/2", "--output", "p"]) == nil)
        #expect(refusal(["run", "s.verdeel", "--shard", "1/2", "--output", "p", "--format", "parquet"]) == nil)
        #expect(refusal(["run", "rnu"])?.hasPrefix("'rnu' is neither a command nor a scenario file. Did you mean 'verdeel run'?") == true)
    }

    @Test func compareRefusesAPageAndAWorkbookWithoutAFolder() {
        #expect(refusal(["compare", "s.verdeel", "a", "b"]) == nil)
        #expect(refusal(["compare", "s.verdeel", "a", "b", "--format", "xlsx"]) == "--format xlsx writes a file into a folder; add --output DIR")
        #expect(refusal(["compare", "s.verdeel", "a", "b", "--format", "html", "--output", "o"]) == "--format html is not written here; use table, csv, csv-nl, json, xlsx, parquet")
    }

    @Test func updateImpactChecksTheThresholdTheVintagesAndTheFolder() {
        let base = ["update-impact", "s.verdeel", "--table", "t", "--from", "2022", "--to", "2023"]
        #expect(refusal(base) == nil)
        #expect(refusal(base + ["--format", "html", "--output", "o"]) == nil)
        #expect(refusal(base + ["--format", "html"]) == "--format html writes a file into a folder; add --output DIR")
        #expect(refusal(base + ["--loss-threshold=-1"]) == "--loss-threshold is euros per inhabitant, 0 or more")
        #expect(refusal(base + ["--loss-threshold", "nan"]) == "--loss-threshold is euros per inhabitant, 0 or more")
        #expect(refusal(["update-impact", "s.verdeel", "--table", "t", "--from", "2022", "--to", "2022"]) == "--from and --to name the same vintage; name two")
    }

    @Test func theOtherCommandsRules() {
        #expect(refusal(["fmt", "s.verdeel", "--check", "--write"]) == "give --check or --write, not both")
        #expect(refusal(["fmt", "s.verdeel", "--check"]) == nil)
        #expect(refusal(["merge", "--output", "o"]) == "name the parts' folders, e.g. verdeel merge part-1 part-2 --output out")
        #expect(refusal(["data", "import-cbs", "--output", "o"]) == "name the downloaded tables, e.g. verdeel data import-cbs 85900NED/ --output data")
        #expect(refusal(["report", "s.verdeel", "--output", "r.html", "--variant", "0"]) == "--variant must be at least 1")
        #expect(refusal(["report", "s.verdeel", "--output", "r.html", "--threads", "0"]) == "--threads must be from 1 to 1024")
        #expect(refusal(["report", "s.verdeel", "--output", "reports/"]) == "--output names the HTML file to write, e.g. --output report.html")
        #expect(refusal(["report", "s.verdeel", "--output", "r.html"]) == nil)
    }
}
