import Numerics
import Testing
import VerdeelLinearAlgebra

/// Worked examples, computed by hand, for the BLAS and LAPACK calls.
struct MatrixTests {
    @Test func blockProductMultipliesAWorkedExample() {
        // [1 2 3]   [ 7  8]   [1*7+2*9+3*11  1*8+2*10+3*12]   [ 58  64]
        // [4 5 6] * [ 9 10] = [4*7+5*9+6*11  4*8+5*10+6*12] = [139 154]
        //           [11 12]
        let a: [Double] = [1, 2, 3, 4, 5, 6]
        let b: [Double] = [7, 8, 9, 10, 11, 12]
        var result = [Double](repeating: -1, count: 4)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { BlockProduct.multiply(m: 2, n: 2, k: 3, a: a, b: b, into: $0) }
            }
        }
        #expect(result == [58, 64, 139, 154])
    }

    @Test func blockProductOverwritesWhatWasThere() {
        // [1 0; 0 1] * [5 6; 7 8] = [5 6; 7 8], whatever the result buffer held before.
        let identity: [Double] = [1, 0, 0, 1]
        let b: [Double] = [5, 6, 7, 8]
        var result: [Double] = [100, 100, 100, 100]
        identity.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { BlockProduct.multiply(m: 2, n: 2, k: 2, a: a, b: b, into: $0) }
            }
        }
        #expect(result == [5, 6, 7, 8])
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
}
