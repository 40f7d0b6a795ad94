import Foundation

/// Writes a file as a whole: to a temporary file next to it, renamed over it, so a reader
/// sees the old or the new text, never a mix, and an error or a signal leaves the old file.
/// `replace` rewrites a file in place (`verdeel fmt --write`): it keeps its permissions (a
/// 0600 file stays 0600), and a symbolic link is written through: the file it points to
/// changes, the link stays a link. `create` writes a new file or replaces a plain one (`verdeel
/// report --output`); it never replaces a device, a pipe, a socket or a symbolic link (which
/// other processes use), and refuses them. `stop` is asked before the rename (a signal
/// arrived): then nothing is changed.
public enum FileRewrite {
    public static func replace(_ path: String, with text: String, stop: () -> Bool) throws(FileRewriteError) {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        try write(text, to: real, shown: path, failure: "cannot rewrite \(path)", unchanged: "the file was not changed", stop: stop) { temporary in
            let manager = FileManager.default
            if let permissions = try manager.attributesOfItem(atPath: real.path)[.posixPermissions] as? NSNumber {
                try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
        }
    }

    public static func create(_ path: String, with text: String, stop: () -> Bool) throws(FileRewriteError) {
        var isDirectory: ObjCBool = false
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .refused("--output \(path) is a folder; name the file to write, e.g. \((path as NSString).appendingPathComponent("report.html"))")
            case S_IFLNK: throw .refused("--output \(path) is a symbolic link; verdeel replaces only plain files: name the file it points to, or a new file")
            default: throw .refused("--output \(path) is a device, pipe or socket, not a file; verdeel writes a new file or replaces a plain one: name a file")
            }
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .refused("cannot write \(path): the folder \(parent.path) does not exist; create it first")
        }
        try write(text, to: target, shown: path, failure: "cannot write \(path)", unchanged: "nothing was written", stop: stop) { _ in }
    }

    private static func write(
        _ text: String, to target: URL, shown path: String, failure: String, unchanged: String, stop: () -> Bool, prepare: (URL) throws -> Void
    ) throws(FileRewriteError) {
        let manager = FileManager.default
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent)\(OutputSet.temporaryMarker)\(getpid())")
        defer { try? manager.removeItem(at: temporary) }
        do {
            try Data(text.utf8).write(to: temporary)
            try prepare(temporary)
        } catch {
            throw .refused("\(failure): \(error.localizedDescription); \(unchanged)")
        }
        guard !stop() else { throw .stopped("\(path): \(unchanged)") }
        guard rename(temporary.path, target.path) == 0 else {
            throw .refused("\(failure): \(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO).localizedDescription); \(unchanged)")
        }
    }
}

/// Why a file was not written; it is as it was.
public enum FileRewriteError: Error, Equatable {
    /// The file cannot or may not be written: the message says why and what to do.
    case refused(String)
    /// A signal arrived before the file was replaced.
    case stopped(String)
}
