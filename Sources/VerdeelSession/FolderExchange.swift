import Foundation

/// Swaps two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`): at every
/// instant, even under SIGKILL, the output path holds a complete set, the old one or the
/// new. Looked up in the C library at run time (Swift's Glibc module does not declare it);
/// where it is missing or the file system cannot exchange (`EINVAL`, `ENOSYS`), the caller
/// falls back to two renames and says so in the docs.
enum FolderExchange {
    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let exchangeFlag: UInt32 = 2

    private static let renameat2: Renameat2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    enum Outcome { case exchanged, unsupported }

    /// Exchanges `first` and `second`; `.unsupported` when this system or file system cannot.
    static func exchange(_ first: URL, _ second: URL) throws -> Outcome {
        guard let renameat2 else { return .unsupported }
        if renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, exchangeFlag) == 0 { return .exchanged }
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return .unsupported }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
