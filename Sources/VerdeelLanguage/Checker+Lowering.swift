import Foundation
import VerdeelCore
import VerdeelModel

extension Checker {
    /// Merges a scenario with its ancestors and lowers it; `nil` if it has errors.
    mutating func lower(_ chain: [(declaration: ScenarioDeclaration, unit: Unit)]) -> ScenarioPlan? {
        guard let own = chain.last else { return nil }
        let before = diagnostics.count
        var draft = ancestry(chain.dropLast())
        draft.merge(own.declaration, from: own.unit, own: true, checker: &self)
        inherited[own.declaration.name.text] = ancestry(chain[...])
        guard let data = lowerData(Array(draft.tables), scenario: own.declaration.name, own.unit) else { return nil }
        var scope = Scope(
            data: data,
            indicators: Set((data.joins + [data.regions]).flatMap { $0.columns.filter { $0.kind != .text }.map(\.indicator) }),
            textColumns: Set(data.regions.columns.filter { $0.kind == .text }.map(\.indicator)),
            districtIndicators: Set(data.districts?.columns.map(\.indicator) ?? []), criteria: [:], hasDistricts: data.districts != nil)
        for criterion in draft.criteria {
            if let expression = lowerExpression(criterion.value.expression, criterion.unit, scope) {
                scope.criteria[criterion.value.name.text] = expression
            } else {
                scope.failedCriteria.insert(criterion.value.name.text)
            }
        }
        var measures = [PlannedMeasure]()
        for measure in draft.measures {
            if let planned = lowerMeasure(measure, scope) { measures.append(planned) }
        }
        if !draft.settings.isEmpty, diagnostics.count == before {
            measures = applySettings(draft.settings, to: measures, scenario: own.declaration.name.text)
        }
        var assertions = [PlannedAssertion]()
        for assertion in draft.assertions {
            if let planned = lowerAssertion(assertion.value, assertion.unit, measures: draft.measures) { assertions.append(planned) }
        }
        let simulation = lowerSimulation(draft, measures: measures, scope)
        let fairness = lowerFairness(draft, scope)
        let sensitivity = lowerSensitivity(draft, measures: measures, monteCarlo: simulation?.monteCarlo, scope)
        guard diagnostics.count == before else { return nil }
        return ScenarioPlan(
            name: own.declaration.name.text, title: draft.title, data: data, measures: measures, assertions: assertions, simulation: simulation,
            fairness: fairness, sensitivity: sensitivity)
    }

    /// What a scenario hands down to a child: its chain merged without assertions (which
    /// are not inherited). Kept per scenario, so a long `extends` chain is merged once.
    mutating func ancestry(_ chain: ArraySlice<(declaration: ScenarioDeclaration, unit: Unit)>) -> ScenarioDraft {
        // The nearest ancestor already merged, then each younger one in turn (no recursion,
        // so a chain of any length is safe).
        var start = chain.endIndex
        while start > chain.startIndex, inherited[chain[start - 1].declaration.name.text] == nil { start -= 1 }
        var draft = start > chain.startIndex ? inherited[chain[start - 1].declaration.name.text] ?? ScenarioDraft() : ScenarioDraft()
        for entry in chain[start...] {
            draft.merge(entry.declaration, from: entry.unit, own: false, checker: &self)
            inherited[entry.declaration.name.text] = draft
        }
        return draft
    }

    /// The names an expression may use.
    struct Scope {
        var data: DataPlan?
        var indicators: Set<String>
        /// The regions table's text columns (e.g. province): labels, never numbers.
        var textColumns: Set<String> = []
        var districtIndicators: Set<String>
        var criteria: [String: VerdeelCore.Expression]
        var hasDistricts: Bool
        /// Criteria declared with an error in their definition (already reported): a use of
        /// one is not reported again as unknown.
        var failedCriteria: Set<String> = []
    }

    mutating func lowerData(_ tables: [ScenarioDraft.Located<TableDeclaration>], scenario: Name, _ unit: Unit) -> DataPlan? {
        var regions: TablePlan?
        var joins = [TablePlan]()
        var districts: TablePlan?
        var seenIndicators = [String: String]()
        for located in tables {
            let table = located.value
            var key = "code", label: String? = table.role == .table ? nil : "name", region: String?
            var vintage: TablePlan.Vintage?
            var synthetic = false, missingAsZero = false, skipEmpty = false
            var cbs: CBSSourcePlan?
            var source: String?
            for option in table.options {
                switch option {
                case .key(let name): key = name.text
                case .label(let name): label = name.text
                case .region(let name): region = name.text
                case .vintage(let column, let value): vintage = TablePlan.Vintage(column: column.text, value: value.text)
                case .synthetic: synthetic = true
                case .source(let text): source = text.text
                case .missingAsZero(let range):
                    missingAsZero = true
                    if table.role != .districts {
                        error(range, located.unit, "missing_as_zero applies to a districts table only")
                    }
                case .cbs(_, let id): cbs = CBSSourcePlan(table: id?.text)
                case .skipEmpty(let range):
                    skipEmpty = true
                    if table.role != .districts {
                        error(range, located.unit, "skip_empty applies to a districts table only (every region needs its figures)")
                    }
                }
            }
            if table.role == .districts && region == nil {
                error(table.name.range, located.unit, "a districts table needs the column with each district's region", suggestion: "add: region municipality_code")
            }
            var columns = [ColumnPlan]()
            for line in table.columns {
                let column = line.node
                guard let kind = ColumnPlan.Kind(rawValue: column.kind.text) else {
                    let suggestion = NearestName.find(column.kind.text, among: ColumnPlan.Kind.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                    error(column.kind.range, located.unit, "unknown column kind '\(column.kind.text)'; use count, nonnegative, score or text", suggestion: suggestion)
                    continue
                }
                if kind == .text && table.role != .regions {
                    error(column.kind.range, located.unit, "text columns are read from the regions table only", suggestion: "move '\(column.column.text)' to the regions table, or read it as a number")
                    continue
                }
                let indicator = column.alias?.text ?? column.column.text
                if table.role != .districts {
                    if let other = seenIndicators[indicator] {
                        error((column.alias ?? column.column).range, located.unit, "indicator '\(indicator)' is already read from table '\(other)'", suggestion: "rename one with 'as'")
                    }
                    seenIndicators[indicator] = table.name.text
                }
                columns.append(ColumnPlan(column: column.column.text, indicator: indicator, kind: kind))
            }
            let plan = TablePlan(
                name: table.name.text, path: table.path.text, directory: located.unit.directory, keyColumn: key, nameColumn: label,
                regionColumn: region, vintage: vintage, synthetic: synthetic, source: source, columns: columns, missingAsZero: missingAsZero,
                skipEmpty: skipEmpty, cbs: cbs, declaredAt: site(table.path.range, located.unit))
            switch table.role {
            case .regions: regions = plan
            case .table: joins.append(plan)
            case .districts: districts = plan
            }
        }
        guard let regions else {
            missing(scenario.range, unit, "scenario '\(scenario.text)' has no regions table", suggestion: "add: data { regions \"data/municipalities.csv\" { inhabitants: count } }")
            return nil
        }
        return DataPlan(regions: regions, joins: joins, districts: districts)
    }

    static let functionNames = VerdeelCore.Expression.Function.allCases.map(\.rawValue) + VerdeelCore.Expression.Aggregate.allCases.map(\.rawValue) + ["sum_districts"]

    mutating func lowerExpression(_ expression: Expr, _ unit: Unit, _ scope: Scope, districts: Bool = false) -> VerdeelCore.Expression? {
        switch expression {
        case .literal(let literal):
            return .number(literal.value.doubleValue)
        case .name(let name):
            if districts {
                if scope.districtIndicators.contains(name.text) { return .indicator(name.text) }
                let suggestion = NearestName.find(name.text, among: scope.districtIndicators).map { "did you mean '\($0)'?" }
                error(name.range, unit, "unknown district indicator '\(name.text)'", suggestion: suggestion)
                return nil
            }
            if let criterion = scope.criteria[name.text] { return criterion }
            if scope.indicators.contains(name.text) { return .indicator(name.text) }
            if scope.failedCriteria.contains(name.text) { return nil }
            let suggestion = NearestName.find(name.text, among: scope.indicators.union(scope.criteria.keys)).map { "did you mean '\($0)'?" }
            if partial && suggestion == nil { return nil }
            error(name.range, unit, "unknown indicator or criterion '\(name.text)'", suggestion: suggestion)
            return nil
        case .string(let name):
            error(name.range, unit, "a quoted name is not a value in a criterion")
            return nil
        case .negate(let inner, _):
            return lowerExpression(inner, unit, scope, districts: districts).map { .negate($0) }
        case .parenthesized(let inner, _):
            return lowerExpression(inner, unit, scope, districts: districts)
        case .binary(let symbol, let left, let right):
            let l = lowerExpression(left, unit, scope, districts: districts)
            let r = lowerExpression(right, unit, scope, districts: districts)
            guard let l, let r, let op = VerdeelCore.Expression.BinaryOperator(rawValue: symbol) else { return nil }
            return .binary(op, l, r)
        case .call(let name, let arguments, let range):
            return lowerCall(name, arguments, range, unit, scope, districts: districts)
        }
    }

    private mutating func lowerCall(_ name: Name, _ arguments: [Expr], _ range: SourceRange, _ unit: Unit, _ scope: Scope, districts: Bool) -> VerdeelCore.Expression? {
        if name.text == "sum_districts" {
            guard arguments.count == 1 else { error(range, unit, "sum_districts takes 1 argument, got \(arguments.count)"); return nil }
            guard !districts else { error(range, unit, "sum_districts cannot be used inside sum_districts"); return nil }
            guard scope.hasDistricts else {
                error(range, unit, "sum_districts needs a districts table", suggestion: "add to the data block: districts \"data/districts.csv\" region municipality_code { ... }")
                return nil
            }
            return lowerExpression(arguments[0], unit, scope, districts: true).map { .sumOverDistricts($0) }
        }
        let lowered = arguments.map { lowerExpression($0, unit, scope, districts: districts) }
        if let aggregate = VerdeelCore.Expression.Aggregate(rawValue: name.text) {
            guard arguments.count == 1 else { error(range, unit, "\(name.text) takes 1 argument, got \(arguments.count)"); return nil }
            return lowered[0].map { .aggregate(aggregate, $0) }
        }
        guard let function = VerdeelCore.Expression.Function(rawValue: name.text) else {
            let suggestion = NearestName.find(name.text, among: Self.functionNames).map { "did you mean '\($0)'?" }
            error(name.range, unit, "unknown function '\(name.text)'", suggestion: suggestion)
            return nil
        }
        guard function.arity.contains(arguments.count) else {
            let message = ExpressionError.wrongArgumentCount(function: function.rawValue, expected: function.arity, actual: arguments.count).description
            error(range, unit, message)
            return nil
        }
        let values = lowered.compactMap { $0 }
        guard values.count == lowered.count else { return nil }
        return .call(function, values)
    }
}

extension Checker {
    /// The measures with the chain's `set` statements applied as ``ParameterSettings`` applies
    /// `--set` (all at once, the key weights not set in proportion); each mistake reported at
    /// the statement it is in.
    mutating func applySettings(
        _ settings: Replaceable<ScenarioDraft.Located<(name: Name, value: Literal)>>, to measures: [PlannedMeasure], scenario: String
    ) -> [PlannedMeasure] {
        let statements = Array(settings)
        let texts = statements.map { "\($0.value.name.text)=\($0.value.value.text)" }
        switch ParameterSettings(texts).measures(measures, of: scenario) {
        case .success(let changed):
            return changed
        case .failure(let failure):
            for diagnostic in failure.diagnostics {
                let index = texts.firstIndex { $0 == diagnostic.sourceLine } ?? 0
                let statement = statements[index]
                error(SourceRange(statement.value.name.range.start, statement.value.value.range.end), statement.unit, diagnostic.message, suggestion: diagnostic.suggestion)
            }
            return measures
        }
    }
}
