extension Parser {
    /// `comparison := additive (op additive)?`
    mutating func expression() throws(Failure) -> Expr {
        let left = try additive()
        if case .symbol(let symbol) = current.kind, ["<", "<=", ">", ">=", "==", "!="].contains(symbol) {
            advance()
            return .binary(symbol, left, try additive())
        }
        return left
    }

    mutating func additive() throws(Failure) -> Expr {
        try chain(["+", "-"]) { parser throws(Failure) in try parser.multiplicative() }
    }

    mutating func multiplicative() throws(Failure) -> Expr {
        try chain(["*", "/"]) { parser throws(Failure) in try parser.unary() }
    }

    /// `operand (op operand)*`, nested to the left.
    private mutating func chain(_ symbols: Set<String>, _ operand: (inout Parser) throws(Failure) -> Expr) throws(Failure) -> Expr {
        var left = try operand(&self)
        var operators = 0
        while case .symbol(let symbol) = current.kind, symbols.contains(symbol) {
            try countOperator(&operators)
            advance()
            left = .binary(symbol, left, try operand(&self))
        }
        return left
    }

    /// Chains of operators nest to the left; a cap keeps later passes from recursing too deep.
    private mutating func countOperator(_ operators: inout Int) throws(Failure) {
        operators += 1
        guard operators <= Self.maximumChain else {
            throw fail("this expression is too long (more than \(Self.maximumChain) operators in a row)", suggestion: "split it into named criteria")
        }
    }

    mutating func unary() throws(Failure) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw fail("this expression is nested too deeply (more than \(Self.maximumDepth) levels)", suggestion: "split it into named criteria")
        }
        if isSymbol("-") {
            let start = current.range.start
            advance()
            let operand = try unary()
            return .negate(operand, SourceRange(start, operand.range.end))
        }
        let base = try primary()
        if isSymbol("^") {
            advance()
            return .binary("^", base, try unary())
        }
        return base
    }

    mutating func primary() throws(Failure) -> Expr {
        let token = current
        switch token.kind {
        case .number, .percent, .amount:
            return .literal(try literal("a number"))
        case .string(let text):
            advance()
            return .string(Name(text: text, range: token.range, quoted: true))
        case .identifier(let text):
            advance()
            let name = Name(text: text, range: token.range, quoted: false)
            guard isSymbol("(") else { return .name(name) }
            advance()
            var arguments = [Expr]()
            if !isSymbol(")") {
                arguments.append(try expression())
                while isSymbol(",") {
                    advance()
                    arguments.append(try expression())
                }
            }
            let close = current
            try expectSymbol(")", "to close the arguments of \(text)(")
            return .call(name, arguments, SourceRange(token.range.start, close.range.end))
        case .symbol("("):
            advance()
            let inner = try expression()
            let close = current
            try expectSymbol(")", "to close the '(' at column \(file.location(of: token.range.start).column)")
            return .parenthesized(inner, SourceRange(token.range.start, close.range.end))
        default:
            throw fail("expected a value (a number, an indicator or a function), found \(token.kind.noun)")
        }
    }
}
