import ArgumentParser
import Foundation

/// Replaces a file's contents in place for `verdeel fmt --write` (and writes a report): written to a temporary
/// file next to it and renamed over it, so a reader sees the old or the new text, never a
/// mix. The file keeps its permissions (a 0600 file stays 0600), and a symbolic link is
/// written through: the file it points to changes, the link stays a link.
enum FileRewrite {
    static func replace(_ path: String, with text: String) throws {
        let manager = FileManager.default
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let temporary = real.deletingLastPathComponent().appendingPathComponent(".\(real.lastPathComponent)\(OutputSet.temporaryMarker)\(getpid())")
        try Interruption.shared.deferred {
            defer { try? manager.removeItem(at: temporary) }
            do {
                let permissions = try manager.attributesOfItem(atPath: real.path)[.posixPermissions] as? NSNumber
                try Data(text.utf8).write(to: temporary)
                if let permissions { try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path) }
                guard Interruption.shared.signalNumber == nil else {
                    printError("\(Interruption.shared.signalName): \(path) was not changed")
                    throw ExitCode(Interruption.shared.exitCode)
                }
                guard rename(temporary.path, real.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("error: cannot rewrite \(path): \(error.localizedDescription); the file was not changed")
                throw ExitCode(1)
            }
        }
    }

    /// Writes a new file, or replaces one as a whole (`verdeel report --output`): written next
    /// to it and renamed, so no reader ever sees half a file and a failure leaves the old one.
    static func create(_ path: String, with text: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            printError("error: --output \(path) is a folder; name the file to write, e.g. \((path as NSString).appendingPathComponent("report.html"))")
            throw ExitCode(1)
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        guard manager.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("error: cannot write \(path): the folder \(parent.path) does not exist; create it first")
            throw ExitCode(1)
        }
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent)\(OutputSet.temporaryMarker)\(getpid())")
        try Interruption.shared.deferred {
            defer { try? manager.removeItem(at: temporary) }
            do {
                try Data(text.utf8).write(to: temporary)
                guard Interruption.shared.signalNumber == nil else {
                    printError("\(Interruption.shared.signalName): \(path) was not written")
                    throw ExitCode(Interruption.shared.exitCode)
                }
                guard rename(temporary.path, target.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("error: cannot write \(path): \(error.localizedDescription); nothing was written")
                throw ExitCode(1)
            }
        }
    }
}
