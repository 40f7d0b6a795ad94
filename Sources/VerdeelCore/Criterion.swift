/// A named expression whose value per region says how much of a key's weight that region
/// earns: its share is `x_m / sum(x)`.
///
/// A criterion must be finite and >= 0 for every region and must not sum to 0; anything
/// else is an error that names the criterion and the region (never a silent zero).
public struct Criterion: Hashable, Codable, Sendable {
    /// The name shown in reports and messages, e.g. `inhabitants` or `need`.
    public let name: String
    /// How the value per region is computed.
    public let expression: Expression

    public init(name: String, expression: Expression) {
        self.name = name
        self.expression = expression
    }

    /// A criterion that is one indicator column, named after it.
    public static func indicator(_ name: String) -> Criterion {
        Criterion(name: name, expression: .indicator(name))
    }

    /// The criterion's value for every region, validated.
    public func values(over table: RegionTable) throws(CriterionError) -> [Double] {
        let values: [Double]
        do {
            values = try expression.evaluate(over: table)
        } catch {
            throw .expression(criterion: name, error)
        }
        for (index, value) in values.enumerated() {
            if !value.isFinite { throw .notFinite(criterion: name, region: table.regions[index].code, value: value) }
            if value < 0 { throw .negative(criterion: name, region: table.regions[index].code, value: value) }
        }
        let total = values.reduce(0, +)
        guard total.isFinite else { throw .totalNotFinite(criterion: name) }
        guard total > 0 else { throw .sumIsZero(criterion: name) }
        return values
    }

    /// Each region's share `x_m / sum(x)` of the criterion; the shares sum to 1.
    ///
    /// Raising one region's value never lowers its share: `x / (x + rest)` is increasing in `x`.
    public func shares(over table: RegionTable) throws(CriterionError) -> [Double] {
        let values = try values(over: table)
        let total = values.reduce(0, +)
        return values.map { $0 / total }
    }
}

/// Why a criterion cannot be used to share a budget.
public enum CriterionError: Error, Equatable, Sendable, CustomStringConvertible {
    case expression(criterion: String, ExpressionError)
    case notFinite(criterion: String, region: String, value: Double)
    case negative(criterion: String, region: String, value: Double)
    case sumIsZero(criterion: String)
    case totalNotFinite(criterion: String)

    public var description: String {
        switch self {
        case .expression(let criterion, let error):
            return "criterion '\(criterion)': \(error)"
        case .notFinite(let criterion, let region, let value):
            return "criterion '\(criterion)' is \(value) for region \(region); it must be a finite number (check for division by zero or log of 0)"
        case .negative(let criterion, let region, let value):
            return "criterion '\(criterion)' is negative (\(value)) for region \(region); a criterion must be >= 0 (wrap it in max(0, ...) if that is what you mean)"
        case .sumIsZero(let criterion):
            return "criterion '\(criterion)' is 0 for every region, so it cannot share a budget"
        case .totalNotFinite(let criterion):
            return "the values of criterion '\(criterion)' add up to more than the largest number (about 1.8e308); divide the criterion by a constant"
        }
    }
}
