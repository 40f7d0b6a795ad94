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

    /// The most values a design may hold (4 GB of doubles).
    public static let maximumValues = 500_000_000

    /// Refuses a design too large to hold.
    static func checkSize(rows: Int, columns: Int) throws(DesignError) {
        let (values, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, values <= maximumValues else {
            throw DesignError("the design would have \(rows) rows of \(columns) values, more than \(maximumValues) in all; choose a smaller N or fewer factors")
        }
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }
}
