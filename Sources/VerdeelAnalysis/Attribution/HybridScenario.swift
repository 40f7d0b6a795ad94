import VerdeelCore
import VerdeelModel

/// Scenario A with the provisions of a subset S taken from scenario B: the game whose
/// Shapley values attribute B - A. Bit i of a mask is provision i of `provisions`.
struct HybridScenario {
    let a: ScenarioPlan
    let b: ScenarioPlan
    let provisions: [Provision]

    /// The measures of the hybrid: A's, with each chosen provision from B (a measure that
    /// is a provision of its own comes whole from the scenario chosen), in A's order then
    /// B's own; chosen criterion definitions replace A's in every key.
    func measures(_ mask: Int) -> [(id: String, measure: Measure)] {
        let chosen = Set(provisions.indices.filter { mask & (1 << $0) != 0 }.map { provisions[$0] })
        let fromB = Dictionary(b.measures.map { ($0.id, $0.measure) }, uniquingKeysWith: { first, _ in first })
        let ids = a.measures.map(\.id) + b.measures.map(\.id).filter { id in !a.measures.contains { $0.id == id } }
        let definitions = (Provision.criteria(a), Provision.criteria(b))
        var result = [(id: String, measure: Measure)]()
        for id in ids {
            let inA = a.measures.first { $0.id == id }?.measure
            var measure: Measure
            if provisions.contains(.measure(id)) {
                guard let whole = chosen.contains(.measure(id)) ? fromB[id] : inA else { continue }
                measure = whole
            } else {
                guard var mixed = inA, let other = fromB[id] else { continue }
                for provision in chosen { Self.take(provision, of: id, from: other, into: &mixed) }
                measure = mixed
            }
            measure.key = redefine(measure.key, chosen, definitions)
            measure.components = measure.components.map { component in
                Component(name: component.name, component.share, key: component.key.map { redefine($0, chosen, definitions) })
            }
            result.append((id, measure))
        }
        return result
    }

    /// The hybrid's data: A's tables, each chosen one B's.
    func data(_ mask: Int) -> DataPlan {
        var plan = a.data
        for (i, provision) in provisions.enumerated() where mask & (1 << i) != 0 {
            guard case .data(let name) = provision, let table = b.data.tables.first(where: { $0.name == name }) else { continue }
            plan = plan.replacing(table)
        }
        return plan
    }

    /// The part of `mask` that changes the data (hybrids with the same part share tables).
    func dataMask(_ mask: Int) -> Int {
        provisions.indices.reduce(0) { part, i in
            if case .data = provisions[i], mask & (1 << i) != 0 { return part | (1 << i) }
            return part
        }
    }

    private static func take(_ provision: Provision, of id: String, from other: Measure, into measure: inout Measure) {
        switch provision {
        case .budget(id, let year): measure.budgets[year] = other.budgets[year]
        case .topslice(id, let name): replace(&measure.topslices, with: other.topslices, named: name, \.name)
        case .base(id): measure.base = other.base
        case .key(id): measure.key = other.key
        case .component(id, let name): replace(&measure.components, with: other.components, named: name, \.name)
        case .floor(id): measure.limits.floor = other.limits.floor
        case .cap(id): measure.limits.cap = other.limits.cap
        case .transition(id): measure.limits.transition = other.limits.transition
        case .rounding(id): measure.rounding = other.rounding
        default: return
        }
    }

    /// The element named `name` of `list` as in `other`: replaced, removed when `other` has
    /// none, added at the end when only `other` has it.
    private static func replace<Element>(_ list: inout [Element], with other: [Element], named name: String, _ key: KeyPath<Element, String>) {
        let replacement = other.first { $0[keyPath: key] == name }
        if let index = list.firstIndex(where: { $0[keyPath: key] == name }) {
            if let replacement { list[index] = replacement } else { list.remove(at: index) }
        } else if let replacement {
            list.append(replacement)
        }
    }

    private func redefine(_ key: Key, _ chosen: Set<Provision>, _ definitions: ([String: Expression], [String: Expression])) -> Key {
        Key(key.terms.map { term in
            let name = term.criterion.name
            guard provisions.contains(.criterion(name)) else { return term }
            let expression = chosen.contains(.criterion(name)) ? definitions.1[name] : definitions.0[name]
            return Key.Term(Criterion(name: name, expression: expression ?? term.criterion.expression), term.weight)
        })
    }
}
