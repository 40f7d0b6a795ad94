import CZstd

/// The thin wrapper of libzstd (Debian's libzstd-dev, through the `CZstd` system-library
/// target): `ZSTD_compress` into a buffer of `ZSTD_compressBound` bytes, and
/// `ZSTD_decompress` into a buffer of the size a page header gives (a part's page re-encoded
/// when merged). The
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

    /// The frame `input` decompressed, which must be exactly `size` bytes.
    static func decompress(_ input: [UInt8], size: Int) throws(ParquetReadError) -> [UInt8] {
        guard size >= 0 else { throw ParquetReadError("a page of negative size") }
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { target in
            input.withUnsafeBytes { source in
                assert(target.count == size && source.count == input.count)
                return ZSTD_decompress(target.baseAddress, target.count, source.baseAddress, source.count)
            }
        }
        guard ZSTD_isError(written) == 0, written == size else { throw ParquetReadError("a page does not decompress to the \(size) bytes its header gives") }
        return output
    }
}
