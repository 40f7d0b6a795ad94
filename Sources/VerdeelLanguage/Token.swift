import Foundation

/// One lexical unit of a scenario file.
public struct Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case identifier(String)
        case string(String)
        /// A plain number, e.g. `2026` or `0.5`.
        case number(Decimal)
        /// A number with `%`, as a fraction: `5%` is 0.05.
        case percent(Decimal)
        /// An amount of euros: `9.4M`, `200k`, or `9_400_000` written with grouping.
        case amount(Decimal)
        case symbol(String)
        case newline
        case comment(String)
        case end
    }

    public let kind: Kind
    public let range: SourceRange
    /// The exact source text, for the formatter.
    public let text: String
}

extension Token.Kind {
    /// How the kind is named in messages.
    var noun: String {
        switch self {
        case .identifier(let name): return "'\(name.count > 40 ? name.prefix(40) + "..." : name)'"
        case .string: return "a string"
        case .number: return "a number"
        case .percent: return "a percentage"
        case .amount: return "an amount"
        case .symbol(let symbol): return "'\(symbol)'"
        case .newline: return "the end of the line"
        case .comment: return "a comment"
        case .end: return "the end of the file"
        }
    }
}
