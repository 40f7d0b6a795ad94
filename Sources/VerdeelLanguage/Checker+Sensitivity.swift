import VerdeelCore
import VerdeelModel

extension Checker {
    /// The sensitivity block, checked: a method of `sobol` or `morris`, a whole N, and
    /// factors that name the scenario's measures, criteria, top-slices and perturbations,
    /// each varied once, with ranges that run upwards.
    mutating func lowerSensitivity(_ draft: ScenarioDraft, measures: [PlannedMeasure], monteCarlo: MonteCarloPlan?, _ scope: Scope) -> SensitivityPlan? {
        guard let located = draft.sensitivity else { return nil }
        let block = located.value, unit = located.unit
        guard let method = SensitivityPlan.Method(rawValue: block.method.text) else {
            error(block.method.range, unit, "unknown sensitivity method '\(block.method.text)'", suggestion: NearestName.find(block.method.text, among: ["sobol", "morris"]).map { "did you mean '\($0)'?" } ?? "use sobol or morris")
            return nil
        }
        let count = wholeNumber(block.count, unit, what: method == .sobol ? "the number of base points" : "the number of trajectories", range: 2...1_048_576)
        let seed = block.seed.flatMap { wholeNumber($0, unit, what: "a seed", range: 0...Int.max) } ?? 0
        var secondOrder = false, dummy = false, bootstrap = 100, levels = 4
        var stop: (width: Literal, maximum: Literal?)?
        var factors = [SensitivityFactor]()
        var factorRanges = [SourceRange]()
        var names = Set<String>()
        var declared = Declarations(unit: unit, scope: "the sensitivity block")
        for line in block.lines {
            switch line.node {
            case .secondOrder:
                guard declared.claim("second_order", line.range, &self) else { continue }
                if method == .morris { error(line.range, unit, "second-order indices are a Sobol analysis's", suggestion: "remove second_order, or use sensitivity sobol") }
                secondOrder = true
            case .dummy:
                guard declared.claim("dummy", line.range, &self) else { continue }
                dummy = true
            case .until(let width, let maximum):
                guard declared.claim("until", line.range, &self) else { continue }
                if method == .morris { error(line.range, unit, "the stop rule is a Sobol analysis's", suggestion: "remove until, or use sensitivity sobol") }
                stop = (width, maximum)
            case .bootstrap(let literal):
                guard declared.claim("bootstrap", line.range, &self) else { continue }
                bootstrap = wholeNumber(literal, unit, what: "the number of resamples", range: 2...100_000) ?? bootstrap
            case .levels(let literal):
                guard declared.claim("levels", line.range, &self) else { continue }
                if method == .sobol { error(line.range, unit, "grid levels are a Morris analysis's", suggestion: "remove levels, or use sensitivity morris") }
                if let value = wholeNumber(literal, unit, what: "the number of levels", range: 2...1_000) {
                    if value % 2 == 0 { levels = value } else { error(literal.range, unit, "Morris needs an even number of levels, not \(value)", suggestion: "e.g. levels 4") }
                }
            case .group(let name, let lines, _):
                guard declared.claim("group '\(name.text)'", line.range, &self) else { continue }
                guard !lines.isEmpty else {
                    error(name.range, unit, "group '\(name.text)' names no factor", suggestion: "put factor lines inside it, e.g. base wijk from 150k to 210k")
                    continue
                }
                if name.text == "dummy" {
                    error(name.range, unit, "'dummy' is the dummy factor's name; a group needs a name of its own", suggestion: "e.g. group budgets { ... }")
                    continue
                }
                for inner in lines {
                    guard var factor = lowerFactor(inner.node, unit, measures: measures, monteCarlo: monteCarlo) else { continue }
                    if case .perturbation(_, true) = factor.kind {
                        error(inner.range, unit, "a perturbation 'per region' has a group per region, so it cannot be in group '\(name.text)'", suggestion: "leave out 'per region' or move the line out of the group")
                        continue
                    }
                    factor.group = name.text
                    guard names.insert(factor.name).inserted else {
                        error(inner.range, unit, "\(factor.name) is a factor twice", suggestion: "give each factor one line")
                        continue
                    }
                    factors.append(factor)
                    factorRanges.append(inner.range)
                }
            default:
                guard let factor = lowerFactor(line.node, unit, measures: measures, monteCarlo: monteCarlo) else { continue }
                guard names.insert(factor.name).inserted else {
                    error(line.range, unit, "\(factor.name) is a factor twice", suggestion: "give each factor one line")
                    continue
                }
                factors.append(factor)
                factorRanges.append(line.range)
            }
        }
        guard !factors.isEmpty else {
            let factorLines = block.lines.contains { line in
                switch line.node {
                case .secondOrder, .dummy, .bootstrap, .levels, .until: return false
                case .group(_, let lines, _): return !lines.isEmpty
                default: return true
                }
            }
            if factorLines { return nil }
            missing(block.method.range, unit, "the sensitivity block has no factors", suggestion: "add a line such as: weight jongerenwerk need from 50% to 90%")
            return nil
        }
        for (index, factor) in factors.enumerated() {
            if let earlier = factors[..<index].first(where: { Self.writeSameParameter($0, factor, measures) }) {
                error(factorRanges[index], unit, "\(factor.name) sets the same parameter as \(earlier.name), so their effects cannot be told apart", suggestion: "keep one of the two lines")
                return nil
            }
        }
        guard let count else { return nil }
        var plan = SensitivityPlan(
            method: method, count: count, seed: UInt64(seed), secondOrder: secondOrder, bootstrap: bootstrap, levels: levels, dummy: dummy,
            factors: factors, declaredAt: site(block.method.range, unit))
        if let stop {
            let width = stop.width.value.doubleValue
            guard stop.width.unit == .plain, width > 0, width < 1 else {
                error(stop.width.range, unit, "the stop width is a half-width of an index, above 0 and below 1, not \(stop.width.text)", suggestion: "e.g. until width 0.05")
                return nil
            }
            let maximum = stop.maximum.flatMap { wholeNumber($0, unit, what: "the most base points", range: count...1_048_576) } ?? min(1_048_576, count * 16)
            plan.stopRule = SensitivityPlan.StopRule(width: width, maximum: maximum)
        }
        return plan
    }

    private mutating func lowerFactor(_ statement: SensitivityStatement, _ unit: Unit, measures: [PlannedMeasure], monteCarlo: MonteCarloPlan?) -> SensitivityFactor? {
        switch statement {
        case .weight(let measureName, let criterion, let from, let to):
            guard let measure = plannedMeasure(measureName, unit, measures) else { return nil }
            let criteria = measure.measure.key.terms.map(\.criterion.name)
            guard criteria.contains(criterion.text) else {
                error(criterion.range, unit, "criterion '\(criterion.text)' is not in the key of measure '\(measureName.text)' (\(criteria.joined(separator: ", ")))", suggestion: NearestName.find(criterion.text, among: criteria).map { "did you mean '\($0)'?" })
                return nil
            }
            guard criteria.count >= 2 else {
                error(criterion.range, unit, "the key of measure '\(measureName.text)' has one criterion, whose weight must stay 100%", suggestion: "add a criterion to the key, or choose another factor")
                return nil
            }
            guard let (low, high) = range(from, to, unit, kind: .weight) else { return nil }
            return SensitivityFactor(kind: .weight(measure: measure.id, criterion: criterion.text, low: low, high: high))
        case .key(let measureName):
            guard let measure = plannedMeasure(measureName, unit, measures) else { return nil }
            let criteria = measure.measure.key.terms.map(\.criterion.name)
            guard criteria.count >= 2 else {
                error(measureName.range, unit, "the key of measure '\(measureName.text)' has one criterion, so it cannot vary", suggestion: "add a criterion to the key, or choose another factor")
                return nil
            }
            return SensitivityFactor(kind: .key(measure: measure.id, criteria: criteria))
        case .base(let measureName, let from, let to):
            guard let measure = plannedMeasure(measureName, unit, measures), let (low, high) = range(from, to, unit, kind: .amount) else { return nil }
            return SensitivityFactor(kind: .base(measure: measure.id, low: low, high: high))
        case .budget(let measureName, let years, let from, let to):
            guard let measure = plannedMeasure(measureName, unit, measures), let (low, high) = range(from, to, unit, kind: .amount) else { return nil }
            for year in years.first...max(years.first, years.last) where measure.measure.budgets[year] == nil {
                error(years.range, unit, "measure '\(measureName.text)' has no budget in \(year) to vary", suggestion: "give it a budget for \(year) first")
                return nil
            }
            return SensitivityFactor(kind: .budget(measure: measure.id, first: years.first, last: years.last, low: low, high: high))
        case .topslice(let measureName, let name, let from, let to):
            guard let measure = plannedMeasure(measureName, unit, measures) else { return nil }
            guard let topslice = measure.measure.topslices.first(where: { $0.name == name.text }) else {
                let names = measure.measure.topslices.map(\.name)
                error(name.range, unit, "measure '\(measureName.text)' has no top-slice '\(name.text)'", suggestion: NearestName.find(name.text, among: names).map { "did you mean '\($0)'?" } ?? "declare it first: topslice \(name.text) 5%")
                return nil
            }
            let fraction = if case .fraction = topslice.size { true } else { false }
            guard let (low, high) = range(from, to, unit, kind: fraction ? .weight : .amount) else { return nil }
            return SensitivityFactor(kind: .topslice(measure: measure.id, name: name.text, low: low, high: high, fraction: fraction))
        case .perturb(let indicator, let perRegion):
            guard let perturbation = monteCarlo?.perturbations.first(where: { $0.indicator == indicator.text }) else {
                let names = monteCarlo?.perturbations.map(\.indicator) ?? []
                error(indicator.range, unit, "'\(indicator.text)' is not perturbed in the montecarlo block", suggestion: NearestName.find(indicator.text, among: names).map { "did you mean '\($0)'?" } ?? "add to the montecarlo block: perturb \(indicator.text) normal sd 1%")
                return nil
            }
            if monteCarlo?.correlations.isEmpty == false {
                error(indicator.range, unit, "the montecarlo block correlates its perturbations; a sensitivity factor must be independent of the others", suggestion: "leave out the correlate lines, or this factor")
                return nil
            }
            return SensitivityFactor(kind: .perturbation(perturbation, perRegion: perRegion))
        case .secondOrder, .bootstrap, .levels, .dummy, .until, .group:
            return nil
        }
    }

    /// Whether two factors write one parameter: a whole key and one of its weights, two
    /// weights of a two-criterion key (each fixes the other), or budgets of one measure in
    /// overlapping years.
    static func writeSameParameter(_ a: SensitivityFactor, _ b: SensitivityFactor, _ measures: [PlannedMeasure]) -> Bool {
        switch (a.kind, b.kind) {
        case (.key(let m, _), .weight(let n, _, _, _)), (.weight(let n, _, _, _), .key(let m, _)):
            return m == n
        case (.weight(let m, let c, _, _), .weight(let n, let d, _, _)):
            return m == n && c != d && measures.first { $0.id == m }?.measure.key.terms.count == 2
        case (.budget(let m, let first, let last, _, _), .budget(let n, let otherFirst, let otherLast, _, _)):
            return m == n && first <= otherLast && otherFirst <= last
        default:
            return false
        }
    }

    private mutating func range(_ from: Literal, _ to: Literal, _ unit: Unit, kind: ValueKind) -> (Double, Double)? {
        guard let low = number(from, unit, kind: kind), let high = number(to, unit, kind: kind) else { return nil }
        guard low < high else {
            error(from.range.joined(to.range), unit, low == high ? "the range \(from.text) to \(to.text) is empty; a factor needs a range to vary over" : "the range \(from.text) to \(to.text) runs backwards", suggestion: low == high ? "widen the range" : "write from \(to.text) to \(from.text)")
            return nil
        }
        return (low, high)
    }
}
