import Foundation

/// Runs `body` with a new empty directory in the system's temporary folder and removes the
/// directory afterwards, whether `body` returns or throws: tests leave nothing behind.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("verdeel-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
