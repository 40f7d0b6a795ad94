import CZstd

/// The thin wrapper of libzstd (Debian's libzstd-dev, through the `CZstd` system-library
/// target): one call, `ZSTD_compress` into a buffer of `ZSTD_compressBound` bytes. The
/// Parquet codec ZSTD (6) is a plain Zstandard frame per page (parquet-format's
/// Compression.md).
enum Zstd {
    /// The level verdeel compresses at: libzstd's default, fast and about a third of the size.
    static let level: Int32 = 3

    static func compress(_ input: [UInt8]) throws(ParquetWriteError) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { target in
            input.withUnsafeBytes { source in
                assert(target.count == bound && source.count == input.count)
                return ZSTD_compress(target.baseAddress, target.count, source.baseAddress, source.count, level)
            }
        }
        guard ZSTD_isError(written) == 0, written <= bound else {
            throw ParquetWriteError("zstd could not compress a page: \(String(cString: ZSTD_getErrorName(written)))")
        }
        output.removeSubrange(written...)
        return output
    }
}
