import Foundation
import VerdeelCore
import VerdeelModel

extension Parser {
    static let measureKeywords = ["budget", "topslice", "base", "key", "component", "earmark", "floor", "cap", "transition", "rounding"]

    mutating func measure() throws(Failure) -> MeasureDeclaration {
        advance()
        let id = try name("the measure's name")
        var title: Name?
        if case .string = current.kind { title = try string("the measure's title") }
        let opening = current
        try expectSymbol("{", "after the measure's name")
        let (lines, closing) = block(opened: opening, "measure '\(id.text)'", keywords: Self.measureKeywords) { parser throws(Failure) in
            try parser.measureStatement()
        }
        return MeasureDeclaration(id: id, title: title, lines: lines, closingComments: closing)
    }

    mutating func measureStatement() throws(Failure) -> MeasureStatement {
        guard case .identifier(let keyword) = current.kind, Self.measureKeywords.contains(keyword) else {
            throw unknownKeyword(expected: Self.measureKeywords, in: "a measure")
        }
        advance()
        switch keyword {
        case "budget":
            return .budget(try list { parser throws(Failure) in try parser.budgetEntry() })
        case "topslice":
            let name = try name("the top-slice's name")
            return .topslice(name: name, size: try literal("the top-slice's size (e.g. 5% or 100k)"))
        case "base":
            if isWord("none") {
                advance()
                return .base(amount: nil, policy: nil)
            }
            let amount = try literal("the base amount (e.g. 200k)")
            var policy: Name?
            if isWord("if") {
                advance()
                try expectWord("infeasible", "after 'if' (base 200k if infeasible scale)")
                policy = try name("'error' or 'scale'")
            }
            return .base(amount: amount, policy: policy)
        case "key":
            return .key(try keyTerms())
        case "component":
            let name = try name("the component's name")
            let share = try literal("the component's share (e.g. 2M or 25%)")
            var key: [KeyTerm]?
            if isWord("key") {
                advance()
                key = try keyTerms()
            }
            return .component(name: name, share: share, key: key)
        case "earmark":
            let purpose = try name("the earmark's purpose")
            try expectSymbol(">=", "in an earmark (earmark youth >= 10%)")
            return .earmark(purpose: purpose, minimum: try literal("the minimum share (e.g. 10%)"))
        case "floor", "cap":
            let amount = try literal("the \(keyword) amount (e.g. 100k, or 2.5 per inhabitants)")
            let per = try perIndicator()
            return keyword == "floor" ? .floor(amount: amount, per: per) : .cap(amount: amount, per: per)
        case "transition":
            let change = try literal("the largest change (e.g. 10% or 50k)")
            let per = try perIndicator()
            try expectWord("from", "in a transition limit (transition 10% from previous year)")
            try expectWord("previous", "in a transition limit (transition 10% from previous year)")
            try expectWord("year", "in a transition limit (transition 10% from previous year)")
            return .transition(change: change, per: per)
        default:
            return .rounding(try name("'euro' or 'cent'"))
        }
    }

    mutating func perIndicator() throws(Failure) -> Name? {
        guard isWord("per") else { return nil }
        advance()
        return try name("an indicator after 'per'")
    }

    mutating func keyTerms() throws(Failure) -> [KeyTerm] {
        try list { parser throws(Failure) in
            let criterion = try parser.name("a criterion")
            return KeyTerm(criterion: criterion, weight: try parser.literal("the weight of '\(criterion.text)' (e.g. 50%)"))
        }
    }

    mutating func budgetEntry() throws(Failure) -> BudgetEntry {
        let years = try yearSpan()
        try expectSymbol(":", "after the year (budget 2026: 10M)")
        if isWord("none") {
            advance()
            return BudgetEntry(years: years, amount: nil)
        }
        return BudgetEntry(years: years, amount: try literal("the budget (e.g. 10M, or none)"))
    }

    mutating func yearSpan() throws(Failure) -> YearSpan {
        let first = try year()
        var last = first
        if isSymbol("..") {
            advance()
            last = try year()
        }
        return YearSpan(first: first.value, last: last.value, range: first.range.joined(last.range))
    }

    private mutating func year() throws(Failure) -> (value: Int, range: SourceRange) {
        guard case .number(let value) = current.kind, let year = Int(current.text), (1900...2200).contains(year), year == NSDecimalNumber(decimal: value).intValue else {
            throw fail("expected a year such as 2026, found \(current.kind.noun)")
        }
        defer { advance() }
        return (year, current.range)
    }

    /// `item (, item)*`; a line may break after a comma.
    mutating func list<Item>(_ item: (inout Parser) throws(Failure) -> Item) throws(Failure) -> [Item] {
        var items = [try item(&self)]
        while isSymbol(",") {
            advance()
            while case .newline = current.kind { advance() }
            items.append(try item(&self))
        }
        return items
    }
}
