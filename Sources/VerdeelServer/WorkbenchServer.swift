import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
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
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
        return response(handlers.answer(method: request.method.rawValue, path: request.uri.path, query: query, body: body))
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
