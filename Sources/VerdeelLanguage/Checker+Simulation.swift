import Foundation
import VerdeelCore
import VerdeelDesign
import VerdeelModel
import VerdeelRandom

extension Checker {
    /// The most variants one run may declare; more is almost surely a typo in a step.
    static let maximumVariants = SimulationPlan.maximumVariants

    mutating func lowerSimulation(_ draft: ScenarioDraft, measures: [PlannedMeasure], _ scope: Scope) -> SimulationPlan? {
        guard draft.variants != nil || draft.monteCarlo != nil else { return nil }
        var dimensions = [VariantDimension]()
        var seen = [VariantParameter: SourceRange]()
        var variedKeys = Set<String>()
        var alternatives = [String: [SimulationPlan.Alternative]]()
        var vintages = [String: [String]]()
        if let located = draft.variants {
            for line in located.value.lines {
                if case .vintage(let table, let values) = line.node {
                    guard let data = scope.data, let plan = data.tables.first(where: { $0.name == table.text }) else {
                        error(table.range, located.unit, "unknown table '\(table.text)'", suggestion: NearestName.find(table.text, among: scope.data?.tables.map(\.name) ?? []).map { "did you mean '\($0)'?" })
                        continue
                    }
                    guard plan.vintage != nil else {
                        error(table.range, located.unit, "table '\(table.text)' has no vintage column, so its vintage cannot vary", suggestion: "add to the table: vintage COLUMN = \"VALUE\"")
                        continue
                    }
                    if vintages[table.text] != nil {
                        error(table.range, located.unit, "the vintage of table '\(table.text)' is varied twice", suggestion: "list all its vintages on one line")
                        continue
                    }
                    vintages[table.text] = values.map(\.text)
                    dimensions.append(VariantDimension(parameters: [.vintage(table: table.text)], count: values.count, points: .alternatives))
                    continue
                }
                if case .criterion(let name, let expressions) = line.node {
                    guard scope.criteria[name.text] != nil else {
                        if scope.failedCriteria.contains(name.text) { continue }
                        error(name.range, located.unit, "unknown criterion '\(name.text)'", suggestion: NearestName.find(name.text, among: scope.criteria.keys).map { "did you mean '\($0)'?" } ?? "declare it first: criterion \(name.text) = ...")
                        continue
                    }
                    if alternatives[name.text] != nil {
                        error(name.range, located.unit, "criterion '\(name.text)' is varied twice", suggestion: "list all its alternatives on one line")
                        continue
                    }
                    let lowered = expressions.compactMap { lowerExpression($0, located.unit, scope) }
                    guard lowered.count == expressions.count else { continue }
                    alternatives[name.text] = zip(lowered, expressions).map { SimulationPlan.Alternative(expression: $0, text: Formatter.text($1)) }
                    dimensions.append(VariantDimension(parameters: [.criterion(name.text)], count: lowered.count, points: .alternatives))
                    continue
                }
                guard let dimension = lowerDimension(line.node, located.unit, measures: measures) else { continue }
                let keyMeasures = Set(dimension.parameters.compactMap { parameter -> String? in
                    if case .weight(let measure, _) = parameter { return measure }
                    return nil
                })
                for measure in keyMeasures where !variedKeys.insert(measure).inserted {
                    error(line.range, located.unit, "the key of measure '\(measure)' is varied twice", suggestion: "vary one weight, or use one simplex over the whole key")
                }
                for parameter in dimension.parameters {
                    if case .weight = parameter { continue }
                    if seen[parameter] != nil {
                        error(line.range, located.unit, "\(parameter) is varied twice", suggestion: "vary each parameter on one line")
                    }
                    seen[parameter] = line.range
                }
                dimensions.append(dimension)
            }
            let count = SimulationPlan(dimensions: dimensions, monteCarlo: nil).variantCount
            if count > Self.maximumVariants, let first = located.value.lines.first {
                error(first.range, located.unit, "the variants block gives \(count == Int.max ? "more than \(Int.max)" : "\(count)") variants; the limit is \(Self.maximumVariants)", suggestion: "use a larger step, fewer values, or a sample (latin_hypercube N or sobol N)")
            }
        }
        var monteCarlo: MonteCarloPlan?
        if let located = draft.monteCarlo {
            monteCarlo = lowerMonteCarlo(located.value, located.unit, measures: measures, variedKeys: variedKeys, scope)
        }
        return SimulationPlan(dimensions: dimensions, monteCarlo: monteCarlo, alternatives: alternatives, vintages: vintages)
    }

    private mutating func lowerDimension(_ statement: VariantStatement, _ unit: Unit, measures: [PlannedMeasure]) -> VariantDimension? {
        switch statement {
        case .weight(let measureName, let criterion, let values):
            guard let measure = plannedMeasure(measureName, unit, measures) else { return nil }
            guard measure.measure.key.terms.contains(where: { $0.criterion.name == criterion.text }) else {
                let names = measure.measure.key.terms.map(\.criterion.name)
                error(criterion.range, unit, "criterion '\(criterion.text)' is not in the key of measure '\(measureName.text)' (\(names.joined(separator: ", ")))", suggestion: NearestName.find(criterion.text, among: names).map { "did you mean '\($0)'?" })
                return nil
            }
            if measure.measure.key.terms.count < 2 {
                error(criterion.range, unit, "the key of measure '\(measureName.text)' has one criterion, whose weight must stay 100%", suggestion: "add a criterion to the key, or vary something else")
                return nil
            }
            guard let values = numbers(values, unit, kind: .weight) else { return nil }
            return VariantDimension(parameters: [.weight(measure: measureName.text, criterion: criterion.text)], count: values.count, points: .values(values))
        case .simplex(let measureName, let step):
            guard let measure = plannedMeasure(measureName, unit, measures) else { return nil }
            guard let fraction = percentage(step, unit, what: "a simplex step") else { return nil }
            guard fraction > .zero, fraction.denominator <= 1_000_000, (Fraction.one.numerator * fraction.denominator) % fraction.numerator == 0 else {
                error(step.range, unit, "a simplex step must divide 100% into whole steps (e.g. 1%, 5%, 10%)")
                return nil
            }
            let steps = Int(fraction.denominator / fraction.numerator)
            let criteria = measure.measure.key.terms.map(\.criterion.name)
            guard criteria.count >= 2 else {
                // No criteria: the key itself has an error, already reported (or held back).
                if criteria.count == 1 {
                    error(step.range, unit, "the key of measure '\(measureName.text)' has one criterion, whose weight must stay 100%", suggestion: "add a criterion to the key, or vary something else")
                }
                return nil
            }
            var count = 1.0
            for index in 1..<max(criteria.count, 1) { count = count * Double(steps + index) / Double(index) }
            guard count <= Double(Self.maximumVariants) else {
                error(step.range, unit, "a simplex over \(criteria.count) criteria at step \(step.text) has \(Int(count)) points; the limit is \(Self.maximumVariants)", suggestion: "use a larger step")
                return nil
            }
            return VariantDimension(parameters: criteria.map { .weight(measure: measureName.text, criterion: $0) }, count: Int(count), points: .simplex(steps: steps))
        case .base(let measureName, let values):
            guard let measure = plannedMeasure(measureName, unit, measures), let values = numbers(values, unit, kind: .amount) else { return nil }
            if measure.measure.rounding == .euro, let odd = (0..<values.count).lazy.map({ VariantDesign.value(values, $0) }).first(where: { ($0 * 100).rounded().truncatingRemainder(dividingBy: 100) != 0 }) {
                error(measureName.range, unit, "under euro rounding a base is whole euros, but this dimension gives the base \(odd) of measure '\(measureName.text)'", suggestion: "use whole euros, or give the measure 'rounding cent'")
                return nil
            }
            return VariantDimension(parameters: [.base(measure: measureName.text)], count: values.count, points: .values(values))
        case .budget(let measureName, let years, let values):
            guard let measure = plannedMeasure(measureName, unit, measures), let values = numbers(values, unit, kind: .amount) else { return nil }
            for year in years.first...max(years.first, years.last) where measure.measure.budgets[year] == nil {
                error(years.range, unit, "measure '\(measureName.text)' has no budget in \(year) to vary", suggestion: "give it a budget for \(year) first")
                return nil
            }
            return VariantDimension(parameters: [.budget(measure: measureName.text, first: years.first, last: years.last)], count: values.count, points: .values(values))
        case .criterion, .vintage:
            return nil
        case .sample(let method, let countLiteral, let seedLiteral, let lines, _):
            guard let count = wholeNumber(countLiteral, unit, what: "the number of points", range: 1...Self.maximumVariants) else { return nil }
            let seed = seedLiteral.flatMap { wholeNumber($0, unit, what: "a seed", range: 0...Int.max) } ?? 0
            var parameters = [VariantParameter]()
            var ranges = [(low: Double, high: Double)]()
            for line in lines {
                let values: ValueSet
                switch line.node {
                case .weight(_, _, let set), .base(_, let set), .budget(_, _, let set): values = set
                default: continue
                }
                guard case .range(let from, let to, nil, nil) = values else {
                    error(line.range, unit, "a sampled parameter needs a range without step or count", suggestion: "write: from A to B")
                    continue
                }
                let kind: ValueKind = if case .weight = line.node { .weight } else { .amount }
                guard let low = number(from, unit, kind: kind), let high = number(to, unit, kind: kind) else { continue }
                guard low <= high else { error(from.range.joined(to.range), unit, "the range runs backwards", suggestion: "write from \(to.text) to \(from.text)"); continue }
                guard let dimension = lowerDimension(Self.probe(line.node, from), unit, measures: measures) else { continue }
                parameters += dimension.parameters
                ranges.append((low, high))
            }
            guard !ranges.isEmpty else {
                missing(method.range, unit, "the sample has no ranges", suggestion: "add a line such as: weight jongerenwerk need from 0% to 100%")
                return nil
            }
            let sobol = method.text == "sobol"
            if sobol, SobolSequence(dimensions: ranges.count) == nil {
                error(method.range, unit, "a Sobol sample supports at most \(SobolSequence.maximumDimensions) parameters, this one has \(ranges.count)", suggestion: "use latin_hypercube for more parameters")
                return nil
            }
            // Sampled amounts are paid amounts: each is rounded to its measure's unit of rounding.
            let units = parameters.map { parameter -> Double? in
                switch parameter {
                case .base(let id), .budget(let id, _, _): return measures.first { $0.id == id }.map { Double($0.measure.rounding.cents) / 100 }
                default: return nil
                }
            }
            let sample = VariantSample(
                method: sobol ? .sobol : .latinHypercube, count: count, seed: UInt64(seed),
                ranges: zip(ranges, units).map { VariantSample.Range(low: $0.low, high: $0.high, unit: $1) })
            return VariantDimension(parameters: parameters, count: count, points: .sample(sample))
        }
    }

    /// The same statement with a one-value list, to check its measure and criterion names.
    private static func probe(_ statement: VariantStatement, _ literal: Literal) -> VariantStatement {
        switch statement {
        case .weight(let measure, let criterion, _): return .weight(measure: measure, criterion: criterion, values: .list([literal]))
        case .base(let measure, _): return .base(measure: measure, values: .list([literal]))
        case .budget(let measure, let year, _): return .budget(measure: measure, year: year, values: .list([literal]))
        default: return statement
        }
    }

    mutating func plannedMeasure(_ name: Name, _ unit: Unit, _ measures: [PlannedMeasure]) -> PlannedMeasure? {
        if let measure = measures.first(where: { $0.id == name.text }) { return measure }
        error(name.range, unit, "unknown measure '\(name.text)'", suggestion: NearestName.find(name.text, among: measures.map(\.id)).map { "did you mean '\($0)'?" })
        return nil
    }

    enum ValueKind { case weight, amount }

    mutating func number(_ literal: Literal, _ unit: Unit, kind: ValueKind) -> Double? {
        switch kind {
        case .weight:
            guard let fraction = percentage(literal, unit, what: "a weight") else { return nil }
            guard fraction <= .one else { error(literal.range, unit, "a weight of \(literal.text) is more than 100%"); return nil }
            return fraction.doubleValue
        case .amount:
            guard let money = amount(literal, unit, what: "an amount") else { return nil }
            guard money >= .zero else { error(literal.range, unit, "an amount cannot be negative"); return nil }
            return Double(money.cents) / 100
        }
    }

    /// The values of a list or range, as data: a range of millions of values costs nothing
    /// to check.
    private mutating func numbers(_ values: ValueSet, _ unit: Unit, kind: ValueKind) -> VariantValues? {
        switch values {
        case .list(let literals):
            let numbers = literals.compactMap { number($0, unit, kind: kind) }
            return numbers.count == literals.count ? .list(numbers) : nil
        case .range(let from, let to, let step, let count):
            guard let low = number(from, unit, kind: kind), let high = number(to, unit, kind: kind) else { return nil }
            guard low <= high else {
                error(from.range.joined(to.range), unit, "the range \(from.text) to \(to.text) runs backwards", suggestion: "write from \(to.text) to \(from.text)")
                return nil
            }
            if let count {
                guard let n = wholeNumber(count, unit, what: "the number of values", range: 1...Self.maximumVariants) else { return nil }
                if n == 1 { return low == high ? .evenly(low: low, high: high, count: 1) : { error(count.range, unit, "one value cannot span \(from.text) to \(to.text)", suggestion: "use count 2 or more"); return nil }() }
                return .evenly(low: low, high: high, count: n)
            }
            guard let step else {
                error(to.range, unit, "a range needs 'step S' or 'count N' (only a sample takes a bare range)", suggestion: "add: step \(kind == .weight ? "10%" : "10k")")
                return nil
            }
            guard step.unit == from.unit, step.value > 0 else {
                error(step.range, unit, "the step \(step.text) must be positive and in the same unit as the range")
                return nil
            }
            let span = (to.value - from.value) / step.value
            let whole = NSDecimalNumber(decimal: span).rounding(accordingToBehavior: NSDecimalNumberHandler(roundingMode: .down, scale: 0, raiseOnExactness: false, raiseOnOverflow: false, raiseOnUnderflow: false, raiseOnDivideByZero: false))
            guard whole.doubleValue < Double(Self.maximumVariants) else {
                error(step.range, unit, "the step \(step.text) gives more than \(Self.maximumVariants) values", suggestion: "use a larger step")
                return nil
            }
            return .stepped(start: from.value, step: step.value, count: whole.intValue + 1)
        }
    }

    mutating func wholeNumber(_ literal: Literal, _ unit: Unit, what: String, range: ClosedRange<Int>) -> Int? {
        guard !refusesDutchGrouping(literal, unit) else { return nil }
        let value = NSDecimalNumber(decimal: literal.value)
        guard literal.unit != .percent, literal.value == Decimal(value.intValue), range.contains(value.intValue) else {
            error(literal.range, unit, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(literal.text)")
            return nil
        }
        return value.intValue
    }
}
