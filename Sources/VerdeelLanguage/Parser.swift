import VerdeelCore
import VerdeelModel

/// Reads tokens into a ``Document``. Recovers from errors: a statement that cannot be read
/// gets one diagnostic and is skipped to the end of its line, so one pass reports every
/// independent error. Never traps, whatever the input.
public struct Parser {
    let file: SourceFile
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic] = []
    var depth = 0
    /// Set when a block ended at an enclosing block's keyword (its `}` is missing): the
    /// statement that opened it then ends there too, without a line break.
    var endedWithoutBrace = false

    /// Expressions nested deeper than this are rejected instead of exhausting the stack.
    static let maximumDepth = 100
    /// Longest chain of `+ - * /` in one expression.
    static let maximumChain = 1_000
    /// After this many errors in one file the parser stops reporting.
    static let maximumDiagnostics = 50

    /// Parses a whole file.
    public static func parse(_ file: SourceFile) -> (document: Document, diagnostics: [Diagnostic]) {
        let (tokens, lexical) = Lexer.tokenize(file)
        var parser = Parser(file: file, tokens: tokens)
        parser.diagnostics = lexical
        let document = parser.parseDocument()
        var diagnostics = parser.diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        if diagnostics.count > maximumDiagnostics {
            let last = diagnostics[maximumDiagnostics - 1]
            diagnostics = Array(diagnostics.prefix(maximumDiagnostics))
            diagnostics.append(Diagnostic(at: SourceRange(0, 0), in: file, "too many errors (stopped after \(maximumDiagnostics)); is this a scenario file? The last one shown is at \(last.location)"))
        }
        return (document, diagnostics)
    }

    /// Marks a statement that could not be read; its diagnostic is already recorded.
    struct Failure: Error {}

    var current: Token { tokens[min(position, tokens.count - 1)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    func isWord(_ word: String) -> Bool {
        if case .identifier(word) = current.kind { return true }
        return false
    }

    var isEndOfStatement: Bool {
        switch current.kind {
        case .newline, .end, .comment: return true
        case .symbol("}"): return true
        default: return false
        }
    }

    /// Records a diagnostic (only the first ones: past the shown maximum, more would cost
    /// time and memory on a broken file and never be shown) and returns the failure.
    mutating func fail(_ message: String, at range: SourceRange? = nil, suggestion: String? = nil) -> Failure {
        if diagnostics.count <= Self.maximumDiagnostics {
            diagnostics.append(Diagnostic(at: range ?? current.range, in: file, message, suggestion: suggestion))
        }
        return Failure()
    }

    mutating func expectSymbol(_ symbol: String, _ context: String) throws(Failure) {
        guard isSymbol(symbol) else { throw fail("expected '\(symbol)' \(context), found \(current.kind.noun)") }
        advance()
    }

    mutating func expectWord(_ word: String, _ context: String) throws(Failure) {
        guard isWord(word) else { throw fail("expected '\(word)' \(context), found \(current.kind.noun)") }
        advance()
    }

    /// An identifier or a quoted string.
    mutating func name(_ what: String) throws(Failure) -> Name {
        switch current.kind {
        case .identifier(let text):
            defer { advance() }
            return Name(text: text, range: current.range, quoted: false)
        case .string(let text):
            defer { advance() }
            return Name(text: text, range: current.range, quoted: true)
        default:
            throw fail("expected \(what), found \(current.kind.noun)")
        }
    }

    mutating func string(_ what: String) throws(Failure) -> Name {
        guard case .string(let text) = current.kind else { throw fail("expected \(what) in quotes, found \(current.kind.noun)") }
        defer { advance() }
        return Name(text: text, range: current.range, quoted: true)
    }

    mutating func literal(_ what: String) throws(Failure) -> Literal {
        let token = current
        let literal: Literal
        switch token.kind {
        case .number(let value): literal = Literal(unit: .plain, value: value, text: token.text, range: token.range)
        case .percent(let value): literal = Literal(unit: .percent, value: value, text: token.text, range: token.range)
        case .amount(let value): literal = Literal(unit: .amount, value: value, text: token.text, range: token.range)
        default: throw fail("expected \(what), found \(token.kind.noun)", suggestion: "amounts look like 200k or 9.4M, percentages like 5%")
        }
        advance()
        return literal
    }

    /// Skips the rest of a broken statement: to the end of its line, over nested blocks.
    mutating func recover() {
        var nesting = 0
        while true {
            switch current.kind {
            case .end: return
            case .symbol("{"): nesting += 1
            case .symbol("}"):
                if nesting == 0 { return }
                nesting -= 1
            case .newline where nesting == 0: return
            default: break
            }
            advance()
        }
    }

    /// Reads the comments and blank lines before a statement (or before a closing `}`).
    /// `atStart`: right after `{` or at the top of the file, where blank lines are dropped.
    mutating func gap(atStart: Bool) -> [Trivia] {
        var trivia = [Trivia]()
        var newlines = atStart ? 1 : 0
        while true {
            switch current.kind {
            case .newline:
                newlines += 1
                if newlines == 2, !(atStart && trivia.isEmpty), trivia.last != .blankLine { trivia.append(.blankLine) }
            case .comment(let text):
                trivia.append(.comment(text))
                newlines = 0
            default:
                if isSymbol("}") || current.kind == .end {
                    while trivia.last == .blankLine { trivia.removeLast() }
                }
                return trivia
            }
            advance()
        }
    }

    /// After a statement: an optional comment, then a line break, `}` or the end.
    mutating func endOfLine() throws(Failure) -> String? {
        if endedWithoutBrace {
            endedWithoutBrace = false
            return nil
        }
        var trailing: String?
        if case .comment(let text) = current.kind {
            trailing = text
            advance()
        }
        switch current.kind {
        case .newline, .end, .symbol("}"): return trailing
        default: throw fail("expected the end of the statement, found \(current.kind.noun)", suggestion: "put each statement on its own line")
        }
    }

    /// Keywords that open a statement of a scenario or of a file, or a table of a data block.
    static let enclosingKeywords = Set(topLevelKeywords + scenarioKeywords + tableKeywords)

    /// Reads `{ line* }` after the opening brace; each line by `parseLine`. A line that
    /// starts with a keyword of an enclosing block (not one of this block's `keywords`, and
    /// not a column name followed by `:`) means this block's `}` is missing: that is
    /// reported at the opening brace, and the line is left to the enclosing block.
    mutating func block<Node>(
        opened opening: Token, _ what: String, keywords: [String], parseLine: (inout Parser) throws(Failure) -> Node
    ) -> (lines: [Line<Node>], closingComments: [Trivia]) {
        var lines = [Line<Node>]()
        while true {
            let comments = gap(atStart: lines.isEmpty)
            if isSymbol("}") {
                advance()
                return (lines, comments)
            }
            if case .identifier(let word) = current.kind, Self.enclosingKeywords.contains(word), !keywords.contains(word),
                tokens[min(position + 1, tokens.count - 1)].kind != .symbol(":")
            {
                let line = file.location(of: opening.range.start).line
                let before = file.location(of: current.range.start).line
                if diagnostics.count <= Self.maximumDiagnostics { diagnostics.append(Diagnostic(
                    at: opening.range, in: file, "the \(what) opened here on line \(line) is not closed before the '\(word)' on line \(before)",
                    suggestion: "add a '}' before line \(before)")) }
                endedWithoutBrace = true
                return (lines, comments)
            }
            if case .end = current.kind {
                let line = file.location(of: opening.range.start).line
                diagnostics.append(Diagnostic(at: opening.range, in: file, "the \(what) opened here on line \(line) is never closed", suggestion: "add a '}' at its end"))
                return (lines, comments)
            }
            let start = current.range.start
            do throws(Failure) {
                let node = try parseLine(&self)
                let end = tokens[max(0, position - 1)].range.end
                let trailing = try endOfLine()
                lines.append(Line(node: node, range: SourceRange(start, end), leadingComments: comments, trailingComment: trailing))
            } catch {
                recover()
            }
        }
    }

    /// Reports an unknown statement keyword, suggesting the nearest known one.
    mutating func unknownKeyword(expected keywords: [String], in context: String) -> Failure {
        if case .identifier(let word) = current.kind {
            let suggestion = NearestName.find(word, among: keywords).map { "did you mean '\($0)'?" }
            let shown = word.count > 40 ? word.prefix(40) + "..." : word
            return fail("unknown statement '\(shown)' in \(context); expected one of: \(keywords.joined(separator: ", "))", suggestion: suggestion)
        }
        return fail("expected a statement in \(context) (\(keywords.joined(separator: ", "))), found \(current.kind.noun)")
    }
}
