import Foundation
import VerdeelCore
import VerdeelData
import VerdeelReport

/// The output folder of a run, written as one set: every file goes into a new sibling
/// folder, which then replaces the old folder as a whole. A reader never sees files of two
/// runs side by side (no `ranks.csv` of an earlier run next to this run's `summary.csv`),
/// and an interruption, a full disk or a signal leaves the old folder as it was and no
/// temporary files behind. `manifest.txt` lists the files of the run; a folder that has
/// files but no manifest was not written by verdeel and is never replaced.
public struct OutputSet: Sendable {
    public static let manifestName = OutputManifest.fileName
    public static let temporaryMarker = ".verdeel-tmp-"
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    /// Writes the files and the manifest (`notes` are added to it), then swaps the folder in;
    /// `stop` is asked before each step (a signal arrived): then nothing is changed.
    /// A streamed file is written as it is made; a file that cannot be made (its renderer
    /// fails) leaves the old folder too.
    public func write(files: [OutputFile], notes: [String], stop: () -> Bool) throws(OutputSetError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try refuseForeignFolder(target)
        func stopIfAsked() throws(OutputSetError) { if stop() { throw .stopped } }
        removeStaleTemporaries(in: parent, of: name)
        let temporary = parent.appendingPathComponent(".\(name)\(Self.temporaryMarker)\(getpid())")
        let old = parent.appendingPathComponent(".\(name)\(Self.temporaryMarker)\(getpid())-old")
        defer {
            try? manager.removeItem(at: temporary)
            try? manager.removeItem(at: old)
        }
        do {
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            let manifest = OutputFile(Self.manifestName, data: Data(manifestText(files.map(\.name), notes: notes).utf8))
            let hashing = files.contains(where: \.isListing)
            var written = [WrittenFile]()
            for file in files + [manifest] {
                try stopIfAsked()
                written.append(try Self.write(file, to: temporary.appendingPathComponent(file.name), after: written, hashing: hashing))
            }
            try stopIfAsked()
            if manager.fileExists(atPath: target.path) {
                if try FolderExchange.exchange(temporary, target) == .exchanged { return }
                try manager.moveItem(at: target, to: old)
                do { try manager.moveItem(at: temporary, to: target) } catch {
                    try? manager.moveItem(at: old, to: target)
                    throw error
                }
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch let error as OutputSetError {
            throw error
        } catch {
            throw .cannotWrite(path, error.localizedDescription)
        }
    }

    /// One file of the set, created and written piece by piece; a renderer's failure is
    /// told apart from the disk's.
    private static func write(_ file: OutputFile, to url: URL, after earlier: [WrittenFile], hashing: Bool) throws -> WrittenFile {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OutputSetError.cannotWrite(url.deletingLastPathComponent().path, "cannot create \(file.name)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        do {
            let written = try file.written(after: earlier, hashing: hashing, to: { data in
                do { try handle.write(contentsOf: data) } catch { throw DiskFailure(error: error) }
            }, restart: {
                do { try handle.truncate(atOffset: 0) } catch { throw DiskFailure(error: error) }
            })
            try handle.close()
            return written
        } catch let failure as DiskFailure {
            throw failure.error
        } catch let error as OutputSetError {
            throw error
        } catch {
            throw OutputSetError.cannotMake(file.name, "\(error)")
        }
    }

    /// The disk refused a piece of a file.
    private struct DiskFailure: Error {
        let error: any Error
    }

    private func manifestText(_ names: [String], notes: [String]) -> String {
        OutputManifest.text(engineVersion: AllocationJSON.engineVersion, names: names, notes: notes)
    }

    /// An existing folder is replaced only when it is verdeel's: empty, or holding nothing
    /// but a `manifest.txt` that verdeel wrote and the plain files it lists. Anything else
    /// (another program's manifest, a subfolder, a link, a file the manifest does not list)
    /// is someone else's and is never deleted.
    private func refuseForeignFolder(_ target: URL) throws(OutputSetError) {
        let manager = FileManager.default
        var status = stat()
        guard lstat(target.path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(path, link: (status.st_mode & S_IFMT) == S_IFLNK) }
        let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
        guard !contents.isEmpty else { return }
        let refuse = { (why: String) throws(OutputSetError) -> Never in throw .foreign(self.path, why) }
        let manifestURL = target.appendingPathComponent(Self.manifestName)
        guard contents.contains(Self.manifestName) else { try refuse("has files that verdeel did not write (it has no \(Self.manifestName))") }
        guard let data = BoundedFile.read(manifestURL, limit: BoundedFile.recordLimit), let manifest = OutputManifest(String(decoding: data, as: UTF8.self)) else {
            try refuse("has a \(Self.manifestName) that verdeel did not write")
        }
        let listed = Set(manifest.names + [Self.manifestName])
        for entry in contents {
            guard listed.contains(entry) else { try refuse("holds \(Printable.shown(entry)), which its \(Self.manifestName) does not list") }
            guard BoundedFile.isRegularFile(target.appendingPathComponent(entry)) else { try refuse("holds \(Printable.shown(entry)), which is not a plain file") }
        }
    }

    /// Temporary folders of earlier runs of this folder whose process is gone (killed).
    private func removeStaleTemporaries(in parent: URL, of name: String) {
        let prefix = ".\(name)\(Self.temporaryMarker)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let pid = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            if let number = Int32(pid), kill(number, 0) == 0 || errno == EPERM { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}

/// Why an output set cannot be written; nothing was changed in the folder.
public enum OutputSetError: Error, Sendable, CustomStringConvertible {
    case notAFolder(String, link: Bool)
    case foreign(String, String)
    case cannotWrite(String, String)
    /// A file's renderer failed: its name, why.
    case cannotMake(String, String)
    /// A signal arrived while the set was being written.
    case stopped

    public var description: String {
        switch self {
        case .notAFolder(let path, let link): "--output \(path) is \(link ? "a symbolic link" : "a file"), not a folder; name a folder"
        case .foreign(let path, let why): "the folder \(path) \(why); verdeel replaces its output folder as a whole, so name a new or empty folder"
        case .cannotWrite(let path, let reason): "cannot write the output folder \(path): \(reason); nothing was changed there"
        case .cannotMake(let name, let why): "\(name) cannot be made: \(why); nothing was changed in the output folder"
        case .stopped: "stopped: no output was written"
        }
    }
}
