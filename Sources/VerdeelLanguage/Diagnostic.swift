/// An error in a scenario file: where, what, and the likely fix. Rendered as
/// `file:line:column: error: message`, the source line, a caret, and the suggestion.
public struct Diagnostic: Hashable, Sendable {
    public let location: SourceLocation
    /// Length of the caret underline (at least 1).
    public let length: Int
    public let message: String
    /// The likely fix, e.g. "did you mean 'inhabitants'?".
    public let suggestion: String?
    /// The offending source line, for rendering; nil for a file whose name does not end
    /// in `.verdeel` (or start with `--`: an option's text, the user's own), whose lines are never shown (it may not be a scenario file at all:
    /// an `include` of a secret or a system file must not print its contents).
    public let sourceLine: String?

    public init(at range: SourceRange, in file: SourceFile, _ message: String, suggestion: String? = nil) {
        self.location = file.location(of: range.start)
        let end = file.location(of: max(range.start, range.end))
        self.length = end.line == location.line ? max(1, end.column - location.column) : 1
        self.message = message
        self.suggestion = suggestion
        // Only what `rendered` shows of it, so a diagnostic on a long line stays small.
        self.sourceLine = file.name.hasSuffix(".verdeel") || file.name.hasPrefix("--") ? file.line(location.line, limit: 201) : nil
    }

    /// The diagnostic as a person reads it: location, message, source line, caret, fix.
    public var rendered: String {
        var text = "\(location): error: \(message)\n"
        guard let sourceLine else {
            if let suggestion { text += "    help: \(suggestion)\n" }
            return text
        }
        let shown = String(sourceLine.unicodeScalars.prefix(200).map(Character.init))
        text += "    \(shown)\n"
        let caretColumn = min(location.column, 201)
        let caretLength = max(1, min(length, 201 - caretColumn))
        text += "    " + String(repeating: " ", count: caretColumn - 1) + String(repeating: "^", count: caretLength) + "\n"
        if let suggestion { text += "    help: \(suggestion)\n" }
        return text
    }
}
