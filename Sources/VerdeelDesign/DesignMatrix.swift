/// The rows a design asks the model to evaluate: `rows x columns` values, row-major, one
/// column per factor, in the factors' own units (bounds applied).
public struct DesignMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public let values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "DesignMatrix: \(values.count) values for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }
}
