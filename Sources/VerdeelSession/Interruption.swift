import Dispatch
import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM for a whole process (a command, a server). A signal sets a
/// flag and runs the current action: by default the one given at install (a command ends at
/// once: nothing is being written then); a Monte Carlo run installs one that stops the
/// engine (``RunControl/cancel()``), and writing output installs one that only lets the
/// writer see the flag, finish or undo what it did, and stop (``OutputSet``'s and
/// ``FileRewrite``'s `stop`). Either way no partial output and no temporary file remains;
/// the exit code is 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
public final class Interruption: Sendable {
    public static let shared = Interruption()

    private let received = Atomic<Int32>(0)
    private let onSignal = Mutex<(@Sendable () -> Void)?>(nil)

    /// Starts listening; called once when the process starts, before any other thread.
    /// `otherwise` runs on a signal when no action is set.
    public func install(otherwise: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "verdeel.signals")
        var installed = [DispatchSourceSignal]()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                _ = received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                (onSignal.withLock({ $0 }) ?? otherwise)()
            }
            source.resume()
            installed.append(source)
        }
        signalSources = installed
    }

    /// The signal received, if any.
    public var signalNumber: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// What to do at once when a signal arrives (e.g. cancel the engine); nil for the
    /// default, which ends the command.
    public func whenSignalled(_ action: (@Sendable () -> Void)?) {
        onSignal.withLock { $0 = action }
    }

    /// Runs `body` with signals only recorded (the body checks ``signalNumber``), then
    /// restores the action there was.
    public func deferred<T>(_ body: () throws -> T) rethrows -> T {
        let before = onSignal.withLock { current in
            defer { current = {} }
            return current
        }
        defer { onSignal.withLock { $0 = before } }
        return try body()
    }

    /// The exit code for the signal received: 130 for SIGINT, 143 for SIGTERM.
    public var exitCode: Int32 { 128 + (signalNumber ?? SIGINT) }

    public var signalName: String { signalNumber == SIGTERM ? "terminated" : "interrupted" }
}

/// The signal sources, kept for the life of the process; written once, by `install()` on
/// the main thread before any other thread starts.
nonisolated(unsafe) private var signalSources = [DispatchSourceSignal]()
