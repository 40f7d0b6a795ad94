import ArgumentParser
import Foundation

/// How `verdeel run` shows or writes results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv
    case csvNL = "csv-nl"
    case json
}

/// A directory that results are written into, each file atomically (written to a
/// temporary file and renamed), so an interrupted run never leaves a half-written file.
struct OutputDirectory {
    let path: String

    init(_ path: String) {
        self.path = path
    }

    func write(_ files: [(name: String, contents: String)]) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for file in files {
                let url = URL(fileURLWithPath: path).appendingPathComponent(file.name)
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            }
        } catch {
            printError("error: cannot write to \(path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
