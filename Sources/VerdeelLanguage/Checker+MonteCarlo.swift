import Foundation
import VerdeelCore
import VerdeelModel

extension Checker {
    /// The most draws one run may ask for.
    static let maximumDraws = MonteCarloPlan.maximumDraws

    mutating func lowerMonteCarlo(_ block: MonteCarloBlock, _ unit: Unit, measures: [PlannedMeasure], variedKeys: Set<String>, _ scope: Scope) -> MonteCarloPlan? {
        var draws: Int?
        var drawsWritten = false
        var seed: UInt64 = 0
        var perturbations = [Perturbation]()
        var dirichlets = [MonteCarloPlan.Dirichlet]()
        var correlations = [MonteCarloPlan.Correlation]()
        var correlationRange: SourceRange?
        var pendingCorrelations = [(first: Name, second: Name, value: Expr, range: SourceRange)]()
        var ranks = false
        for line in block.lines {
            switch line.node {
            case .draws(let literal):
                drawsWritten = true
                draws = count(literal, unit, what: "the number of draws", range: 1...Self.maximumDraws)
            case .seed(let literal):
                if let value = count(literal, unit, what: "the seed", range: 0...Int.max) { seed = UInt64(value) }
            case .perturb(let indicator, let distributionName, let spreadExpression):
                guard scope.indicators.contains(indicator.text) else {
                    error(indicator.range, unit, "unknown indicator '\(indicator.text)' to perturb", suggestion: NearestName.find(indicator.text, among: scope.indicators).map { "did you mean '\($0)'?" })
                    continue
                }
                if perturbations.contains(where: { $0.indicator == indicator.text }) {
                    error(indicator.range, unit, "indicator '\(indicator.text)' is perturbed twice", suggestion: "keep one perturb line per indicator")
                    continue
                }
                guard let distribution = Perturbation.Distribution(rawValue: distributionName.text) else {
                    error(distributionName.range, unit, "unknown distribution '\(distributionName.text)'; use normal, uniform or lognormal", suggestion: NearestName.find(distributionName.text, among: Perturbation.Distribution.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" })
                    continue
                }
                guard let spread = lowerSpread(spreadExpression, distribution, unit, scope) else { continue }
                perturbations.append(Perturbation(indicator: indicator.text, distribution: distribution, spread: spread, site: site(line.range, unit)))
            case .dirichlet(let measureName, let literal):
                guard let measure = measures.first(where: { $0.id == measureName.text }) else {
                    error(measureName.range, unit, "unknown measure '\(measureName.text)'", suggestion: NearestName.find(measureName.text, among: measures.map(\.id)).map { "did you mean '\($0)'?" })
                    continue
                }
                if variedKeys.contains(measure.id) {
                    error(measureName.range, unit, "the key of measure '\(measure.id)' is both varied and perturbed", suggestion: "perturb the weights of a key that the variants leave alone, or remove one of the two")
                    continue
                }
                guard literal.unit == .plain, literal.value > 0, literal.value.doubleValue.isFinite else {
                    error(literal.range, unit, "a Dirichlet concentration must be a positive number, not \(literal.text)", suggestion: "e.g. dirichlet \(measure.id) 200 (larger is closer to the key)")
                    continue
                }
                dirichlets.append(MonteCarloPlan.Dirichlet(measure: measure.id, concentration: literal.value.doubleValue))
            case .correlate(let first, let second, let value):
                pendingCorrelations.append((first, second, value, line.range))
            case .ranks:
                ranks = true
            }
        }
        for pending in pendingCorrelations {
            var indices = [Int]()
            for name in [pending.first, pending.second] {
                if let index = perturbations.firstIndex(where: { $0.indicator == name.text }) {
                    indices.append(index)
                } else {
                    error(name.range, unit, "'\(name.text)' is not perturbed, so it cannot be correlated", suggestion: "add: perturb \(name.text) normal sd ...")
                }
            }
            guard indices.count == 2 else { continue }
            guard indices[0] != indices[1] else {
                error(pending.range, unit, "an indicator is always fully correlated with itself")
                continue
            }
            guard let r = constant(pending.value), (-1...1).contains(r) else {
                error(pending.value.range, unit, "a correlation must be a number from -1 to 1")
                continue
            }
            if correlations.contains(where: { Set([$0.first, $0.second]) == Set(indices) }) {
                error(pending.range, unit, "the correlation of '\(pending.first.text)' and '\(pending.second.text)' is given twice")
                continue
            }
            correlations.append(MonteCarloPlan.Correlation(first: indices[0], second: indices[1], value: r))
            correlationRange = correlationRange.map { $0.joined(pending.range) } ?? pending.range
        }
        guard let draws else {
            if drawsWritten { return nil }
            missing(block.lines.first?.range ?? SourceRange(0, 0), unit, "the montecarlo block says no number of draws", suggestion: "add: draws 10_000")
            return nil
        }
        return MonteCarloPlan(draws: draws, seed: seed, perturbations: perturbations, dirichlets: dirichlets, correlations: correlations, correlationSite: correlationRange.map { site($0, unit) }, ranks: ranks)
    }

    private mutating func lowerSpread(_ expression: Expr, _ distribution: Perturbation.Distribution, _ unit: Unit, _ scope: Scope) -> Perturbation.Spread? {
        if case .literal(let literal) = expression, literal.unit == .percent {
            let value = literal.value.doubleValue
            if distribution == .uniform && value >= 1 {
                error(literal.range, unit, "a uniform perturbation of \(literal.text) can make a value zero or negative", suggestion: "use less than 100%, or lognormal for a spread that keeps values positive")
                return nil
            }
            return .relative(value)
        }
        if distribution == .lognormal {
            error(expression.range, unit, "a lognormal spread is the standard deviation of the logarithm, as a percentage", suggestion: "e.g. perturb inhabitants lognormal sd 2%")
            return nil
        }
        if let value = constant(expression), value < 0 {
            error(expression.range, unit, "a spread cannot be negative (\(value))")
            return nil
        }
        return lowerExpression(expression, unit, scope).map { .absolute($0) }
    }

    /// The value of a constant expression (a number, possibly negated).
    private func constant(_ expression: Expr) -> Double? {
        switch expression {
        case .literal(let literal) where literal.unit == .plain: return literal.value.doubleValue
        case .negate(let inner, _): return constant(inner).map { -$0 }
        case .parenthesized(let inner, _): return constant(inner)
        default: return nil
        }
    }

    private mutating func count(_ literal: Literal, _ unit: Unit, what: String, range: ClosedRange<Int>) -> Int? {
        guard !refusesDutchGrouping(literal, unit) else { return nil }
        let value = NSDecimalNumber(decimal: literal.value)
        guard literal.unit != .percent, literal.value == Decimal(value.int64Value), range.contains(Int(value.int64Value)) else {
            error(literal.range, unit, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(literal.text)")
            return nil
        }
        return Int(value.int64Value)
    }
}
