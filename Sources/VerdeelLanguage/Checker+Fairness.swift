import Foundation
import VerdeelCore
import VerdeelModel

extension Checker {
    /// The fairness settings: the block's, each line checked, with defaults for what it does
    /// not say. Without a block, the defaults when the data has `inhabitants`, else `nil`.
    mutating func lowerFairness(_ draft: ScenarioDraft, _ scope: Scope) -> FairnessPlan? {
        let inhabitants = scope.indicators.contains("inhabitants") ? "inhabitants" : nil
        guard let located = draft.fairness else {
            return inhabitants.map { FairnessPlan(population: $0) }
        }
        let unit = located.unit
        var population: String?, group: String?
        var reference: FairnessPlan.Reference?
        var epsilons = FairnessPlan.defaultEpsilons
        var alphas = FairnessPlan.defaultAlphas
        var losses = [Double]()
        var declared = Declarations(unit: unit, scope: "the fairness block")
        for line in located.value.lines {
            switch line.node {
            case .population(let name):
                guard declared.claim("population", line.range, &self) else { continue }
                guard scope.indicators.contains(name.text) else {
                    error(name.range, unit, "unknown indicator '\(name.text)' for the population", suggestion: suggestion(name.text, among: scope.indicators))
                    continue
                }
                population = name.text
            case .group(let name):
                guard declared.claim("group", line.range, &self) else { continue }
                guard scope.textColumns.contains(name.text) else {
                    let hint = scope.indicators.contains(name.text)
                        ? "'\(name.text)' is read as a number; a grouping needs a text column (in the regions table: \(name.text): text)"
                        : suggestion(name.text, among: scope.textColumns) ?? "declare the column in the regions table as text, e.g. province: text"
                    error(name.range, unit, "'\(name.text)' is not a text column of the regions table", suggestion: hint)
                    continue
                }
                group = name.text
            case .reference(let name):
                guard declared.claim("reference", line.range, &self) else { continue }
                if scope.failedCriteria.contains(name.text) { continue }
                guard let expression = scope.criteria[name.text] else {
                    let hint = scope.indicators.contains(name.text)
                        ? "'\(name.text)' is an indicator; declare a criterion for it: criterion \(name.text)_reference = \(name.text)"
                        : suggestion(name.text, among: Set(scope.criteria.keys))
                    error(name.range, unit, "unknown criterion '\(name.text)' for the fairness reference", suggestion: hint)
                    continue
                }
                reference = FairnessPlan.Reference(name: name.text, expression: expression)
            case .atkinson(let literals):
                guard declared.claim("atkinson", line.range, &self) else { continue }
                epsilons = parameters(
                    literals, within: 0...100, unit, wrong: "an Atkinson inequality aversion must be a number from 0 to 100", example: "atkinson 0.5, 1, 2",
                    twice: "the Atkinson aversion")
            case .entropy(let literals):
                guard declared.claim("entropy", line.range, &self) else { continue }
                alphas = parameters(
                    literals, within: 0...10, unit, wrong: "a generalised entropy parameter must be a number from 0 to 10", example: "entropy 0, 1, 2",
                    twice: "the entropy parameter")
            case .losses(let literals):
                guard declared.claim("losses", line.range, &self) else { continue }
                for literal in literals {
                    let value = literal.value.doubleValue
                    guard literal.unit != .percent, value > 0, value <= 1e9 else {
                        error(literal.range, unit, "a loss is an amount in euros per inhabitant above 0, not \(literal.text)", suggestion: "e.g. losses 7.50, 15")
                        continue
                    }
                    losses.append(value)
                }
            }
        }
        guard let chosen = population ?? inhabitants else {
            let place = located.value.lines.first?.range ?? SourceRange(0, 0)
            if !located.value.lines.contains(where: { if case .population = $0.node { return true } else { return false } }) {
                missing(place, unit, "the fairness block names no population and the data has no 'inhabitants'", suggestion: "add: population INDICATOR (a count of persons)")
            }
            return nil
        }
        let place = located.value.lines.first.map { site($0.range, unit) }
        return FairnessPlan(population: chosen, group: group, reference: reference, epsilons: epsilons, alphas: alphas, losses: losses, declaredAt: place)
    }

    /// A line's numbers, each plain, within `range` and named once; the others reported.
    private mutating func parameters(
        _ literals: [Literal], within range: ClosedRange<Double>, _ unit: Unit, wrong: String, example: String, twice: String
    ) -> [Double] {
        var values = [Double]()
        for literal in literals {
            let value = literal.value.doubleValue
            guard literal.unit == .plain, range.contains(value) else {
                error(literal.range, unit, "\(wrong), not \(literal.text)", suggestion: "e.g. \(example)")
                continue
            }
            guard !values.contains(value) else {
                error(literal.range, unit, "\(twice) \(literal.text) is named twice", suggestion: "name each once")
                continue
            }
            values.append(value)
        }
        return values
    }

    private func suggestion(_ name: String, among names: Set<String>) -> String? {
        NearestName.find(name, among: names.sorted()).map { "did you mean '\($0)'?" }
    }
}
