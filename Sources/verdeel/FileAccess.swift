import ArgumentParser
import Foundation
import VerdeelLanguage
import VerdeelModel
import VerdeelSession
import VerdeelSimulation

/// The data files a scenario names outside its root folder (`--root`) and `--allow-read`
/// folders (``FileAccess``), as messages at the statements that name them. The scenario
/// file named on the command line is the user's own choice and may be anywhere.
extension FileAccess {
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
