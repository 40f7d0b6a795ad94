import ArgumentParser
import Foundation
import VerdeelCore
import VerdeelData
import VerdeelReport

/// How `verdeel run` shows or writes results.
extension OutputFormat: ExpressibleByArgument {}

extension ReportLanguage: ExpressibleByArgument {}

/// The options of every command that writes results: the folder, the format and the
/// language of a workbook's or page's words. Checked when the command line is parsed.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Write the results into this folder, as one set with provenance.json.")
    var output: String?

    @Option(name: .long, help: "table, csv, csv-nl (';' and decimal comma), json, xlsx (a workbook) or html (update-impact's report); xlsx and html need --output.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "The language of a workbook's or a report's words: nl or en.")
    var lang: ReportLanguage = .nl

    func validate() throws {
        if format.needsFolder && output == nil { throw ValidationError("--format \(format.rawValue) writes a file into a folder; add --output DIR") }
    }

    /// Refuses a format the command does not write, naming the ones it does.
    func refuse(_ formats: Set<OutputFormat>) throws {
        guard formats.contains(format) else { return }
        let written = OutputFormat.allCases.filter { !formats.contains($0) }.map(\.rawValue)
        throw ValidationError("--format \(format.rawValue) is not written here; use \(written.joined(separator: ", "))")
    }
}

/// The output folder of a run, written as one set: every file goes into a new sibling
/// folder, which then replaces the old folder as a whole. A reader never sees files of two
/// runs side by side (no `ranks.csv` of an earlier run next to this run's `summary.csv`),
/// and an interruption, a full disk or a signal leaves the old folder as it was and no
/// temporary files behind. `manifest.txt` lists the files of the run; a folder that has
/// files but no manifest was not written by verdeel and is never replaced.
struct OutputSet {
    static let manifestName = OutputManifest.fileName
    static let temporaryMarker = ".verdeel-tmp-"
    let path: String

    init(_ path: String) {
        self.path = path
    }

    /// Writes the files and the manifest (`notes` are added to it), then swaps the folder in.
    func write(_ files: [(name: String, contents: String)], notes: [String] = []) throws {
        try write(files: files.map { ($0.name, Data($0.contents.utf8)) }, notes: notes)
    }

    /// The same for files of any bytes (a workbook).
    func write(files: [(name: String, data: Data)], notes: [String] = []) throws {
        try Interruption.shared.deferred { try writeSet(files, notes: notes) }
    }

    private func writeSet(_ files: [(name: String, data: Data)], notes: [String]) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try refuseForeignFolder(target)
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
            let manifest = manifestText(files.map(\.name), notes: notes)
            for file in files + [(Self.manifestName, Data(manifest.utf8))] {
                try stopIfSignalled()
                try file.data.write(to: temporary.appendingPathComponent(file.name))
            }
            try stopIfSignalled()
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
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: cannot write the output folder \(path): \(error.localizedDescription); nothing was changed there")
            throw ExitCode(1)
        }
    }

    private func manifestText(_ names: [String], notes: [String]) -> String {
        OutputManifest.text(engineVersion: AllocationJSON.engineVersion, names: names, notes: notes)
    }

    /// An existing folder is replaced only when it is verdeel's: empty, or holding nothing
    /// but a `manifest.txt` that verdeel wrote and the plain files it lists. Anything else
    /// (another program's manifest, a subfolder, a link, a file the manifest does not list)
    /// is someone else's and is never deleted.
    private func refuseForeignFolder(_ target: URL) throws {
        let manager = FileManager.default
        var status = stat()
        guard lstat(target.path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            printError("error: --output \(path) is \((status.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "a file"), not a folder; name a folder")
            throw ExitCode(1)
        }
        let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
        guard !contents.isEmpty else { return }
        let refuse = { (why: String) throws -> Never in
            printError("error: the folder \(self.path) \(why); verdeel replaces its output folder as a whole, so name a new or empty folder")
            throw ExitCode(1)
        }
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

    private func stopIfSignalled() throws {
        let interruption = Interruption.shared
        guard interruption.signalNumber != nil else { return }
        printError("\(interruption.signalName): no output was written")
        throw ExitCode(interruption.exitCode)
    }
}
