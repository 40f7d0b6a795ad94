import Foundation
import VerdeelCore
import VerdeelModel

/// Evaluates `assert` statements on a scenario's results with exact decimal arithmetic,
/// so stated amounts are compared to the cent.
struct AssertionEvaluator {
    let allocations: [MeasureAllocation]
    let table: RegionTable

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A message at the assertion when it does not hold, `nil` when it does.
    func check(_ assertion: PlannedAssertion) throws(Failure) -> SiteMessage? {
        let left = try value(assertion.left)
        let right = try value(assertion.right)
        if assertion.comparison.holds(left, right) { return nil }
        let money = assertion.left.isMoney || assertion.right.isMoney
        let label = assertion.label.map { "\($0): " } ?? ""
        let message = "assertion failed: \(label)the left side is \(Self.show(left, money: money)), the right side \(Self.show(right, money: money)) (expected \(assertion.comparison.rawValue))"
        let difference = money ? "; the difference is \(Self.show(left - right, money: true))" : ""
        return SiteMessage(at: assertion.site, message + difference)
    }

    static func show(_ value: Decimal, money: Bool) -> String {
        guard money, let cents = value.exactCents else { return "\(value)" }
        return Money(cents: cents).description
    }

    func value(_ expression: ResultExpression) throws(Failure) -> Decimal {
        switch expression {
        case .number(let number):
            return number
        case .negate(let inner):
            return -(try value(inner))
        case .binary(let op, let left, let right):
            let (l, r) = (try value(left), try value(right))
            switch op {
            case .add: return l + r
            case .subtract: return l - r
            case .multiply: return l * r
            case .divide:
                guard r != 0 else { throw Failure(description: "division by zero in the assertion") }
                return l / r
            }
        case .budget(let measure, let year):
            return euros(years(measure, year).map(\.budget).sum())
        case .topslice(let measure, let name, let year):
            return euros(years(measure, year).flatMap(\.topslices).filter { $0.name == name }.map(\.amount).sum())
        case .component(let measure, let name, let year):
            return euros(years(measure, year).flatMap(\.components).filter { $0.component == name }.map(\.distributed).sum())
        case .amount(let measure, let year, let region):
            let selected = years(measure, year)
            guard let region else { return euros(selected.map(\.distributed).sum()) }
            guard table.index(of: region) != nil else {
                let suggestion = NearestName.find(region, among: table.regions.map(\.code)).map { "; did you mean \($0)?" } ?? ""
                throw Failure(description: "unknown region '\(region)' in the assertion\(suggestion)")
            }
            return euros(selected.compactMap { $0.amount(for: region) }.sum())
        }
    }

    private func years(_ measure: String, _ year: Int?) -> [YearAllocation] {
        let all = allocations.first { $0.measure == measure }?.years ?? []
        return year.map { wanted in all.filter { $0.year == wanted } } ?? all
    }

    private func euros(_ money: Money) -> Decimal {
        Decimal(money.cents) / 100
    }
}
