/// A scenario with everything it inherits merged in: tables and criteria by name, measures
/// by identifier, and within a measure each statement by what it names (budget by year,
/// top-slices and components by name). Each part remembers the file it came from.
struct ScenarioDraft {
    struct Located<Value> {
        let value: Value
        let unit: Checker.Unit
    }

    /// The scenario's own title (a child does not inherit its parent's).
    var title: String?
    var tables = Replaceable<Located<TableDeclaration>>()
    var criteria = Replaceable<Located<(name: Name, expression: Expr)>>()
    var measures: [MeasureDraft] = []
    var assertions: [Located<Assertion>] = []
    /// The last `variants` and `montecarlo` blocks of the chain: a child's replaces its parent's.
    var variants: Located<VariantsBlock>?
    var monteCarlo: Located<MonteCarloBlock>?
    /// The last `fairness` block of the chain.
    var fairness: Located<FairnessBlock>?
    /// The last `sensitivity` block of the chain.
    var sensitivity: Located<SensitivityBlock>?
    /// The `set` statements of the chain by the name they set: a child's replaces its parent's.
    var settings = Replaceable<Located<(name: Name, value: Literal)>>()

    mutating func merge(_ declaration: ScenarioDeclaration, from unit: Checker.Unit, own: Bool, checker: inout Checker) {
        var declared = Declarations(unit: unit, scope: "scenario '\(declaration.name.text)'")
        for line in declaration.lines {
            switch line.node {
            case .title(let title):
                guard declared.claim("title", line.range, &checker) else { continue }
                self.title = own ? title.text : nil
            case .data(let block):
                for table in block.tables {
                    guard declared.claim("table '\(table.node.name.text)'", table.range, &checker) else { continue }
                    tables.put(table.node.name.text, Located(value: table.node, unit: unit))
                }
            case .criterion(let name, let expression):
                guard declared.claim("criterion '\(name.text)'", line.range, &checker) else { continue }
                criteria.put(name.text, Located(value: (name, expression), unit: unit))
            case .measure(let measure):
                guard declared.claim("measure '\(measure.id.text)'", line.range, &checker) else { continue }
                if let index = measures.firstIndex(where: { $0.id.value.text == measure.id.text }) {
                    measures[index].merge(measure, from: unit, checker: &checker)
                } else {
                    var draft = MeasureDraft(id: Located(value: measure.id, unit: unit))
                    draft.merge(measure, from: unit, checker: &checker)
                    measures.append(draft)
                }
            case .assertion(let assertion):
                if own { assertions.append(Located(value: assertion, unit: unit)) }
            case .variants(let block):
                guard declared.claim("variants block", line.range, &checker) else { continue }
                variants = Located(value: block, unit: unit)
            case .monteCarlo(let block):
                guard declared.claim("montecarlo block", line.range, &checker) else { continue }
                monteCarlo = Located(value: block, unit: unit)
            case .fairness(let block):
                guard declared.claim("fairness block", line.range, &checker) else { continue }
                fairness = Located(value: block, unit: unit)
            case .sensitivity(let block):
                guard declared.claim("sensitivity block", line.range, &checker) else { continue }
                sensitivity = Located(value: block, unit: unit)
            case .set(let name, let value):
                guard declared.claim("set \(name.text)", line.range, &checker) else { continue }
                settings.put(name.text, Located(value: (name, value), unit: unit))
            }
        }
    }
}

/// One measure with its inherited statements merged in.
struct MeasureDraft {
    typealias Located = ScenarioDraft.Located
    let id: Located<Name>
    var title: Name?
    var budget: [Int: Located<Literal>] = [:]
    var topslices = Replaceable<Located<(name: Name, size: Literal)>>()
    var base: Located<(amount: Literal, policy: Name?)>?
    var key: Located<[KeyTerm]>?
    var components = Replaceable<Located<(name: Name, share: Literal, key: [KeyTerm]?)>>()
    var earmarks = Replaceable<Located<(purpose: Name, minimum: Literal)>>()
    var floor: Located<(amount: Literal, per: Name?)>?
    var cap: Located<(amount: Literal, per: Name?)>?
    var transition: Located<(change: Literal, per: Name?)>?
    var rounding: Located<Name>?
    /// A budget entry had an error: "no budget" would only repeat it.
    var budgetHadErrors = false

    init(id: Located<Name>) {
        self.id = id
    }

    mutating func merge(_ measure: MeasureDeclaration, from unit: Checker.Unit, checker: inout Checker) {
        if let title = measure.title { self.title = title }
        var yearsHere = [Int: SourceRange]()
        var declared = Declarations(unit: unit, scope: "measure '\(id.value.text)'")
        for line in measure.lines {
            if let what = Self.declares(line.node), !declared.claim(what, line.range, &checker) { continue }
            switch line.node {
            case .budget(let entries):
                for entry in entries {
                    guard entry.years.first <= entry.years.last else {
                        budgetHadErrors = true
                        checker.error(entry.years.range, unit, "the year range \(entry.years.first)..\(entry.years.last) runs backwards", suggestion: "write \(entry.years.last)..\(entry.years.first)")
                        continue
                    }
                    for year in entry.years.first...entry.years.last {
                        if let first = yearsHere[year] {
                            let where_ = unit.document.file.location(of: first.start)
                            checker.error(entry.years.range, unit, "measure '\(id.value.text)' has two budgets for \(year) (the other at line \(where_.line))", suggestion: "give each year one budget")
                            continue
                        }
                        yearsHere[year] = entry.years.range
                        budget[year] = entry.amount.map { Located(value: $0, unit: unit) }
                    }
                }
            case .topslice(let name, let size):
                topslices.put(name.text, Located(value: (name, size), unit: unit))
            case .base(let amount, let policy):
                base = amount.map { Located(value: ($0, policy), unit: unit) }
            case .key(let terms):
                key = Located(value: terms, unit: unit)
            case .component(let name, let share, let componentKey):
                components.put(name.text, Located(value: (name, share, componentKey), unit: unit))
            case .earmark(let purpose, let minimum):
                earmarks.put(purpose.text, Located(value: (purpose, minimum), unit: unit))
            case .floor(let amount, let per):
                floor = Located(value: (amount, per), unit: unit)
            case .cap(let amount, let per):
                cap = Located(value: (amount, per), unit: unit)
            case .transition(let change, let per):
                transition = Located(value: (change, per), unit: unit)
            case .rounding(let name):
                rounding = Located(value: name, unit: unit)
            }
        }
    }
}

extension MeasureDraft {
    /// What a measure statement declares, for the check that nothing is declared twice
    /// (budgets are checked per year instead).
    static func declares(_ statement: MeasureStatement) -> String? {
        switch statement {
        case .budget: return nil
        case .topslice(let name, _): return "top-slice '\(name.text)'"
        case .base: return "base"
        case .key: return "key"
        case .component(let name, _, _): return "component '\(name.text)'"
        case .earmark(let purpose, _): return "earmark '\(purpose.text)'"
        case .floor: return "floor"
        case .cap: return "cap"
        case .transition: return "transition limit"
        case .rounding: return "rounding"
        }
    }
}

/// What one scenario or measure declares, by what it names: a second declaration of the
/// same thing in the same block is an error showing both places (inheriting and then
/// replacing is what `extends` is for).
struct Declarations {
    let unit: Checker.Unit
    let scope: String
    private var first: [String: SourceRange] = [:]

    init(unit: Checker.Unit, scope: String) {
        self.unit = unit
        self.scope = scope
    }

    /// False, with an error at the second place, when `what` was declared before.
    mutating func claim(_ what: String, _ range: SourceRange, _ checker: inout Checker) -> Bool {
        guard let earlier = first[what] else {
            first[what] = range
            return true
        }
        let place = unit.document.file.location(of: earlier.start)
        checker.error(range, unit, "\(scope) declares \(what) twice (first at \(place))", suggestion: "remove one of them, or change it in a scenario that extends this one")
        return false
    }
}

/// Declarations by name in the order they were last declared: declaring a name again (in a
/// child scenario) moves it to the end with its new value, in constant time, so a file of
/// many declarations merges in linear time.
struct Replaceable<Value>: Sequence {
    private var slots: [Value?] = []
    private var position: [String: Int] = [:]

    mutating func put(_ name: String, _ value: Value) {
        if let old = position[name] { slots[old] = nil }
        position[name] = slots.count
        slots.append(value)
    }

    var isEmpty: Bool { position.isEmpty }
    var count: Int { position.count }
    var first: Value? { slots.first { $0 != nil } ?? nil }

    func makeIterator() -> IndexingIterator<[Value]> { slots.compactMap { $0 }.makeIterator() }
}
