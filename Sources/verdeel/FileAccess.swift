import ArgumentParser
import Foundation
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

/// Which files a scenario may read: only those inside its root folder (the current
/// directory unless `--root` names another) and inside any `--allow-read` folder. Paths are
/// compared after `..` and symbolic links are resolved, so neither `../../etc/passwd`, an
/// absolute path nor a link inside the root that points out of it gets through. The
/// scenario file named on the command line is the user's own choice and may be anywhere.
struct FileAccess: Sendable {
    let root: String
    let allowed: [String]

    init(root: String?, allowRead: [String]) {
        self.root = Self.real(root ?? FileManager.default.currentDirectoryPath)
        allowed = [self.root] + allowRead.map(Self.real)
    }

    /// The path with `.`, `..` and every symbolic link resolved, from the current directory.
    static func real(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func permits(_ path: String) -> Bool {
        let real = Self.real(path)
        return allowed.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// Reads a file the scenario names, or nil when it is outside the allowed folders.
    func read(_ path: String) -> [UInt8]? {
        permits(path) ? ScenarioRun.readFromDisk(path) : nil
    }

    /// The data files of the plans that lie outside the allowed folders, as errors at the
    /// statement that names each.
    func refusedDataFiles(_ plans: [ScenarioPlan], sources: SourceMap) -> [String] {
        var messages = [String]()
        var permitted = [String: Bool]()
        for plan in plans {
            for table in plan.data.tables {
                let path = ScenarioRun.path(table)
                let allowed = permitted[path] ?? permits(path)
                permitted[path] = allowed
                guard !allowed else { continue }
                let message = "\(sources.location(of: table.declaredAt)): error: the data file '\(table.path)' is outside the root folder \(root); a scenario reads only files inside it"
                if !messages.contains(where: { $0.hasPrefix(message) }) {
                    messages.append(message + "\n    help: run verdeel from a folder that holds the data, or give --root DIR or --allow-read DIR\n")
                }
            }
        }
        return messages
    }
}

/// The options that set a scenario's root folder.
struct FileAccessOptions: ParsableArguments {
    @Option(name: .long, help: "The folder a scenario may read files from (default: the current directory).")
    var root: String?

    @Option(name: .customLong("allow-read"), help: "A further folder a scenario may read files from (repeat for several).")
    var allowRead: [String] = []

    var access: FileAccess { FileAccess(root: root, allowRead: allowRead) }
}
