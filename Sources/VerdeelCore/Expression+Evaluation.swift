import RealModule

extension Expression {
    /// The values of the expression for every region of `table`, in table order.
    public func evaluate(over table: RegionTable) throws(ExpressionError) -> [Double] {
        try evaluate(columns: table.indicators, count: table.count, level: .regions(table), groupSize: table.count)
    }

    /// The values for `groups` stacked copies of the regions: `columns` hold the indicators
    /// of copy 0 (in table order), then copy 1, and so on; indicators missing from `columns`
    /// come from `table`. Aggregates such as `highest` reduce within each copy, so a Monte
    /// Carlo draw sees only its own values; district sums use the table's districts.
    public func evaluate(stacked columns: [String: [Double]], groups: Int, over table: RegionTable) throws(ExpressionError) -> [Double] {
        var merged = columns
        for (name, column) in table.indicators where merged[name] == nil {
            merged[name] = Array((0..<groups).map { _ in column }.joined())
        }
        return try evaluate(columns: merged, count: groups * table.count, level: .regions(table), groupSize: table.count)
    }

    /// Where an expression is evaluated: on the regions, or on the districts inside `sumOverDistricts`.
    enum Level {
        case regions(RegionTable)
        case districts

        var noun: String {
            switch self {
            case .regions: return "region"
            case .districts: return "district"
            }
        }

        /// "region GM0014" for a row of (stacked copies of) the regions; "a district" inside a district sum.
        func name(ofRow row: Int) -> String {
            switch self {
            case .regions(let table): return table.count > 0 ? "region \(table.regions[row % table.count].code)" : "a region"
            case .districts: return "a district"
            }
        }
    }

    func evaluate(columns: [String: [Double]], count: Int, level: Level, groupSize: Int) throws(ExpressionError) -> [Double] {
        switch self {
        case .number(let value):
            return Array(repeating: value, count: count)
        case .indicator(let name):
            guard let column = columns[name] else {
                throw .unknownIndicator(name, level: level.noun, suggestion: NearestName.find(name, among: columns.keys))
            }
            return column
        case .negate(let inner):
            return try inner.evaluate(columns: columns, count: count, level: level, groupSize: groupSize).map { -$0 }
        case .binary(let op, let left, let right):
            let x = try left.evaluate(columns: columns, count: count, level: level, groupSize: groupSize)
            let y = try right.evaluate(columns: columns, count: count, level: level, groupSize: groupSize)
            if op == .power, let row = x.indices.first(where: { x[$0] < 0 && !Expression.isWhole(y[$0]) }) {
                throw .fractionalPowerOfNegative(base: x[row], exponent: y[row], where: level.name(ofRow: row))
            }
            return zip(x, y).map { op.apply($0, $1) }
        case .call(let function, let arguments):
            guard function.arity.contains(arguments.count) else {
                throw .wrongArgumentCount(function: function.rawValue, expected: function.arity, actual: arguments.count)
            }
            var values = [[Double]]()
            for argument in arguments {
                values.append(try argument.evaluate(columns: columns, count: count, level: level, groupSize: groupSize))
            }
            return (0..<count).map { row in function.apply(values.map { $0[row] }) }
        case .aggregate(let aggregate, let inner):
            let values = try inner.evaluate(columns: columns, count: count, level: level, groupSize: groupSize)
            guard groupSize > 0, groupSize < count else { return Array(repeating: aggregate.apply(values), count: count) }
            var result = [Double]()
            result.reserveCapacity(count)
            for start in stride(from: 0, to: count, by: groupSize) {
                let group = Array(values[start..<min(start + groupSize, count)])
                result.append(contentsOf: repeatElement(aggregate.apply(group), count: group.count))
            }
            return result
        case .sumOverDistricts(let inner):
            guard case .regions(let table) = level else { throw .nestedDistrictSum }
            guard let districts = table.districts else { throw .noDistricts }
            let values = try inner.evaluate(columns: districts.indicators, count: districts.districts.count, level: .districts, groupSize: districts.districts.count)
            var sums = Array(repeating: 0.0, count: table.count)
            var covered = Array(repeating: false, count: table.count)
            for (district, regionIndex) in table.districtRegionIndex.enumerated() {
                sums[regionIndex] += values[district]
                covered[regionIndex] = true
            }
            if !districts.missingAsZero, let missing = covered.firstIndex(of: false) {
                throw .regionWithoutDistricts(region: table.regions[missing].code)
            }
            return Array((0..<(count / max(table.count, 1))).map { _ in sums }.joined())
        }
    }
}

extension Expression.BinaryOperator {
    func apply(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .power: return Expression.isWhole(y) ? Double.pow(x, Int(y)) : Double.pow(x, y)
        case .less: return x < y ? 1 : 0
        case .lessOrEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterOrEqual: return x >= y ? 1 : 0
        case .equal: return x == y ? 1 : 0
        case .notEqual: return x != y ? 1 : 0
        }
    }
}

extension Expression.Function {
    /// Applies the function to one row's arguments; the arity was checked by the caller.
    func apply(_ arguments: [Double]) -> Double {
        switch self {
        case .min: return arguments.min() ?? .nan
        case .max: return arguments.max() ?? .nan
        case .clamp: return Swift.min(Swift.max(arguments[0], arguments[1]), arguments[2])
        case .exp: return Double.exp(arguments[0])
        case .log: return Double.log(arguments[0])
        case .sqrt: return arguments[0].squareRoot()
        case .abs: return Swift.abs(arguments[0])
        case .normalCDF: return 0.5 * Double.erfc(-arguments[0] / 2.0.squareRoot())
        case .ifElse: return arguments[0] != 0 ? arguments[1] : arguments[2]
        }
    }
}

extension Expression.Aggregate {
    func apply(_ values: [Double]) -> Double {
        switch self {
        case .highest: return values.max() ?? .nan
        case .lowest: return values.min() ?? .nan
        case .total: return values.reduce(0, +)
        case .mean: return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
    }
}

/// Why an expression could not be evaluated.
public enum ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownIndicator(String, level: String, suggestion: String?)
    case wrongArgumentCount(function: String, expected: ClosedRange<Int>, actual: Int)
    case nestedDistrictSum
    case noDistricts
    /// `sum_districts` over a region with no rows in the districts table.
    case regionWithoutDistricts(region: String)
    /// `x ^ y` with `x < 0` and `y` not a whole number: not a real number.
    case fractionalPowerOfNegative(base: Double, exponent: Double, where: String)

    public var description: String {
        switch self {
        case .unknownIndicator(let name, let level, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "unknown \(level) indicator '\(name)'\(hint)"
        case .wrongArgumentCount(let function, let expected, let actual):
            let wanted = expected.upperBound == Int.max ? "at least \(expected.lowerBound)"
                : expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
            return "\(function) takes \(wanted) argument\(expected.lowerBound == 1 && expected.count == 1 ? "" : "s"), got \(actual)"
        case .nestedDistrictSum: return "sum_districts cannot be used inside sum_districts"
        case .noDistricts: return "sum_districts needs a district table, and none was given"
        case .regionWithoutDistricts(let region):
            return "sum_districts: region \(region) has no rows in the districts table; add its districts, or write missing_as_zero after the districts table's path if such a region should get 0"
        case .fractionalPowerOfNegative(let base, let exponent, let place):
            return "(\(base)) ^ \(exponent) for \(place) is not a real number: a negative number has no fractional power; use a whole exponent, or max(0, ...) around the base"
        }
    }
}

extension Expression {
    /// Whether an exponent is a whole number that `pow(x, n)` takes exactly (|n| < 2^53):
    /// then `x ^ n` is defined for every `x`, negative ones included.
    static func isWhole(_ value: Double) -> Bool {
        value == value.rounded() && Swift.abs(value) < 9_007_199_254_740_992
    }
}
