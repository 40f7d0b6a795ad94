import Foundation
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

    /// Reads a file the scenario names, or nil when it is outside the allowed folders.
    public func read(_ path: String) -> [UInt8]? {
        permits(path) ? ScenarioRun.readFromDisk(path) : nil
    }
}
