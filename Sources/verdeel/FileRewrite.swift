import ArgumentParser
import Foundation
import VerdeelSession

/// Writes a file as a whole: to a temporary file next to it, renamed over it, so a reader
/// sees the old or the new text, never a mix, and an error or a signal leaves the old file.
/// `replace` rewrites a file in place (`verdeel fmt --write`): it keeps its permissions (a
/// 0600 file stays 0600), and a symbolic link is written through: the file it points to
/// changes, the link stays a link. `create` writes a new file or replaces a plain one (`verdeel
/// report --output`); it never replaces a device, a pipe, a socket or a symbolic link (which
/// other processes use), and refuses them.
enum FileRewrite {
    static func replace(_ path: String, with text: String) throws {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        try write(text, to: real, shown: path, failure: "cannot rewrite \(path)", unchanged: "the file was not changed") { temporary in
            let manager = FileManager.default
            if let permissions = try manager.attributesOfItem(atPath: real.path)[.posixPermissions] as? NSNumber {
                try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
        }
    }

    static func create(_ path: String, with text: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR:
                printError("error: --output \(path) is a folder; name the file to write, e.g. \((path as NSString).appendingPathComponent("report.html"))")
                throw ExitCode(1)
            case S_IFLNK:
                printError("error: --output \(path) is a symbolic link; verdeel replaces only plain files: name the file it points to, or a new file")
                throw ExitCode(1)
            default:
                printError("error: --output \(path) is a device, pipe or socket, not a file; verdeel writes a new file or replaces a plain one: name a file")
                throw ExitCode(1)
            }
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        guard manager.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("error: cannot write \(path): the folder \(parent.path) does not exist; create it first")
            throw ExitCode(1)
        }
        try write(text, to: target, shown: path, failure: "cannot write \(path)", unchanged: "nothing was written") { _ in }
    }

    private static func write(
        _ text: String, to target: URL, shown path: String, failure: String, unchanged: String, prepare: (URL) throws -> Void
    ) throws {
        let manager = FileManager.default
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent)\(OutputSet.temporaryMarker)\(getpid())")
        try Interruption.shared.deferred {
            defer { try? manager.removeItem(at: temporary) }
            do {
                try Data(text.utf8).write(to: temporary)
                try prepare(temporary)
                guard Interruption.shared.signalNumber == nil else {
                    printError("\(Interruption.shared.signalName): \(path): \(unchanged)")
                    throw ExitCode(Interruption.shared.exitCode)
                }
                guard rename(temporary.path, target.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("error: \(failure): \(error.localizedDescription); \(unchanged)")
                throw ExitCode(1)
            }
        }
    }
}
