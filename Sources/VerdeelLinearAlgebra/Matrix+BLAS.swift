import COpenBLAS

extension Matrix {
    /// The product `alpha * a * b + beta * c` through BLAS `dgemm` (row-major).
    ///
    /// ```
    /// result[i, j] = alpha * sum_k a[i, k] * b[k, j] + beta * c[i, j]
    /// ```
    /// Without `c`, `beta` is ignored and the result is `alpha * a * b`.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, alpha: Double = 1, adding c: Matrix? = nil, beta: Double = 1
    ) throws(LinearAlgebraError) -> Matrix {
        guard a.columns == b.rows else {
            throw .shapeMismatch("(\(a.rows) x \(a.columns)) * (\(b.rows) x \(b.columns))")
        }
        var result = c ?? .zeros(rows: a.rows, columns: b.columns)
        guard result.rows == a.rows, result.columns == b.columns else {
            throw .shapeMismatch("the added matrix is \(result.rows) x \(result.columns), the product \(a.rows) x \(b.columns)")
        }
        if a.rows == 0 || b.columns == 0 { return result }
        let (m, n, k) = (Int32(a.rows), Int32(b.columns), Int32(a.columns))
        let effectiveBeta = c == nil ? 0 : beta
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                result.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k,
                        alpha, pa.baseAddress, max(k, 1), pb.baseAddress, max(n, 1),
                        effectiveBeta, pc.baseAddress, max(n, 1))
                }
            }
        }
        return result
    }
}
