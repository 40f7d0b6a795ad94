import VerdeelRandom

/// Saltelli's design for Sobol indices (Saltelli 2002; 2010), in SALib's row layout so
/// SALib can analyse what verdeel samples and the other way round. From N points of a
/// scrambled Sobol sequence in 2D dimensions (D factors), A = the first D coordinates and
/// B = the last D; per base point i the rows are A_i, then for every group g the row
/// AB_g (A_i with the columns of group g taken from B_i), then with second order for
/// every group BA_g (B_i with group g's columns from A_i), then B_i. So N (G + 2) rows,
/// or N (2G + 2) with second order, for G groups.
public struct SaltelliDesign: Sendable {
    public let problem: SensitivityProblem
    /// Base points N.
    public let baseCount: Int
    public let secondOrder: Bool

    public init(problem: SensitivityProblem, baseCount: Int, secondOrder: Bool) throws(DesignError) {
        guard baseCount >= 2 else { throw DesignError("N must be at least 2 (a power of two such as 1024 keeps the Sobol sequence balanced), not \(baseCount)") }
        guard baseCount <= 1 << 24 else { throw DesignError("N = \(baseCount) is more than 16,777,216 base points; choose a smaller N") }
        guard 2 * problem.factors.count <= SobolSequence.maximumDimensions else {
            throw DesignError("a Saltelli design supports at most \(SobolSequence.maximumDimensions / 2) factors, this problem has \(problem.factors.count); group factors or use Morris")
        }
        self.problem = problem
        self.baseCount = baseCount
        self.secondOrder = secondOrder
        try DesignMatrix.checkSize(rows: baseCount * rowsPerBasePoint, columns: problem.factors.count)
    }

    /// Rows per base point: G + 2, or 2G + 2 with second order.
    public var rowsPerBasePoint: Int {
        (secondOrder ? 2 : 1) * problem.groups.count + 2
    }

    /// The design's rows in the factors' units, from the Sobol sequence scrambled with `seed`.
    public func matrix(seed: UInt64) -> DesignMatrix {
        let d = problem.factors.count
        let base = SobolSequence(dimensions: 2 * d, scrambleSeed: seed)?.points(baseCount) ?? []
        var values = [Double]()
        values.reserveCapacity(baseCount * rowsPerBasePoint * d)
        func append(_ point: [Double], swapped group: Int?, from first: Int, other: Int) {
            for j in 0..<d {
                let column = problem.groupOfFactor[j] == group ? other + j : first + j
                values.append(problem.factors[j].value(at: point[column]))
            }
        }
        for point in base {
            append(point, swapped: nil, from: 0, other: d)
            for g in problem.groups.indices { append(point, swapped: g, from: 0, other: d) }
            if secondOrder {
                for g in problem.groups.indices { append(point, swapped: g, from: d, other: 0) }
            }
            append(point, swapped: nil, from: d, other: 0)
        }
        return DesignMatrix(rows: baseCount * rowsPerBasePoint, columns: d, values: values)
    }
}
