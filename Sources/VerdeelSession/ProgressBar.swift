import Foundation
import Synchronization

/// A one-line progress bar on standard error with an estimate of the time left, redrawn at
/// most ten times a second (feed it ``RunControl``'s progress); nothing when not `enabled`
/// (standard error is not a terminal).
public final class ProgressBar: Sendable {
    private let enabled: Bool
    private let state = Mutex<(started: Date, last: Date?)>((Date(), nil))

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func show(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        state.withLock { state in
            let now = Date()
            if let last = state.last, now.timeIntervalSince(last) < 0.1, done < total { return }
            state.last = now
            let fraction = Double(done) / Double(total)
            let elapsed = now.timeIntervalSince(state.started)
            let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            let width = 30
            let filled = Int(fraction * Double(width))
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
                + String(format: "%3.0f%%  %d/%d variants  about %.0f s left ", fraction * 100, done, total, left)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    public func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 80) + "\r").utf8))
    }
}
