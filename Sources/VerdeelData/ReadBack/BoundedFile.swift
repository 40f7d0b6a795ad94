import Foundation

/// Reading a file verdeel wrote without following it anywhere: plain files only, never
/// more than a limit (a damaged record cannot make verdeel read a device or gigabytes).
public enum BoundedFile {
    /// `shard.json`, `manifest.txt` and `schema.json` are small; records are at most this long.
    public static let recordLimit = 64 << 20

    public static func isRegularFile(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The file's bytes, or nil when it is not a plain file, cannot be read or is longer than `limit`.
    public static func read(_ url: URL, limit: Int) -> Data? {
        guard isRegularFile(url), let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: max(0, limit) + 1) ?? Data()
            return data.count <= limit ? data : nil
        } catch {
            return nil
        }
    }
}
