import Foundation
import VerdeelCore

/// Prints a parsed scenario file in its canonical form: one statement per line, four
/// spaces per level, single spaces around operators, comments kept where they were, at most
/// one blank line between statements. Numbers keep their spelling (9.4M stays 9.4M).
/// `format` is idempotent and parsing its output gives the same tree.
public enum Formatter {
    /// `text` as a string of the language: in double quotes, with `"` and `\` escaped.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public static func format(_ document: Document) -> String {
        var printer = Printer()
        printer.lines(document.lines, depth: 0) { printer, node, depth in printer.topLevel(node, depth) }
        printer.comments(document.closingComments, depth: 0)
        return printer.output
    }

    /// An expression in canonical form, e.g. for output columns.
    public static func text(_ expression: Expr) -> String {
        Printer.expression(expression)
    }

    /// A scenario file's bytes as text and in canonical form, or why they cannot be formatted:
    /// they are not UTF-8, or the diagnostics of their syntax errors.
    public static func format(bytes: [UInt8], name: String) -> Result<(text: String, formatted: String), FormatError> {
        guard case .success(let text) = UTF8Text.decode(bytes) else { return .failure(.notText) }
        let (document, diagnostics) = Parser.parse(SourceFile(name: name, text: text))
        return diagnostics.isEmpty ? .success((text, format(document))) : .failure(.syntax(diagnostics))
    }

    /// Parses and formats text; `nil` when it has syntax errors (it is then left alone).
    public static func format(_ text: String, name: String) -> String? {
        let (document, diagnostics) = Parser.parse(SourceFile(name: name, text: text))
        return diagnostics.isEmpty ? format(document) : nil
    }
}

private struct Printer {
    var output = ""

    mutating func line(_ text: String, depth: Int, trailing: String? = nil) {
        output += String(repeating: "    ", count: depth) + text + (trailing.map { " # \($0)" } ?? "") + "\n"
    }

    mutating func comments(_ trivia: [Trivia], depth: Int) {
        for item in trivia {
            switch item {
            case .comment(let text): line(text.isEmpty ? "#" : "# \(text)", depth: depth)
            case .blankLine: output += "\n"
            }
        }
    }

    mutating func lines<Node>(_ lines: [Line<Node>], depth: Int, _ body: (inout Printer, Node, Int) -> Void) {
        for entry in lines {
            comments(entry.leadingComments, depth: depth)
            body(&self, entry.node, depth)
            if let trailing = entry.trailingComment {
                // On the statement's last line: for a block, after its closing brace.
                output.removeLast()
                output += " # \(trailing)\n"
            }
        }
    }

    mutating func block<Node>(_ opening: String, _ lines: [Line<Node>], closing: [Trivia], depth: Int, _ body: (inout Printer, Node, Int) -> Void) {
        line(opening + " {", depth: depth)
        self.lines(lines, depth: depth + 1, body)
        comments(closing, depth: depth + 1)
        line("}", depth: depth)
    }

    mutating func topLevel(_ node: TopLevel, _ depth: Int) {
        switch node {
        case .include(let path):
            line("include \(Printer.name(path))", depth: depth)
        case .scenario(let scenario):
            let header = "scenario \(Printer.name(scenario.name))" + (scenario.parent.map { " extends \(Printer.name($0))" } ?? "")
            block(header, scenario.lines, closing: scenario.closingComments, depth: depth) { printer, item, depth in printer.scenarioItem(item, depth) }
        }
    }

    mutating func scenarioItem(_ item: ScenarioItem, _ depth: Int) {
        switch item {
        case .title(let title):
            line("title \(Printer.name(title))", depth: depth)
        case .set(let name, let value):
            line("set \(name.text) = \(value.text)", depth: depth)
        case .data(let data):
            block("data", data.tables, closing: data.closingComments, depth: depth) { printer, table, depth in printer.table(table, depth) }
        case .criterion(let name, let expression):
            line("criterion \(Printer.name(name)) = \(Printer.expression(expression))", depth: depth)
        case .measure(let measure):
            let header = "measure \(Printer.name(measure.id))" + (measure.title.map { " \(Printer.name($0))" } ?? "")
            block(header, measure.lines, closing: measure.closingComments, depth: depth) { printer, statement, depth in
                printer.line(Printer.statement(statement), depth: depth)
            }
        case .assertion(let assertion):
            let label = assertion.label.map { " \(Printer.name($0))" } ?? ""
            line("assert \(Printer.expression(assertion.left)) \(assertion.comparison) \(Printer.expression(assertion.right))\(label)", depth: depth)
        case .variants(let variants):
            block("variants", variants.lines, closing: variants.closingComments, depth: depth) { printer, statement, depth in
                printer.variantStatement(statement, depth)
            }
        case .monteCarlo(let monteCarlo):
            block("montecarlo", monteCarlo.lines, closing: monteCarlo.closingComments, depth: depth) { printer, statement, depth in
                printer.line(Printer.monteCarloStatement(statement), depth: depth)
            }
        case .fairness(let fairness):
            block("fairness", fairness.lines, closing: fairness.closingComments, depth: depth) { printer, statement, depth in
                printer.line(Printer.fairnessStatement(statement), depth: depth)
            }
        case .sensitivity(let sensitivity):
            let header = "sensitivity \(Printer.name(sensitivity.method)) \(sensitivity.count.text)" + (sensitivity.seed.map { " seed \($0.text)" } ?? "")
            block(header, sensitivity.lines, closing: sensitivity.closingComments, depth: depth) { printer, statement, depth in
                printer.sensitivityLine(statement, depth)
            }
        }
    }

    mutating func table(_ table: TableDeclaration, _ depth: Int) {
        var header = table.role.rawValue
        if table.role == .table { header += " \(Printer.name(table.name))" }
        header += " \(Printer.name(table.path))"
        for option in table.options {
            switch option {
            case .key(let name): header += " key \(Printer.name(name))"
            case .label(let name): header += " name \(Printer.name(name))"
            case .region(let name): header += " region \(Printer.name(name))"
            case .vintage(let column, let value): header += " vintage \(Printer.name(column)) = \(Printer.name(value))"
            case .synthetic: header += " synthetic"
            case .source(let text): header += " source \(Printer.name(text))"
            case .missingAsZero: header += " missing_as_zero"
            case .skipEmpty: header += " skip_empty"
            case .cbs(_, let table): header += " cbs" + (table.map { " \(Printer.name($0))" } ?? "")
            }
        }
        block(header, table.columns, closing: table.closingComments, depth: depth) { printer, column, depth in
            let alias = column.alias.map { " as \(Printer.name($0))" } ?? ""
            printer.line("\(Printer.name(column.column))\(alias): \(Printer.name(column.kind))", depth: depth)
        }
    }

    static func statement(_ statement: MeasureStatement) -> String {
        switch statement {
        case .budget(let entries):
            return "budget " + entries.map { entry in
                let years = entry.years.first == entry.years.last ? "\(entry.years.first)" : "\(entry.years.first)..\(entry.years.last)"
                return "\(years): \(entry.amount?.text ?? "none")"
            }.joined(separator: ", ")
        case .topslice(let name, let size):
            return "topslice \(Printer.name(name)) \(size.text)"
        case .base(let amount, let policy):
            guard let amount else { return "base none" }
            return "base \(amount.text)" + (policy.map { " if infeasible \(Printer.name($0))" } ?? "")
        case .key(let terms):
            return "key " + keyTerms(terms)
        case .component(let name, let share, let key):
            return "component \(Printer.name(name)) \(share.text)" + (key.map { " key " + keyTerms($0) } ?? "")
        case .earmark(let purpose, let minimum):
            return "earmark \(Printer.name(purpose)) >= \(minimum.text)"
        case .floor(let amount, let per):
            return "floor \(amount.text)" + (per.map { " per \(Printer.name($0))" } ?? "")
        case .cap(let amount, let per):
            return "cap \(amount.text)" + (per.map { " per \(Printer.name($0))" } ?? "")
        case .transition(let change, let per):
            return "transition \(change.text)" + (per.map { " per \(Printer.name($0))" } ?? "") + " from previous year"
        case .rounding(let unit):
            return "rounding \(Printer.name(unit))"
        }
    }

    mutating func variantStatement(_ statement: VariantStatement, _ depth: Int) {
        switch statement {
        case .weight(let measure, let criterion, let values):
            line("weight \(Printer.name(measure)) \(Printer.name(criterion)) \(Printer.values(values))", depth: depth)
        case .simplex(let measure, let step):
            line("simplex \(Printer.name(measure)) step \(step.text)", depth: depth)
        case .base(let measure, let values):
            line("base \(Printer.name(measure)) \(Printer.values(values))", depth: depth)
        case .budget(let measure, let year, let values):
            let years = year.first == year.last ? "\(year.first)" : "\(year.first)..\(year.last)"
            line("budget \(Printer.name(measure)) \(years) \(Printer.values(values))", depth: depth)
        case .vintage(let table, let values):
            line("vintage \(Printer.name(table)) in " + values.map { Printer.name($0) }.joined(separator: ", "), depth: depth)
        case .criterion(let name, let alternatives):
            line("criterion \(Printer.name(name)) in " + alternatives.map { Printer.expression($0) }.joined(separator: ", "), depth: depth)
        case .sample(let method, let count, let seed, let lines, let closing):
            let header = "\(method.text) \(count.text)" + (seed.map { " seed \($0.text)" } ?? "")
            block(header, lines, closing: closing, depth: depth) { printer, inner, depth in printer.variantStatement(inner, depth) }
        }
    }

    static func values(_ values: ValueSet) -> String {
        switch values {
        case .list(let literals): return "in " + literals.map(\.text).joined(separator: ", ")
        case .range(let from, let to, let step, let count):
            return "from \(from.text) to \(to.text)" + (step.map { " step \($0.text)" } ?? "") + (count.map { " count \($0.text)" } ?? "")
        }
    }

    mutating func sensitivityLine(_ statement: SensitivityStatement, _ depth: Int) {
        if case .group(let name, let lines, let closing) = statement {
            block("group \(Printer.name(name))", lines, closing: closing, depth: depth) { printer, inner, depth in printer.sensitivityLine(inner, depth) }
        } else {
            line(Printer.sensitivityStatement(statement), depth: depth)
        }
    }

    static func sensitivityStatement(_ statement: SensitivityStatement) -> String {
        switch statement {
        case .weight(let measure, let criterion, let from, let to): return "weight \(name(measure)) \(name(criterion)) from \(from.text) to \(to.text)"
        case .key(let measure): return "key \(name(measure))"
        case .base(let measure, let from, let to): return "base \(name(measure)) from \(from.text) to \(to.text)"
        case .budget(let measure, let year, let from, let to):
            let years = year.first == year.last ? "\(year.first)" : "\(year.first)..\(year.last)"
            return "budget \(name(measure)) \(years) from \(from.text) to \(to.text)"
        case .topslice(let measure, let topslice, let from, let to): return "topslice \(name(measure)) \(name(topslice)) from \(from.text) to \(to.text)"
        case .perturb(let indicator, let perRegion): return "perturb \(name(indicator))" + (perRegion ? " per region" : "")
        case .secondOrder: return "second_order"
        case .bootstrap(let count): return "bootstrap \(count.text)"
        case .levels(let count): return "levels \(count.text)"
        case .dummy: return "dummy"
        case .until(let width, let maximum): return "until width \(width.text)" + (maximum.map { " max \($0.text)" } ?? "")
        case .group(let name, _, _): return "group \(name.text)"
        }
    }

    static func fairnessStatement(_ statement: FairnessStatement) -> String {
        switch statement {
        case .population(let indicator): return "population \(name(indicator))"
        case .group(let column): return "group \(name(column))"
        case .reference(let criterion): return "reference \(name(criterion))"
        case .atkinson(let epsilons): return "atkinson " + epsilons.map(\.text).joined(separator: ", ")
        case .entropy(let alphas): return "entropy " + alphas.map(\.text).joined(separator: ", ")
        case .losses(let amounts): return "losses " + amounts.map(\.text).joined(separator: ", ")
        }
    }

    static func monteCarloStatement(_ statement: MonteCarloStatement) -> String {
        switch statement {
        case .draws(let count): return "draws \(count.text)"
        case .seed(let seed): return "seed \(seed.text)"
        case .perturb(let indicator, let distribution, let spread):
            return "perturb \(name(indicator)) \(name(distribution))\(distribution.text == "uniform" ? "" : " sd") \(expression(spread))"
        case .dirichlet(let measure, let concentration): return "dirichlet \(name(measure)) \(concentration.text)"
        case .correlate(let first, let second, let value): return "correlate \(name(first)) \(name(second)) \(expression(value))"
        case .ranks: return "ranks"
        }
    }

    static func keyTerms(_ terms: [KeyTerm]) -> String {
        terms.map { "\(name($0.criterion)) \($0.weight.text)" }.joined(separator: ", ")
    }

    static func name(_ name: Name) -> String {
        name.quoted ? Formatter.quoted(name.text) : name.text
    }

    static func expression(_ expression: Expr) -> String {
        switch expression {
        case .literal(let literal): return literal.text
        case .name(let value), .string(let value): return name(value)
        case .negate(let inner, _): return "-" + self.expression(inner)
        case .binary(let op, let left, let right): return "\(self.expression(left)) \(op) \(self.expression(right))"
        case .call(let function, let arguments, _): return "\(function.text)(\(arguments.map { self.expression($0) }.joined(separator: ", ")))"
        case .parenthesized(let inner, _): return "(\(self.expression(inner)))"
        }
    }
}


/// Why a scenario file cannot be formatted.
public enum FormatError: Error {
    case notText
    case syntax([Diagnostic])
}
