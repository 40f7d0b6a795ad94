import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How a simulation runs, and the switch that stops it: thread count, variants per work
/// item, memory budget, a cancellation flag (set from a Ctrl-C handler) and a progress
/// callback. Results never depend on `threads` or `chunk`.
public final class RunControl: Sendable {
    public let threads: Int
    /// Variants per work item, rounded up to a multiple of the product tile (8).
    public let chunk: Int
    public let memoryLimit: Int
    /// Which limit `memoryLimit` is (MemAvailable, ulimit -v, cgroup memory.max), for messages.
    public let memoryLimitSource: String
    /// More threads than this are not used (and cannot overflow the memory estimate).
    public static let maximumThreads = 1_024
    /// Variants per work item are capped here; a larger chunk changes nothing but the count.
    public static let maximumChunk = 1 << 24
    private let cancelled = Atomic<Bool>(false)
    let finished = Atomic<Int>(0)
    let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Progress within the draws of a run of one variant (``DrawSteps``): steps done of all.
    let drawProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// The variants to run (a shard of a run, `--shard I/N`); nil for all of them. Each
    /// variant's numbers are the same whichever range it is run in.
    public let variants: Range<Int>?

    public init(
        threads: Int = 2, chunk: Int = 32, memoryLimit: Int? = nil, variants: Range<Int>? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
        drawProgress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.drawProgress = drawProgress
        self.variants = variants
        let limit = memoryLimit.map { ($0, "the limit given") } ?? Self.memoryLimits().min { $0.bytes < $1.bytes } ?? (4 << 30, "a default")
        self.memoryLimit = limit.0
        memoryLimitSource = limit.1
        self.threads = min(max(1, threads), Self.maximumThreads)
        self.chunk = min(max(1, chunk), Self.maximumChunk)
        self.progress = progress
    }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// The memory a run may use: the smallest of the machine's available memory
    /// (MemAvailable in /proc/meminfo), what the address-space limit (`ulimit -v`) leaves
    /// of it beyond the process's current size, and what its cgroup's `memory.max` leaves
    /// beyond `memory.current`; 4 GB when none can be read.
    public static func availableMemory() -> Int { memoryLimits().map(\.bytes).min() ?? 4 << 30 }

    /// Each limit that applies, with its name for messages.
    public static func memoryLimits() -> [(bytes: Int, source: String)] {
        var limits = [(bytes: Int, source: String)]()
        if let kilobytes = field("MemAvailable:", in: "/proc/meminfo") { limits.append((kilobytes * 1024, "MemAvailable")) }
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur < UInt64(Int.max) {
            let used = (field("VmSize:", in: "/proc/self/status") ?? 0) * 1024
            limits.append((max(0, Int(limit.rlim_cur) - used), "ulimit -v"))
        }
        if let group = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8).split(separator: "\n").first(where: { $0.hasPrefix("0::") }) {
            let directory = "/sys/fs/cgroup" + group.dropFirst(3)
            if let maximum = number(atPath: directory + "/memory.max"), let current = number(atPath: directory + "/memory.current") {
                limits.append((max(0, maximum - current), "cgroup memory.max"))
            }
        }
        return limits
    }

    /// The number after `name` on its line of a /proc file (in kB there).
    private static func field(_ name: String, in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    /// A file holding one number ("max" means no limit: nil).
    private static func number(atPath path: String) -> Int? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
