/// The text of one scenario file and its name, with the line index that turns offsets
/// into line:column for diagnostics.
public struct SourceFile: Sendable {
    /// The name used in messages (the path as the user gave it).
    public let name: String
    /// The text as Unicode scalars, so offsets and columns count characters a person sees.
    let scalars: [Unicode.Scalar]
    /// Offsets where each line starts.
    let lineStarts: [Int]

    /// A file from text that is already valid Unicode.
    public init(name: String, text: String) {
        self.name = name
        self.scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    /// The location of an offset (1-based line and column).
    public func location(of offset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(file: name, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line without its line break, at most its first `limit` scalars
    /// (a diagnostic shows only the start of a very long line, and must not copy all of it).
    public func line(_ number: Int, limit: Int = .max) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        end = min(end, start + min(limit, scalars.count))
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<max(start, end)])
        return String(text)
    }
}

/// Where something is in a scenario file: file, 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public var description: String { "\(file):\(line):\(column)" }
}

/// A range of a source file by scalar offsets, as tokens and syntax nodes carry it.
public struct SourceRange: Hashable, Sendable {
    public let start: Int
    public let end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func joined(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}
