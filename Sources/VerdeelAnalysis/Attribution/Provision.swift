import VerdeelCore
import VerdeelModel

/// One provision in which two scenarios differ: a player of the attribution. Each differing
/// budget year, top-slice, base, key (its weights together, as they must sum to 100%),
/// component, limit (floor, cap, transition), rounding unit, measure present in only one
/// scenario, criterion definition and data table (file or vintage) is one.
public enum Provision: Hashable, Sendable, CustomStringConvertible {
    case budget(measure: String, year: Int)
    case topslice(measure: String, name: String)
    case base(measure: String)
    case key(measure: String)
    case component(measure: String, name: String)
    case floor(measure: String)
    case cap(measure: String)
    case transition(measure: String)
    case rounding(measure: String)
    case measure(String)
    case criterion(String)
    case data(table: String)

    public var description: String {
        switch self {
        case .budget(let measure, let year): return "\(measure) budget \(year)"
        case .topslice(let measure, let name): return "\(measure) topslice \(name)"
        case .base(let measure): return "\(measure) base"
        case .key(let measure): return "\(measure) key"
        case .component(let measure, let name): return "\(measure) component \(name)"
        case .floor(let measure): return "\(measure) floor"
        case .cap(let measure): return "\(measure) cap"
        case .transition(let measure): return "\(measure) transition"
        case .rounding(let measure): return "\(measure) rounding"
        case .measure(let measure): return "measure \(measure)"
        case .criterion(let name): return "criterion \(name)"
        case .data(let table): return "data \(table)"
        }
    }

    /// Every provision in which `b` differs from `a`, in the order of their names, so the
    /// attribution does not depend on the order the scenarios write them in.
    public static func differences(_ a: ScenarioPlan, _ b: ScenarioPlan) -> [Provision] {
        var found = Set<Provision>()
        let left = Dictionary(a.measures.map { ($0.id, $0.measure) }, uniquingKeysWith: { first, _ in first })
        let right = Dictionary(b.measures.map { ($0.id, $0.measure) }, uniquingKeysWith: { first, _ in first })
        for id in Set(left.keys).union(right.keys) {
            guard let x = left[id], let y = right[id] else {
                found.insert(.measure(id))
                continue
            }
            for year in Set(x.budgets.keys).union(y.budgets.keys) where x.budgets[year] != y.budgets[year] { found.insert(.budget(measure: id, year: year)) }
            for name in Set(x.topslices.map(\.name)).union(y.topslices.map(\.name))
            where x.topslices.first(where: { $0.name == name }) != y.topslices.first(where: { $0.name == name }) {
                found.insert(.topslice(measure: id, name: name))
            }
            if x.base != y.base { found.insert(.base(measure: id)) }
            if weights(x.key) != weights(y.key) { found.insert(.key(measure: id)) }
            for name in Set(x.components.map(\.name)).union(y.components.map(\.name))
            where componentShape(x, name) != componentShape(y, name) {
                found.insert(.component(measure: id, name: name))
            }
            if x.limits.floor != y.limits.floor { found.insert(.floor(measure: id)) }
            if x.limits.cap != y.limits.cap { found.insert(.cap(measure: id)) }
            if x.limits.transition != y.limits.transition { found.insert(.transition(measure: id)) }
            if x.rounding != y.rounding { found.insert(.rounding(measure: id)) }
        }
        let definitions = (criteria(a), criteria(b))
        for name in Set(definitions.0.keys).intersection(definitions.1.keys) where definitions.0[name] != definitions.1[name] {
            found.insert(.criterion(name))
        }
        for table in a.data.tables {
            guard let other = b.data.tables.first(where: { $0.name == table.name }) else { continue }
            if !DataPlan.sameSource(table, other) { found.insert(.data(table: table.name)) }
        }
        return found.sorted { $0.description < $1.description }
    }

    /// A key's weights by criterion name (the definitions are players of their own).
    static func weights(_ key: Key) -> [String: Fraction] {
        Dictionary(key.terms.map { ($0.criterion.name, $0.weight) }, uniquingKeysWith: { first, _ in first })
    }

    private static func componentShape(_ measure: Measure, _ name: String) -> [String]? {
        guard let component = measure.components.first(where: { $0.name == name }) else { return nil }
        let key = component.key.map { weights($0).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } } ?? ["measure key"]
        return ["\(component.share)"] + key
    }

    /// Every criterion's definition in a scenario's keys, by name.
    static func criteria(_ plan: ScenarioPlan) -> [String: Expression] {
        var result = [String: Expression]()
        for measure in plan.measures.map(\.measure) {
            for term in measure.key.terms + measure.components.flatMap({ $0.key?.terms ?? [] }) {
                result[term.criterion.name] = term.criterion.expression
            }
        }
        return result
    }
}
