import Foundation

/// Splits a scenario file into tokens. Never fails: a character it cannot read becomes a
/// diagnostic and is skipped, so the parser still sees the rest of the file.
struct Lexer {
    let file: SourceFile
    private var index = 0
    private(set) var tokens = [Token]()
    private(set) var diagnostics = [Diagnostic]()
    /// Open parentheses: inside them a comma separates arguments (`clamp(x,0,1)`).
    private var parentheses = 0

    init(file: SourceFile) {
        self.file = file
    }

    static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    private var scalars: [Unicode.Scalar] { file.scalars }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func run() {
        while let scalar = peek() {
            let start = index
            switch scalar {
            case " ", "\t", "\r":
                index += 1
            case "\n":
                index += 1
                add(.newline, from: start)
            case "#":
                while let next = peek(), next != "\n" { index += 1 }
                add(.comment(text(from: start + 1).trimmingCharacters(in: .whitespaces)), from: start)
            case "\"":
                string(from: start)
            case "0"..."9":
                number(from: start)
            case "a"..."z", "A"..."Z", "_":
                while let next = peek(), Self.isIdentifierPart(next) { index += 1 }
                add(.identifier(text(from: start)), from: start)
            default:
                symbol(scalar, from: start)
            }
        }
        add(.end, from: index)
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    private mutating func symbol(_ scalar: Unicode.Scalar, from start: Int) {
        let pairs = ["..", "<=", ">=", "==", "!="]
        if let next = peek(1), pairs.contains(String(scalar) + String(next)) {
            index += 2
            add(.symbol(String(scalar) + String(next)), from: start)
        } else if "{}(),:=+-*/^<>.".unicodeScalars.contains(scalar) {
            index += 1
            if scalar == "(" { parentheses += 1 }
            if scalar == ")" { parentheses = max(0, parentheses - 1) }
            add(.symbol(String(scalar)), from: start)
        } else {
            index += 1
            let shown = scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
                ? String(format: "U+%04X", scalar.value) : "'\(scalar)'"
            let hint: String? = scalar == "€" ? "write amounts without a currency sign, e.g. 200k" : scalar == ";" ? "put each statement on its own line" : nil
            report(at: SourceRange(start, index), "unexpected character \(shown)", suggestion: hint)
        }
    }

    private mutating func string(from start: Int) {
        index += 1
        var value = String.UnicodeScalarView()
        while let scalar = peek(), scalar != "\"", scalar != "\n" {
            if scalar == "\\", let escaped = peek(1), escaped == "\"" || escaped == "\\" {
                value.append(escaped)
                index += 2
            } else {
                value.append(scalar)
                index += 1
            }
        }
        if peek() == "\"" {
            index += 1
        } else {
            report(at: SourceRange(start, index), "this string is not closed before the end of the line", suggestion: "add the closing \"")
        }
        add(.string(String(value)), from: start)
    }

    /// `2026`, `0.5`, `9_400_000`, `9.4M`, `200k`, `5%`; `2029..2031` is two numbers and `..`.
    private mutating func number(from start: Int) {
        var digits = ""
        func readDigits() {
            while let scalar = peek(), ("0"..."9").contains(scalar) || scalar == "_" {
                if scalar != "_" { digits.unicodeScalars.append(scalar) }
                index += 1
            }
        }
        readDigits()
        if peek() == ".", let next = peek(1), ("0"..."9").contains(next) {
            digits += "."
            index += 1
            readDigits()
            if peek() == ".", let next = peek(1), ("0"..."9").contains(next) {
                thousandsGroups(from: start)
                return
            }
        } else if peek() == ",", parentheses == 0, looksLikeDecimalComma() {
            decimalComma(from: start, whole: digits)
            return
        }
        let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) ?? 0
        var kind = Token.Kind.number(value)
        if let suffix = peek(), suffix == "%" || suffix == "k" || suffix == "M" {
            let isWordStart = suffix != "%" && peek(1).map(Self.isIdentifierPart) == true
            if !isWordStart {
                index += 1
                kind = suffix == "%" ? .percent(value / 100) : .amount(value * (suffix == "k" ? 1_000 : 1_000_000))
            }
        }
        if let next = peek(), Self.isIdentifierPart(next) {
            let wordStart = index
            while let scalar = peek(), Self.isIdentifierPart(scalar) { index += 1 }
            let word = text(from: wordStart)
            report(at: SourceRange(wordStart, index), "unknown unit '\(word)' after a number",
                suggestion: "write amounts as 200k or 9.4M (thousand, million), percentages as 5%")
        }
        if text(from: start).contains("_") && digits.contains(".") == false, case .number(let plain) = kind {
            kind = .amount(plain)
        }
        add(kind, from: start)
    }

    /// `1.000.000`: dots between groups of digits, the Dutch way of writing thousands.
    private mutating func thousandsGroups(from start: Int) {
        while let scalar = peek(), ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" { index += 1 }
        let written = text(from: start)
        let whole = written.replacingOccurrences(of: ".", with: "_")
        report(at: SourceRange(start, index), "'\(written)' groups thousands with '.'; verdeel reads '.' as a decimal point",
            suggestion: "write \(whole) (digits may be grouped with _), or use k and M such as 200k or 9.4M")
        add(.number(Decimal(string: written.replacingOccurrences(of: ".", with: ""), locale: Locale(identifier: "en_US_POSIX")) ?? 0), from: start)
    }

    /// At a comma right after digits: one or two digits follow (`6,5`, `5,25`), or digits
    /// and a unit (`6,125M`, `5,0%`). A comma before a year or a longer number is a list's.
    private func looksLikeDecimalComma() -> Bool {
        var ahead = 1
        while let scalar = peek(ahead), ("0"..."9").contains(scalar) { ahead += 1 }
        let digits = ahead - 1
        guard digits > 0 else { return false }
        if let unit = peek(ahead), unit == "%" || unit == "k" || unit == "M" { return peek(ahead + 1).map(Self.isIdentifierPart) != true }
        return digits <= 2 && peek(ahead) != "." && peek(ahead) != ":"
    }

    /// `6,5M` or `5,0%`: a decimal comma. Outside parentheses a comma between digits is
    /// never a list separator in verdeel's own layout (`150k, 200k`), so it is refused.
    private mutating func decimalComma(from start: Int, whole: String) {
        index += 1
        var fraction = ""
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            fraction.unicodeScalars.append(scalar)
            index += 1
        }
        var suffix = ""
        if let scalar = peek(), scalar == "%" || scalar == "k" || scalar == "M", peek(1).map(Self.isIdentifierPart) != true {
            suffix = String(scalar)
            index += 1
        }
        let written = text(from: start)
        report(at: SourceRange(start, index), "'\(written)' has a decimal comma; use a decimal point",
            suggestion: "write \(whole).\(fraction)\(suffix); in a list, put a space after each comma (150k, 200k)")
        let value = Decimal(string: "\(whole).\(fraction)", locale: Locale(identifier: "en_US_POSIX")) ?? 0
        let kind: Token.Kind = switch suffix {
        case "%": .percent(value / 100)
        case "k": .amount(value * 1_000)
        case "M": .amount(value * 1_000_000)
        default: .number(value)
        }
        add(kind, from: start)
    }

    /// Records a diagnostic, only the first ones (see ``Parser/maximumDiagnostics``).
    private mutating func report(at range: SourceRange, _ message: String, suggestion: String? = nil) {
        if diagnostics.count <= Parser.maximumDiagnostics { diagnostics.append(Diagnostic(at: range, in: file, message, suggestion: suggestion)) }
    }

    private func text(from start: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<index])
        return String(view)
    }

    private mutating func add(_ kind: Token.Kind, from start: Int) {
        tokens.append(Token(kind: kind, range: SourceRange(start, index), text: text(from: start)))
    }
}
