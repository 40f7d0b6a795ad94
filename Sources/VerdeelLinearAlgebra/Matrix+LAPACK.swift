import COpenBLAS

extension Matrix {
    /// The lower-triangular Cholesky factor `L` with `L * transpose(L) == self`, through
    /// LAPACK `dpotrf`. Only the lower triangle of `self` is read.
    ///
    /// Throws ``LinearAlgebraError/notPositiveDefinite(order:)`` when the matrix is not
    /// symmetric positive definite (e.g. an inconsistent correlation matrix).
    public func choleskyFactor() throws(LinearAlgebraError) -> Matrix {
        guard rows == columns else { throw .shapeMismatch("Cholesky needs a square matrix, got \(rows) x \(columns)") }
        var factor = self
        let n = Int32(rows)
        let info = factor.elements.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, p.baseAddress, max(n, 1))
        }
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw .invalidArgument(routine: "dpotrf", info: Int(info)) }
        for i in 0..<rows {
            for j in (i + 1)..<max(i + 1, columns) { factor[i, j] = 0 }
        }
        return factor
    }
}
