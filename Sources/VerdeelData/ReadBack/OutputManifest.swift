/// `manifest.txt`, which verdeel writes into every output folder: a first line saying that
/// verdeel wrote the folder as one set, the files of the set (one a line, indented two
/// spaces), then the run's notes. Read back to decide whether a folder is verdeel's (and so
/// may be replaced) and which files a part or a report may read.
public struct OutputManifest: Equatable, Sendable {
    public static let fileName = "manifest.txt"
    static let firstLinePrefix = "Written by verdeel "
    static let firstLineSuffix = " as one set; these files belong together:"

    /// The files of the set, as listed.
    public let names: [String]
    /// The run's notes, the lines after the files.
    public let notes: [String]

    /// The manifest's text for a set of files and its notes.
    public static func text(engineVersion: String, names: [String], notes: [String]) -> String {
        var lines = [firstLinePrefix + engineVersion + firstLineSuffix]
        lines += names.map { "  \($0)" }
        lines += notes
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a manifest; nil when the text is not one verdeel wrote (its first line differs,
    /// or a listed name is not a plain file name).
    public init?(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix(Self.firstLinePrefix), first.hasSuffix(Self.firstLineSuffix) else { return nil }
        var names = [String]()
        var rest = lines.dropFirst()
        while let line = rest.first, line.hasPrefix("  ") {
            let name = String(line.dropFirst(2))
            guard PlainFileName.isPlain(name) else { return nil }
            names.append(name)
            rest = rest.dropFirst()
        }
        guard rest.last == "" else { return nil }
        self.names = names
        notes = rest.dropLast().map(String.init)
    }
}

/// A name verdeel writes or reads inside an output folder: letters, digits, `_`, `-` and
/// `.`, not starting with `.`, at most 255 bytes. No `/`, no `..`, no hidden or special
/// names, so a name read back from a file can never reach outside its folder.
public enum PlainFileName {
    public static func isPlain(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255, name.first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar))
        }
    }
}
