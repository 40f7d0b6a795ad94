import Foundation
import VerdeelCore
import VerdeelModel

/// Reads a scenario file and the files it includes, parses and checks them. The reading
/// itself is passed in, so this layer does no I/O of its own.
public enum ScenarioLoader {
    /// The result of compiling a scenario file.
    public struct Compilation: Sendable {
        public let plans: [ScenarioPlan]
        public let diagnostics: [Diagnostic]
        /// Every file read, main file first, with its bytes (for provenance).
        public let files: [(path: String, bytes: [UInt8])]
        /// Where the plans' sites are in the files.
        public let sources: SourceMap

        public var hasErrors: Bool { !diagnostics.isEmpty }
    }

    /// Compiles the file at `path`; `read` returns a file's bytes or `nil` if it cannot be read.
    public static func compile(path: String, read: (String) -> [UInt8]?) -> Compilation {
        var units = [Checker.Unit]()
        var diagnostics = [Diagnostic]()
        var files = [(path: String, bytes: [UInt8])]()
        var pending: [(path: String, from: (SourceFile, SourceRange)?)] = [(path, nil)]
        var loaded = Set<String>()
        while let next = pending.first {
            pending.removeFirst()
            let key = (next.path as NSString).standardizingPath
            guard loaded.insert(key).inserted else { continue }
            guard let bytes = read(next.path) else {
                if let (file, range) = next.from {
                    diagnostics.append(Diagnostic(at: range, in: file, "cannot read the included file '\(next.path)'", suggestion: "paths are relative to the including file, and every file must be inside the root folder (see --root)"))
                } else {
                    diagnostics.append(Diagnostic(at: SourceRange(0, 0), in: SourceFile(name: next.path, text: ""), "cannot read the file"))
                }
                continue
            }
            files.append((next.path, bytes))
            let text: String
            switch UTF8Text.decode(bytes) {
            case .success(let decoded):
                text = decoded
            case .failure(let invalid):
                let partial = SourceFile(name: next.path, text: "")
                diagnostics.append(Diagnostic(at: SourceRange(0, 0), in: partial, "the file is not valid UTF-8 text (first bad byte at line \(invalid.line), column \(invalid.column)); is this a scenario file?"))
                continue
            }
            let file = SourceFile(name: next.path, text: text)
            if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
                diagnostics.append(Diagnostic(at: SourceRange(0, 0), in: file, "the file is empty", suggestion: "a scenario file declares at least one scenario: scenario baseline { ... }"))
                continue
            }
            let (document, parsed) = Parser.parse(file)
            diagnostics += parsed
            let directory = (next.path as NSString).deletingLastPathComponent
            units.append(Checker.Unit(document: document, directory: directory))
            for line in document.lines {
                let lineNumber = file.location(of: line.range.start).line
                if case .include(let path) = line.node, !parsed.contains(where: { $0.location.line == lineNumber }) {
                    pending.append((resolved(path.text, in: directory), (file, path.range)))
                }
            }
        }
        let partial = !diagnostics.isEmpty
        let (plans, checked, sources) = Checker.check(units, partial: partial)
        let all = (diagnostics + checked).sorted { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        return Compilation(plans: partial ? [] : plans, diagnostics: all, files: files, sources: sources)
    }

    /// A path as written in `directory`'s file: relative paths start there, absolute ones stand.
    public static func resolved(_ path: String, in directory: String) -> String {
        TablePlan.resolved(path, in: directory)
    }
}
