import Foundation
import VerdeelModel
import VerdeelSimulation

/// Which files a scenario may read: only those inside its root folder (the current
/// directory unless another is given) and inside any further allowed folder. Paths are
/// compared after `..` and symbolic links are resolved, so neither `../../etc/passwd`, an
/// absolute path nor a link inside the root that points out of it gets through.
public struct FileAccess: Sendable {
    public let root: String
    public let allowed: [String]

    public init(root: String?, allowRead: [String]) {
        self.root = Self.real(root ?? FileManager.default.currentDirectoryPath)
        allowed = [self.root] + allowRead.map(Self.real)
    }

    /// The path with `.`, `..` and every symbolic link resolved, from the current directory.
    public static func real(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func permits(_ path: String) -> Bool {
        let real = Self.real(path)
        return allowed.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// The reader of a scenario file's session: `file` itself (the user's choice) is read
    /// wherever it is; what it includes and the data it names only inside the allowed folders.
    public func reader(scenarioFile file: String) -> @Sendable (String) -> [UInt8]? {
        reader(scenarioFiles: [file])
    }

    /// The reader of a session over several scenario files (`compare` across files).
    public func reader(scenarioFiles files: [String]) -> @Sendable (String) -> [UInt8]? {
        { requested in files.contains(requested) ? ScenarioRun.readFromDisk(requested) : read(requested) }
    }

    /// Reads a file the scenario names, or nil when it is outside the allowed folders.
    public func read(_ path: String) -> [UInt8]? {
        permits(path) ? ScenarioRun.readFromDisk(path) : nil
    }
}

/// The data files a scenario names outside its root folder (`--root`) and `--allow-read`
/// folders (``FileAccess``), as messages at the statements that name them. The scenario
/// file named on the command line is the user's own choice and may be anywhere.
extension FileAccess {
    /// The data files of the plans that lie outside the allowed folders, as errors at the
    /// statement that names each.
    public func refusedDataFiles(_ plans: [ScenarioPlan], sources: any SiteLocator) -> [String] {
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
