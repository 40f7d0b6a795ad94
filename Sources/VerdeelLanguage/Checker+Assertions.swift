import Foundation
import VerdeelCore
import VerdeelModel

extension Checker {
    static let resultFunctions = ["budget", "topslice", "amount", "component"]

    mutating func lowerAssertion(_ assertion: Assertion, _ unit: Unit, measures: [MeasureDraft]) -> PlannedAssertion? {
        let left = lowerResult(assertion.left, unit, measures)
        let right = lowerResult(assertion.right, unit, measures)
        let range = assertion.left.range.joined(assertion.right.range)
        guard let comparison = PlannedAssertion.Comparison(rawValue: assertion.comparison) else {
            error(range, unit, "unknown comparison '\(assertion.comparison)'; use ==, !=, <, <=, > or >=")
            return nil
        }
        guard let left, let right else { return nil }
        return PlannedAssertion(left: left, comparison: comparison, right: right, label: assertion.label?.text, site: site(range, unit))
    }

    private mutating func lowerResult(_ expression: Expr, _ unit: Unit, _ measures: [MeasureDraft]) -> ResultExpression? {
        switch expression {
        case .literal(let literal):
            return .number(literal.value)
        case .negate(let inner, _):
            return lowerResult(inner, unit, measures).map { .negate($0) }
        case .parenthesized(let inner, _):
            return lowerResult(inner, unit, measures)
        case .binary(let op, let left, let right):
            guard let op = ResultExpression.Operator(rawValue: op) else {
                error(expression.range, unit, "only + - * / can be used inside an assertion's sides")
                return nil
            }
            let l = lowerResult(left, unit, measures), r = lowerResult(right, unit, measures)
            guard let l, let r else { return nil }
            return .binary(op, l, r)
        case .name(let name), .string(let name):
            error(name.range, unit, "'\(name.text)' is not a result", suggestion: "use budget(measure, year), topslice(measure, name, year), amount(measure, year, region) or component(measure, name, year)")
            return nil
        case .call(let function, let arguments, let range):
            guard Self.resultFunctions.contains(function.text) else {
                let suggestion = NearestName.find(function.text, among: Self.resultFunctions).map { "did you mean '\($0)'?" }
                error(function.range, unit, "unknown result '\(function.text)'; use budget, topslice, amount or component", suggestion: suggestion)
                return nil
            }
            return lowerResultCall(function.text, arguments, range, unit, measures)
        }
    }

    private mutating func lowerResultCall(_ function: String, _ arguments: [Expr], _ range: SourceRange, _ unit: Unit, _ measures: [MeasureDraft]) -> ResultExpression? {
        let named = function == "topslice" || function == "component"
        let maximum = function == "amount" ? 3 : named ? 3 : 2
        let minimum = named ? 2 : 1
        guard (minimum...maximum).contains(arguments.count) else {
            let form = ["budget": "budget(measure[, year])", "topslice": "topslice(measure, name[, year])",
                        "amount": "amount(measure[, year[, region]])", "component": "component(measure, name[, year])"][function] ?? function
            error(range, unit, "\(function) takes \(minimum) to \(maximum) arguments, got \(arguments.count)", suggestion: "write \(form)")
            return nil
        }
        guard let measureName = nameArgument(arguments[0]) else {
            error(arguments[0].range, unit, "the first argument of \(function) is a measure's name")
            return nil
        }
        guard let measure = measures.first(where: { $0.id.value.text == measureName.text }) else {
            let suggestion = NearestName.find(measureName.text, among: measures.map(\.id.value.text)).map { "did you mean '\($0)'?" }
            missing(measureName.range, unit, "unknown measure '\(measureName.text)'", suggestion: suggestion)
            return nil
        }
        var next = 1
        var partName: String?
        if named {
            guard let part = nameArgument(arguments[1]) else {
                error(arguments[1].range, unit, "the second argument of \(function) is a name")
                return nil
            }
            let known = function == "topslice" ? measure.topslices.map(\.value.name.text) : measure.components.map(\.value.name.text)
            guard known.contains(part.text) else {
                let suggestion = NearestName.find(part.text, among: known).map { "did you mean '\($0)'?" }
                error(part.range, unit, "measure '\(measureName.text)' has no \(function) '\(part.text)'", suggestion: suggestion)
                return nil
            }
            partName = part.text
            next = 2
        }
        var year: Int?
        if arguments.count > next {
            guard case .literal(let literal) = arguments[next], literal.unit == .plain, let value = Int(literal.text) else {
                error(arguments[next].range, unit, "expected a year such as 2026")
                return nil
            }
            guard measure.budget[value] != nil else {
                error(literal.range, unit, "measure '\(measureName.text)' has no budget for \(value)")
                return nil
            }
            year = value
        }
        var region: String?
        if function == "amount", arguments.count == 3 {
            guard let name = nameArgument(arguments[2]) else {
                error(arguments[2].range, unit, "the third argument of amount is a region code such as GM0014")
                return nil
            }
            region = name.text
        }
        switch function {
        case "budget": return .budget(measure: measureName.text, year: year)
        case "topslice": return .topslice(measure: measureName.text, name: partName ?? "", year: year)
        case "component": return .component(measure: measureName.text, name: partName ?? "", year: year)
        default: return .amount(measure: measureName.text, year: year, region: region)
        }
    }

    private func nameArgument(_ expression: Expr) -> Name? {
        switch expression {
        case .name(let name), .string(let name): return name
        default: return nil
        }
    }
}
