/// A scenario with everything it inherits merged in: tables and criteria by name, measures
/// by identifier, and within a measure each statement by what it names (budget by year,
/// top-slices and components by name). Each part remembers the file it came from.
struct ScenarioDraft {
    struct Located<Value> {
        let value: Value
        let unit: Checker.Unit
    }

    var tables: [Located<TableDeclaration>] = []
    var criteria: [Located<(name: Name, expression: Expr)>] = []
    var measures: [MeasureDraft] = []
    var assertions: [Located<Assertion>] = []
    /// The last `variants` and `montecarlo` blocks of the chain: a child's replaces its parent's.
    var variants: Located<VariantsBlock>?
    var monteCarlo: Located<MonteCarloBlock>?

    mutating func merge(_ declaration: ScenarioDeclaration, from unit: Checker.Unit, own: Bool, checker: inout Checker) {
        for line in declaration.lines {
            switch line.node {
            case .data(let block):
                for table in block.tables {
                    tables.removeAll { $0.value.name.text == table.node.name.text }
                    tables.append(Located(value: table.node, unit: unit))
                }
            case .criterion(let name, let expression):
                criteria.removeAll { $0.value.name.text == name.text }
                criteria.append(Located(value: (name, expression), unit: unit))
            case .measure(let measure):
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
                variants = Located(value: block, unit: unit)
            case .monteCarlo(let block):
                monteCarlo = Located(value: block, unit: unit)
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
    var topslices: [Located<(name: Name, size: Literal)>] = []
    var base: Located<(amount: Literal, policy: Name?)>?
    var key: Located<[KeyTerm]>?
    var components: [Located<(name: Name, share: Literal, key: [KeyTerm]?)>] = []
    var earmarks: [Located<(purpose: Name, minimum: Literal)>] = []
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
        for line in measure.lines {
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
                topslices.removeAll { $0.value.name.text == name.text }
                topslices.append(Located(value: (name, size), unit: unit))
            case .base(let amount, let policy):
                base = amount.map { Located(value: ($0, policy), unit: unit) }
            case .key(let terms):
                key = Located(value: terms, unit: unit)
            case .component(let name, let share, let componentKey):
                components.removeAll { $0.value.name.text == name.text }
                components.append(Located(value: (name, share, componentKey), unit: unit))
            case .earmark(let purpose, let minimum):
                earmarks.removeAll { $0.value.purpose.text == purpose.text }
                earmarks.append(Located(value: (purpose, minimum), unit: unit))
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
