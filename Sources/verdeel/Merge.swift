import ArgumentParser
import Foundation
import VerdeelSession

/// `verdeel merge PART... --output DIR`: joins the parts of a sharded run into the files the
/// run would have written whole, byte for byte (``ShardMerge``; a sensitivity analysis's
/// parts: the analysis of their joined design rows, ``SensitivityMerge``).
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts of a sharded run (verdeel run --shard I/N) into one output folder.")

    @Argument(help: "The parts' folders, in any order.")
    var parts: [String] = []

    @Option(name: .long, help: "The folder to write the merged run into (replaced as a whole).")
    var output: String

    @OptionGroup(title: "Files a sensitivity analysis's scenario may be read from")
    var files: FileAccessOptions

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("name the parts' folders, e.g. verdeel merge part-1 part-2 --output out") }
    }

    func run() throws {
        do {
            let loaded = try ShardMerge.parts(parts)
            if loaded.contains(where: { $0.record.sensitivity != nil }) {
                try SensitivityMerge.run(loaded, output: output, access: files.access)
                return
            }
            let files = try ShardMerge.files(loaded)
            try OutputSet(output).write(files: files, notes: loaded[0].record.notes)
            for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        } catch let error as MergeError {
            Self.fail(error.description)
        }
    }

    static func fail(_ message: String) -> Never {
        printError("error: " + message + "; nothing was written")
        Merge.exit(withError: ExitCode(1))
    }
}
