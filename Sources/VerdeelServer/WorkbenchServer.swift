import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import VerdeelSimulation
import VerdeelWorkbench

/// `verdeel serve`: the workbench's page and API over HTTP (Hummingbird 2), every request
/// answered by ``WorkbenchHandlers``. It binds the host given (127.0.0.1 unless told
/// otherwise) and runs until the process is asked to stop (Ctrl-C, SIGTERM), then stops
/// cleanly.
public struct WorkbenchServer: Sendable {
    let handlers: WorkbenchHandlers
    let host: String
    let port: Int

    public init(_ handlers: WorkbenchHandlers, host: String, port: Int) {
        (self.handlers, self.host, self.port) = (handlers, host, port)
    }

    /// Serves until stopped; `started` is called with the bound port once requests are taken.
    public func run(started: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        let handlers = self.handlers
        router.on("**", method: .get) { request, _ in await Self.respond(handlers, request) }
        router.on("**", method: .post) { request, _ in await Self.respond(handlers, request) }
        router.on("/", method: .get) { request, _ in await Self.respond(handlers, request) }
        router.on("/", method: .post) { request, _ in await Self.respond(handlers, request) }
        // Every other method gets the handlers' answer too: 405 on a path of the API, 404 elsewhere.
        let others = [HTTPRequest.Method.put, .delete, .patch, .options, .trace, .head, .connect] + ["QUERY"].compactMap { HTTPRequest.Method($0) }
        for method in others {
            router.on("**", method: method) { request, _ in await Self.respond(handlers, request) }
            router.on("/", method: method) { request, _ in await Self.respond(handlers, request) }
        }
        var logger = Logger(label: "verdeel")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "verdeel"),
            onServerRunning: { channel in started(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }

    /// Serves until the process is asked to stop, from synchronous code (a command's `run`):
    /// `started` is told the bound port; an error binding or serving is thrown once stopped.
    public func serveUntilStopped(started: @escaping @Sendable (Int) -> Void) throws {
        let stopped = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do { try await run(started: started) } catch { failure.record(error) }
            stopped.signal()
        }
        stopped.wait()
        if let error = failure.error { throw error }
    }

    /// The server's error, kept for the caller that waits.
    private final class Failure: Sendable {
        private let stored = Mutex<(any Error)?>(nil)

        func record(_ error: any Error) { stored.withLock { $0 = error } }
        var error: (any Error)? { stored.withLock { $0 } }
    }

    /// One request through the handlers; a body over the limit is refused unread.
    static func respond(_ handlers: WorkbenchHandlers, _ request: Request) async -> Response {
        var request = request
        let body: Data
        do {
            body = Data(buffer: try await request.collectBody(upTo: WorkbenchHandlers.bodyLimit))
        } catch {
            return response(WorkbenchHandlers.tooLarge)
        }
        // The router's tree does not fall back from a fixed path to `**`, so the stream is chosen here.
        if request.method == .post, request.uri.path == "/api/how-sure" { return await howSure(handlers, body) }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
        return response(handlers.answer(method: request.method.rawValue, path: request.uri.path, query: query, body: body))
    }

    /// "How sure?" as server-sent events: a bad request is refused before the stream starts;
    /// then `started`, `progress` as the engine reports it, a comment line every quarter of a
    /// second (so a client that has gone is noticed while the engine runs), and `result` or
    /// `refused`. When the client goes, the engine is cancelled.
    static func howSure(_ handlers: WorkbenchHandlers, _ body: Data) async -> Response {
        let run: HowSureRun
        switch handlers.startHowSure(body) {
        case .refused(let refusal): return response(refusal)
        case .started(let started): run = started
        }
        let (events, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
        // One progress event per percent of the draws' steps.
        let percent = Atomic<Int>(-1)
        let control = RunControl(threads: 2, drawProgress: { done, total in
            let now = done * 100 / max(total, 1)
            if percent.exchange(now, ordering: .relaxed) != now { continuation.yield(WorkbenchHandlers.progressEvent(done: done, total: total)) }
        })
        continuation.onTermination = { _ in control.cancel() }
        continuation.yield(WorkbenchHandlers.event("started", "{\"draws\":\(run.draws)}"))
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                continuation.yield(": running\n\n")
            }
        }
        DispatchQueue.global().async {
            let last = handlers.finishHowSure(run, control: control)
            heartbeat.cancel()
            continuation.yield(last)
            continuation.finish()
        }
        var headers = HTTPFields()
        for (name, value) in WorkbenchHandlers.versionHeader {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for await event in events { try await writer.write(ByteBuffer(string: event)) }
            try await writer.finish(nil)
        })
    }

    static func response(_ answer: WorkbenchHandlers.Answer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
