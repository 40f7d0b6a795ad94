import VerdeelCore
import VerdeelModel

extension Parser {
    static let topLevelKeywords = ["scenario", "include"]
    static let scenarioKeywords = ["title", "data", "criterion", "measure", "assert", "variants", "montecarlo", "fairness", "sensitivity", "set"]
    static let tableKeywords = ["regions", "table", "districts"]

    mutating func parseDocument() -> Document {
        var lines = [Line<TopLevel>]()
        while true {
            let comments = gap(atStart: lines.isEmpty)
            if case .end = current.kind { return Document(file: file, lines: lines, closingComments: comments) }
            let start = current.range.start
            do throws(Failure) {
                let node: TopLevel
                if isWord("include") {
                    advance()
                    node = .include(path: try string("the path of the file to include"))
                } else if isWord("scenario") {
                    node = .scenario(try scenario())
                } else if isSymbol("}") {
                    throw fail("this '}' closes nothing", suggestion: "remove it, or check the braces above")
                } else {
                    throw unknownKeyword(expected: Self.topLevelKeywords, in: "a scenario file")
                }
                let end = tokens[max(0, position - 1)].range.end
                let trailing = try endOfLine()
                lines.append(Line(node: node, range: SourceRange(start, end), leadingComments: comments, trailingComment: trailing))
            } catch {
                recover()
                if isSymbol("}") { advance() }
            }
        }
    }

    mutating func scenario() throws(Failure) -> ScenarioDeclaration {
        advance()
        let name = try name("the scenario's name")
        var parent: Name?
        if isWord("extends") {
            advance()
            parent = try self.name("the name of the scenario it extends")
        }
        let opening = current
        try expectSymbol("{", "after the scenario's name")
        let (lines, closing) = block(opened: opening, "scenario '\(name.text)'", keywords: Self.scenarioKeywords) { parser throws(Failure) in
            try parser.scenarioItem()
        }
        return ScenarioDeclaration(name: name, parent: parent, lines: lines, closingComments: closing)
    }

    mutating func scenarioItem() throws(Failure) -> ScenarioItem {
        if isWord("title") {
            advance()
            return .title(try string("the scenario's title"))
        }
        if isWord("data") {
            advance()
            let opening = current
            try expectSymbol("{", "after 'data'")
            let (tables, closing) = block(opened: opening, "data block", keywords: Self.tableKeywords) { parser throws(Failure) in
                try parser.table()
            }
            return .data(DataBlock(tables: tables, closingComments: closing))
        }
        if isWord("criterion") {
            advance()
            let name = try name("the criterion's name")
            try expectSymbol("=", "after the criterion's name")
            return .criterion(name: name, expression: try expression())
        }
        if isWord("measure") {
            return .measure(try measure())
        }
        if isWord("variants") {
            return .variants(try variantsBlock())
        }
        if isWord("fairness") {
            return .fairness(try fairnessBlock())
        }
        if isWord("sensitivity") {
            return .sensitivity(try sensitivityBlock())
        }
        if isWord("montecarlo") {
            return .monteCarlo(try monteCarloBlock())
        }
        if isWord("assert") {
            advance()
            return .assertion(try assertion())
        }
        if isWord("set") {
            return try setting()
        }
        throw unknownKeyword(expected: Self.scenarioKeywords, in: "a scenario")
    }

    /// `set NAME = VALUE`: the name is the text up to `=` as written (`jongerenwerk.weight.need`,
    /// `wijk.budget.2027-2029`), read against the measures by the checker.
    mutating func setting() throws(Failure) -> ScenarioItem {
        advance()
        let first = current
        var last: Token?
        while !isSymbol("="), !isEndOfStatement {
            last = current
            advance()
        }
        guard let last, isSymbol("=") else {
            throw fail("expected a parameter's name and '=' after 'set'", suggestion: "e.g. set jongerenwerk.weight.need = 70%")
        }
        let range = SourceRange(first.range.start, last.range.end)
        let text = String(String.UnicodeScalarView(file.scalars[range.start..<range.end]))
        advance()
        let value = try literal("the parameter's value")
        return .set(name: Name(text: text, range: range, quoted: false), value: value)
    }

    mutating func assertion() throws(Failure) -> Assertion {
        let left = try additive()
        guard case .symbol(let symbol) = current.kind, ["==", "!=", "<", "<=", ">", ">="].contains(symbol) else {
            if isSymbol("=") { throw fail("use '==' to compare", suggestion: "assert LEFT == RIGHT") }
            throw fail("expected a comparison (==, !=, <, <=, >, >=) in the assertion, found \(current.kind.noun)")
        }
        advance()
        let right = try additive()
        var label: Name?
        if case .string = current.kind { label = try string("a label") }
        return Assertion(left: left, comparison: symbol, right: right, label: label)
    }

    mutating func table() throws(Failure) -> TableDeclaration {
        guard case .identifier(let word) = current.kind, let role = TableDeclaration.Role(rawValue: word) else {
            throw unknownKeyword(expected: Self.tableKeywords, in: "a data block")
        }
        let roleRange = current.range
        advance()
        let name = role == .table ? try self.name("the table's name") : Name(text: role.rawValue, range: roleRange, quoted: false)
        let path = try string("the CSV file's path")
        var options = [TableOption]()
        while !isSymbol("{"), !isEndOfStatement {
            let option = try self.name("a table option (key, name, region, vintage, synthetic, source, missing_as_zero, skip_empty, cbs)")
            switch option.text {
            case "key": options.append(.key(try self.name("the key column")))
            case "name": options.append(.label(try self.name("the name column")))
            case "region": options.append(.region(try self.name("the column with the region code")))
            case "vintage":
                let column = try self.name("the vintage column")
                try expectSymbol("=", "after the vintage column")
                options.append(.vintage(column: column, value: try string("the vintage")))
            case "synthetic": options.append(.synthetic(option.range))
            case "source": options.append(.source(try string("the table's source")))
            case "missing_as_zero": options.append(.missingAsZero(option.range))
            case "skip_empty": options.append(.skipEmpty(option.range))
            case "cbs":
                if case .string = current.kind {
                    options.append(.cbs(option.range, table: try string("the CBS table")))
                } else {
                    options.append(.cbs(option.range, table: nil))
                }
            default:
                let suggestion = NearestName.find(option.text, among: ["key", "name", "region", "vintage", "synthetic", "source", "missing_as_zero", "skip_empty", "cbs"]).map { "did you mean '\($0)'?" }
                throw fail("unknown table option '\(option.text)'", at: option.range, suggestion: suggestion)
            }
        }
        let opening = current
        try expectSymbol("{", "before the table's columns")
        let (columns, closing) = block(opened: opening, "column list", keywords: []) { parser throws(Failure) in
            try parser.column()
        }
        return TableDeclaration(role: role, name: name, path: path, options: options, columns: columns, closingComments: closing)
    }

    mutating func column() throws(Failure) -> ColumnDeclaration {
        let column = try name("a column name")
        var alias: Name?
        if isWord("as") {
            advance()
            alias = try name("the indicator's name")
        }
        try expectSymbol(":", "after the column name (e.g. inhabitants: count)")
        return ColumnDeclaration(column: column, alias: alias, kind: try name("the column's kind (count, nonnegative, score or text)"))
    }
}
