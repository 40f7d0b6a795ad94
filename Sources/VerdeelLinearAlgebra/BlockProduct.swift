import COpenBLAS

/// A matrix product into storage the caller owns and reuses: the Monte Carlo engine's hot
/// loop multiplies variant weights by criterion shares block after block without
/// allocating. Row-major; the product overwrites `result`.
public enum BlockProduct {
    /// `result (m x n) = a (m x k) * b (k x n)` through BLAS `dgemm`.
    /// - Precondition: the buffers hold at least `m*k`, `k*n` and `m*n` elements.
    public static func multiply(
        m: Int, n: Int, k: Int, a: UnsafeBufferPointer<Double>, b: UnsafeBufferPointer<Double>,
        into result: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(a.count >= m * k && b.count >= k * n && result.count >= m * n, "BlockProduct: buffers too small")
        guard m > 0, n > 0 else { return }
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
            1, a.baseAddress, Int32(max(k, 1)), b.baseAddress, Int32(max(n, 1)),
            0, result.baseAddress, Int32(max(n, 1)))
    }

    /// `result (m x n) += a (m x k) * b (k x n)` through BLAS `dgemm` (beta = 1): sums
    /// built up block by block.
    /// - Precondition: the buffers hold at least `m*k`, `k*n` and `m*n` elements.
    public static func multiplyAdding(
        m: Int, n: Int, k: Int, a: UnsafeBufferPointer<Double>, b: UnsafeBufferPointer<Double>,
        into result: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(a.count >= m * k && b.count >= k * n && result.count >= m * n, "BlockProduct: buffers too small")
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
            1, a.baseAddress, Int32(k), b.baseAddress, Int32(n),
            1, result.baseAddress, Int32(n))
    }

    /// Sets how many threads BLAS itself may use. The engine runs its own threads and
    /// gives BLAS one, so every block is computed by the same kernel whatever the thread
    /// count; with one, BLAS's idle worker threads are stopped so they do not spin on the
    /// cores the engine uses.
    public static func setLibraryThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
        if count <= 1 { _ = blas_thread_shutdown_() }
    }
}
