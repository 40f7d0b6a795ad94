import ArgumentParser
import Foundation
import VerdeelSession

/// The options that set a scenario's root folder.
struct FileAccessOptions: ParsableArguments {
    @Option(name: .long, help: "The folder a scenario may read files from (default: the current directory).")
    var root: String?

    @Option(name: .customLong("allow-read"), help: "A further folder a scenario may read files from (repeat for several).")
    var allowRead: [String] = []

    var access: FileAccess { FileAccess(root: root, allowRead: allowRead) }
}
