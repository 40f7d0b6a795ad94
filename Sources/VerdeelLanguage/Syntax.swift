import Foundation

/// The syntax tree of a scenario file: what the parser read, with source ranges for
/// diagnostics and comments for the formatter. No meaning is checked here.
public struct Document: Sendable {
    public let file: SourceFile
    public var lines: [Line<TopLevel>]
    /// Comments after the last declaration.
    public var closingComments: [Trivia]
}

/// What stands between statements: a comment line, or one blank line (several collapse
/// into one; none is kept right after `{` or right before `}`).
public enum Trivia: Hashable, Sendable {
    case comment(String)
    case blankLine
}

/// A declaration on its own line(s), with the comments above it and after it.
public struct Line<Node: Sendable>: Sendable {
    public var node: Node
    public var range: SourceRange
    public var leadingComments: [Trivia] = []
    public var trailingComment: String?
}

/// A name: an identifier (`jongerenwerk`) or a quoted string (`"jongerenwerk en opbouwwerk"`).
public struct Name: Hashable, Sendable {
    public let text: String
    public let range: SourceRange
    public let quoted: Bool
}

/// A number as written: plain, percentage or amount.
public struct Literal: Hashable, Sendable {
    public enum Unit: Hashable, Sendable { case plain, percent, amount }
    public let unit: Unit
    /// The value: a percentage as a fraction (5% is 0.05), an amount in euros.
    public let value: Decimal
    public let text: String
    public let range: SourceRange
}

public enum TopLevel: Sendable {
    case include(path: Name)
    case scenario(ScenarioDeclaration)
}

/// `scenario NAME [extends PARENT] { ... }`.
public struct ScenarioDeclaration: Sendable {
    public var name: Name
    public var parent: Name?
    public var lines: [Line<ScenarioItem>]
    public var closingComments: [Trivia]
}

public enum ScenarioItem: Sendable {
    /// `title "..."`: the scenario's name for people (the id stays for scripts).
    case title(Name)
    case data(DataBlock)
    case criterion(name: Name, expression: Expr)
    case measure(MeasureDeclaration)
    case assertion(Assertion)
    case variants(VariantsBlock)
    case monteCarlo(MonteCarloBlock)
    case fairness(FairnessBlock)
    case sensitivity(SensitivityBlock)
    /// `set MEASURE.PARAMETER = VALUE`: one of a measure's parameters set as `--set` sets it
    /// (the other key weights keep their proportions), after every declaration of the chain.
    case set(name: Name, value: Literal)
}

/// `data { regions ... table ... districts ... }`.
public struct DataBlock: Sendable {
    public var tables: [Line<TableDeclaration>]
    public var closingComments: [Trivia]
}

/// One CSV file of the data block and the columns read from it.
public struct TableDeclaration: Sendable {
    public enum Role: String, Sendable { case regions, table, districts }
    public var role: Role
    /// The table's name; `regions` and `districts` are named after their role.
    public var name: Name
    public var path: Name
    /// Options: `key COLUMN`, `name COLUMN`, `region COLUMN`, `vintage COLUMN = "value"`,
    /// `synthetic`, `source "text"`.
    public var options: [TableOption]
    public var columns: [Line<ColumnDeclaration>]
    public var closingComments: [Trivia]
}

public enum TableOption: Sendable {
    case key(Name)
    case label(Name)
    case region(Name)
    case vintage(column: Name, value: Name)
    case synthetic(SourceRange)
    /// Where the figures come from, e.g. `source "CBS 85984NED"`: written into outputs.
    case source(Name)
    /// On a districts table: a region without district rows gets 0 from `sum_districts`
    /// (without it, such a region is an error).
    case missingAsZero(SourceRange)
    /// On a districts table: a district with an empty cell in a column read is left out
    /// (CBS gives no SES-WOA score for districts with few households).
    case skipEmpty(SourceRange)
    /// The path is a CBS download (an OData folder, or a StatLine CSV export of the named
    /// table), read as `verdeel data import-cbs` reads it.
    case cbs(SourceRange, table: Name?)
}

/// `COLUMN [as INDICATOR]: KIND` with KIND `count`, `nonnegative` or `score`.
public struct ColumnDeclaration: Sendable {
    public var column: Name
    public var alias: Name?
    public var kind: Name
}

/// `measure ID ["Title"] { ... }`.
public struct MeasureDeclaration: Sendable {
    public var id: Name
    public var title: Name?
    public var lines: [Line<MeasureStatement>]
    public var closingComments: [Trivia]
}

/// A year or a range of years: `2026` or `2029..2031`.
public struct YearSpan: Hashable, Sendable {
    public let first: Int
    public let last: Int
    public let range: SourceRange
}

public struct BudgetEntry: Sendable {
    public let years: YearSpan
    /// The budget, or `nil` for `none`: the years are removed (e.g. from an inherited budget).
    public let amount: Literal?
}

public struct KeyTerm: Sendable {
    public let criterion: Name
    public let weight: Literal
}

public enum MeasureStatement: Sendable {
    case budget([BudgetEntry])
    case topslice(name: Name, size: Literal)
    /// `base 200k [if infeasible scale]`; `base none` removes an inherited base.
    case base(amount: Literal?, policy: Name?)
    case key([KeyTerm])
    case component(name: Name, share: Literal, key: [KeyTerm]?)
    case earmark(purpose: Name, minimum: Literal)
    case floor(amount: Literal, per: Name?)
    case cap(amount: Literal, per: Name?)
    case transition(change: Literal, per: Name?)
    case rounding(Name)
}

/// `assert LEFT OP RIGHT ["label"]`.
public struct Assertion: Sendable {
    public var left: Expr
    public var comparison: String
    public var right: Expr
    public var label: Name?
}

/// An expression: criteria, transforms, and both sides of an assertion.
public indirect enum Expr: Sendable {
    case literal(Literal)
    case name(Name)
    case string(Name)
    case negate(Expr, SourceRange)
    case binary(String, Expr, Expr)
    case call(Name, [Expr], SourceRange)
    case parenthesized(Expr, SourceRange)

    public var range: SourceRange {
        switch self {
        case .literal(let literal): return literal.range
        case .name(let name), .string(let name): return name.range
        case .negate(_, let range), .call(_, _, let range), .parenthesized(_, let range): return range
        case .binary(_, let left, let right): return left.range.joined(right.range)
        }
    }
}
