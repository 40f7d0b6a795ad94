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
    /// More threads than this are not used (and cannot overflow the memory estimate).
    public static let maximumThreads = 1_024
    /// Variants per work item are capped here; a larger chunk changes nothing but the count.
    public static let maximumChunk = 1 << 24
    private let cancelled = Atomic<Bool>(false)
    let finished = Atomic<Int>(0)
    let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(threads: Int = 2, chunk: Int = 32, memoryLimit: Int = RunControl.availableMemory(), progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.threads = min(max(1, threads), Self.maximumThreads)
        self.chunk = min(max(1, chunk), Self.maximumChunk)
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
