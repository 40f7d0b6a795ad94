/// A dense matrix of doubles in row-major order: the value type that verdeel's numeric
/// layers hand to BLAS and LAPACK, so no other module touches a C pointer.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row after row: entry (i, j) is `elements[i * columns + j]`.
    public internal(set) var elements: [Double]

    /// A matrix from its entries in row-major order.
    /// - Precondition: `elements.count == rows * columns`, rows and columns >= 0.
    public init(rows: Int, columns: Int, elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw .shapeMismatch("a \(rows) x \(columns) matrix needs \(max(0, rows) * max(0, columns)) entries, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from its rows; every row must have the same length.
    public init(_ rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let columns = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == columns }) else {
            throw .shapeMismatch("rows of a matrix must all have \(columns) entries")
        }
        try self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// Entry (row, column).
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }
}

/// What went wrong in a linear-algebra call, in words a caller can pass on.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands' shapes do not fit together.
    case shapeMismatch(String)
    /// Cholesky failed: the matrix is not symmetric positive definite (leading minor `order` is not positive).
    case notPositiveDefinite(order: Int)
    /// LAPACK rejected an argument (its `info` < 0); a bug in the caller.
    case invalidArgument(routine: String, info: Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let text): return "shape mismatch: \(text)"
        case .notPositiveDefinite(let order):
            return "the matrix is not positive definite (its leading \(order) x \(order) minor is not positive)"
        case .invalidArgument(let routine, let info): return "\(routine) rejected argument \(-info)"
        }
    }
}
