import Foundation
import Synchronization
import VerdeelSimulation
import VerdeelWorkbench

extension WorkbenchHandlers {
    /// The most "how sure?" runs the server makes at once; another is refused (429).
    public static let concurrentRuns = 2

    /// `POST /api/how-sure`, before its events stream: the run, counted among those going
    /// (``finishHowSure(_:control:)`` releases it), or the refusal of a bad request or of
    /// one too many.
    public func startHowSure(_ body: Data) -> HowSureStart {
        do {
            let run = try workbench.howSure(try Self.request(body))
            guard running.claim(limit: Self.concurrentRuns) else {
                throw WorkbenchError(.busy, field: "body", "\(Self.concurrentRuns) 'how sure?' runs are going; wait for one to end or cancel it")
            }
            return .started(run)
        } catch let error as WorkbenchError {
            return .refused(Self.refusal(error))
        } catch {
            return .refused(Self.refusal(WorkbenchError(.badRequest, field: "body", "\(error)")))
        }
    }

    /// Runs a started run under `control` and releases it: the last event of its stream,
    /// `result` with the answer (``HowSureAnswer``) or `refused` with the error body.
    public func finishHowSure(_ run: HowSureRun, control: RunControl) -> String {
        defer { running.release() }
        do {
            return Self.event("result", try run(control: control).json())
        } catch let error as WorkbenchError {
            return Self.event("refused", String(decoding: Self.refusal(error).body, as: UTF8.self))
        } catch {
            return Self.event("refused", String(decoding: Self.refusal(WorkbenchError(.unprocessable, field: "scenario", "\(error)")).body, as: UTF8.self))
        }
    }

    /// One server-sent event: `event: NAME` and its data on one line.
    public static func event(_ name: String, _ data: String) -> String {
        "event: \(name)\ndata: \(data.replacingOccurrences(of: "\n", with: " "))\n\n"
    }

    /// A "how sure?" request, started or refused.
    public enum HowSureStart: Sendable {
        case started(HowSureRun)
        case refused(Answer)
    }

    /// The progress event: `{"done": D, "total": T}`, steps of the draws (chunks generated,
    /// then blocks allocated per measure).
    public static func progressEvent(done: Int, total: Int) -> String {
        event("progress", "{\"done\":\(done),\"total\":\(total)}")
    }
}

/// The count of "how sure?" runs going.
final class RunningRuns: Sendable {
    private let count = Mutex(0)

    /// Counts one more run, unless `limit` are going.
    func claim(limit: Int) -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() { count.withLock { $0 = max(0, $0 - 1) } }

    var current: Int { count.withLock { $0 } }
}
