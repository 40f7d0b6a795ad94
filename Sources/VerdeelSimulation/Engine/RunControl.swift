import Foundation
import Synchronization

/// How a simulation runs, and the switch that stops it: thread count, variants per work
/// item, memory budget, a cancellation flag (set from a Ctrl-C handler) and a progress
/// callback. Results never depend on `threads` or `chunk`.
public final class RunControl: Sendable {
    public let threads: Int
    /// Variants per work item, rounded up to a multiple of the product tile (8).
    public let chunk: Int
    public let memoryLimit: Int
    private let cancelled = Atomic<Bool>(false)
    let finished = Atomic<Int>(0)
    let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(threads: Int = 2, chunk: Int = 32, memoryLimit: Int = RunControl.availableMemory(), progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.threads = max(1, threads)
        self.chunk = max(1, chunk)
        self.memoryLimit = memoryLimit
        self.progress = progress
    }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// MemAvailable from /proc/meminfo, or 4 GB when it cannot be read.
    public static func availableMemory() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return 4 << 30 }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            if let kilobytes = digits { return kilobytes * 1024 }
        }
        return 4 << 30
    }
}
