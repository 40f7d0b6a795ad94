/// An expression over indicators that yields one number per region: the body of a
/// criterion (`inhabitants * max(0, highest(ses_woa_mean) - ses_woa_mean)`) or a transform.
///
/// Comparisons yield 1 (true) or 0 (false), so `inhabitants * (ses_woa_mean < -0.2)` counts
/// only where the condition holds.
public indirect enum Expression: Hashable, Codable, Sendable {
    /// A constant.
    case number(Double)
    /// An indicator column of the table being evaluated (regions, or districts inside `sumOverDistricts`).
    case indicator(String)
    /// `-x`.
    case negate(Expression)
    /// `x op y`, element by element.
    case binary(BinaryOperator, Expression, Expression)
    /// A function applied element by element, e.g. `max(0, x)`.
    case call(Function, [Expression])
    /// One number over all rows, broadcast to every row, e.g. `highest(ses_woa_mean)`.
    case aggregate(Aggregate, Expression)
    /// For each region, the sum of the expression over that region's districts.
    case sumOverDistricts(Expression)

    /// Binary operators; comparisons give 1 or 0.
    public enum BinaryOperator: String, Hashable, Codable, Sendable, CaseIterable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    }

    /// Element-wise functions and the number of arguments each takes.
    public enum Function: String, Hashable, Codable, Sendable, CaseIterable {
        case min, max, clamp, exp, log, sqrt, abs
        case normalCDF = "normal_cdf"
        /// `if(condition, then, else)`: `then` where the condition is non-zero.
        case ifElse = "if"

        /// The allowed argument counts.
        public var arity: ClosedRange<Int> {
            switch self {
            case .min, .max: return 2...Int.max
            case .clamp, .ifElse: return 3...3
            case .exp, .log, .sqrt, .abs, .normalCDF: return 1...1
            }
        }
    }

    /// Reductions over all rows of the table.
    public enum Aggregate: String, Hashable, Codable, Sendable, CaseIterable {
        case highest, lowest, total, mean
    }
}
