import Numerics
import Testing
import VerdeelLinearAlgebra

/// Worked examples, computed by hand, for the BLAS and LAPACK calls.
struct MatrixTests {
    @Test func dgemmMultipliesAWorkedExample() throws {
        // [1 2 3]   [ 7  8]   [1*7+2*9+3*11  1*8+2*10+3*12]   [ 58  64]
        // [4 5 6] * [ 9 10] = [4*7+5*9+6*11  4*8+5*10+6*12] = [139 154]
        //           [11 12]
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        let b = try Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(try Matrix.multiply(a, b) == Matrix([[58, 64], [139, 154]]))
    }

    @Test func dgemmAddsScaledMatrix() throws {
        // 2 * I * [1 2; 3 4] + 10 * [1 1; 1 1] = [12 14; 16 18]
        let identity = try Matrix([[1, 0], [0, 1]])
        let b = try Matrix([[1, 2], [3, 4]])
        let ones = try Matrix([[1, 1], [1, 1]])
        #expect(try Matrix.multiply(identity, b, alpha: 2, adding: ones, beta: 10) == Matrix([[12, 14], [16, 18]]))
    }

    @Test func dgemmRejectsMismatchedShapes() throws {
        let a = try Matrix([[1, 2]])
        #expect(throws: LinearAlgebraError.shapeMismatch("(1 x 2) * (1 x 2)")) { try Matrix.multiply(a, a) }
    }

    @Test func dpotrfFactorsACorrelationMatrix() throws {
        // [4 2; 2 3] = L L^T with L = [2 0; 1 sqrt(2)]: 2*2 = 4, 1*2 = 2, 1 + 2 = 3.
        let factor = try Matrix([[4, 2], [2, 3]]).choleskyFactor()
        #expect(factor[0, 0] == 2)
        #expect(factor[0, 1] == 0)
        #expect(factor[1, 0] == 1)
        #expect(factor[1, 1].isApproximatelyEqual(to: 2.0.squareRoot()))
    }

    @Test func dpotrfRejectsAMatrixThatIsNotPositiveDefinite() throws {
        // Correlations 0.9, 0.9, -0.9 are inconsistent: det = 1 - 3*0.81 - 2*0.729 < 0.
        let inconsistent = try Matrix([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 3)) { try inconsistent.choleskyFactor() }
    }

    @Test func dgesvSolvesAWorkedSystem() throws {
        // 2x + y = 5, x + 3y = 10  =>  x = 1, y = 3.
        let solution = try Matrix([[2, 1], [1, 3]]).solve(Matrix([[5], [10]]))
        #expect(solution[0, 0].isApproximatelyEqual(to: 1))
        #expect(solution[1, 0].isApproximatelyEqual(to: 3))
    }

    @Test func dgesvReportsASingularMatrix() throws {
        #expect(throws: LinearAlgebraError.singular(index: 2)) {
            try Matrix([[1, 2], [2, 4]]).solve(Matrix([[1], [2]]))
        }
    }
}
