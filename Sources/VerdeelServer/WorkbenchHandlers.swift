import Foundation
import VerdeelReport
import VerdeelSimulation
import VerdeelTables
import VerdeelWorkbench

/// The workbench's HTTP answers as plain values, so that they are tested without a socket:
/// a method, a path, the query and the body in; a status, a content type, extra headers and
/// bytes out. Every refusal is a 4xx with `{"error": {"field", "message", "status"}}`; no
/// request can make a 5xx or reach a file.
///
/// - `GET /`: the page. `GET /api/scenarios`: the scenarios and their parameters.
/// - `GET /api/map`: the outlines of the municipalities of the served scenarios.
/// - `POST /api/allocate`: body `{"scenario", "changes": [...], "baseline"}`; the tables as JSON.
/// - `POST /api/municipality`: the same body with `"region"`; that municipality's page.
/// - `POST /api/how-sure`: the same body; the scenario's Monte Carlo run around the changes,
///   as server-sent events (`progress`, then `result` or `refused`); closing the connection
///   cancels it (served by ``WorkbenchServer``, started and finished here).
/// - `POST /api/download?format=csv|csv-nl|xlsx&table=NAME&lang=nl|en`: the same request's
///   tables as a file; `format=verdeel` its changes as a scenario file ("save as scenario").
public struct WorkbenchHandlers: Sendable {
    /// The largest request body read, in bytes.
    public static let bodyLimit = 64 * 1024

    public struct Answer: Sendable, Equatable {
        public let status: Int
        public let contentType: String
        public let headers: [String: String]
        public let body: Data
    }

    let workbench: Workbench
    let page: Data
    let running = RunningRuns()

    public init(_ workbench: Workbench, page: Data) {
        self.workbench = workbench
        self.page = page
    }

    /// The "how sure?" runs going now.
    public var runsGoing: Int { running.current }

    /// The answer to one request, with the engine's version in `Verdeel-Engine-Version`.
    public func answer(method: String, path: String, query: [String: String], body: Data) -> Answer {
        let answer = route(method: method, path: path, query: query, body: body)
        return Answer(status: answer.status, contentType: answer.contentType, headers: answer.headers.merging(Self.versionHeader) { own, _ in own }, body: answer.body)
    }

    /// Every answer names the engine that made it.
    public static let versionHeader = ["Verdeel-Engine-Version": AllocationJSON.engineVersion]

    private func route(method: String, path: String, query: [String: String], body: Data) -> Answer {
        switch (method, path) {
        case ("GET", "/"), ("GET", "/index.html"): return Answer(status: 200, contentType: "text/html; charset=utf-8", headers: Self.pageHeaders, body: page)
        case ("GET", "/api/scenarios"): return json(200, workbench.scenarios())
        case ("GET", "/api/map"): return Answer(status: 200, contentType: "application/json", headers: [:], body: Data(workbench.mapJSON().utf8))
        case ("POST", "/api/allocate"): return allocate(body)
        case ("POST", "/api/download"): return download(body, query: query)
        case ("POST", "/api/municipality"): return municipality(body)
        case ("POST", "/api/how-sure"):
            // Served as a stream by the server; answered whole here (without a socket).
            switch startHowSure(body) {
            case .refused(let refusal): return refusal
            case .started(let run):
                return Answer(status: 200, contentType: "text/event-stream", headers: [:], body: Data(finishHowSure(run, control: RunControl()).utf8))
            }
        case (_, "/"), (_, "/index.html"), (_, "/api/scenarios"), (_, "/api/map"):
            return Self.refusal(WorkbenchError(.methodNotAllowed, field: "method", "\(method) is not answered at \(path); use GET (docs/api.yaml)"), allow: "GET")
        case (_, "/api/allocate"), (_, "/api/download"), (_, "/api/municipality"), (_, "/api/how-sure"):
            return Self.refusal(WorkbenchError(.methodNotAllowed, field: "method", "\(method) is not answered at \(path); use POST (docs/api.yaml)"), allow: "POST")
        default:
            return Self.refusal(WorkbenchError(.notFound, field: "path", "nothing at \(path); the API is /api/scenarios, /api/map, /api/allocate, /api/municipality, /api/how-sure and /api/download (docs/api.yaml)"))
        }
    }

    /// A body over the limit, refused before it is read whole.
    public static var tooLarge: Answer {
        WorkbenchHandlers.refusal(WorkbenchError(.tooLarge, field: "body", "the body is over \(bodyLimit / 1024) KiB; send fewer changes"))
    }

    private func allocate(_ body: Data) -> Answer {
        do {
            let clock = ContinuousClock()
            let started = clock.now
            let allocated = try workbench.allocate(try Self.request(body))
            let computed = clock.now
            let json = Data(try allocated.json().utf8)
            let timing = "allocate;dur=\(Self.milliseconds(computed - started)), render;dur=\(Self.milliseconds(clock.now - computed))"
            return Answer(status: 200, contentType: "application/json", headers: ["Server-Timing": timing], body: json)
        } catch let error as WorkbenchError {
            return Self.refusal(error)
        } catch {
            return Self.refusal(WorkbenchError(.unprocessable, field: "scenario", "the results cannot be written: \(error)"))
        }
    }

    private func municipality(_ body: Data) -> Answer {
        do {
            return Answer(status: 200, contentType: "application/json", headers: [:], body: Data(try workbench.municipality(try Self.request(body)).json().utf8))
        } catch let error as WorkbenchError {
            return Self.refusal(error)
        } catch {
            return Self.refusal(WorkbenchError(.unprocessable, field: "region", "the municipality's page cannot be written: \(error)"))
        }
    }

    private func download(_ body: Data, query: [String: String]) -> Answer {
        do {
            guard let language = ReportLanguage(rawValue: query["lang"] ?? "nl") else { throw WorkbenchError(.badRequest, field: "lang", "lang is nl or en") }
            let request = try Self.request(body)
            let hash = ["Verdeel-Scenario-SHA256": workbench.fileSHA256(of: request.scenario) ?? ""]
            if query["format"] == "verdeel" {
                let scenario = try workbench.scenarioText(request, language: language)
                return Answer(status: 200, contentType: "text/plain; charset=utf-8", headers: hash.merging(["Content-Disposition": "attachment; filename=\"\(scenario.name)\""]) { $1 }, body: Data(scenario.text.utf8))
            }
            guard let format = OutputFormat(rawValue: query["format"] ?? "csv") else {
                throw WorkbenchError(.badRequest, field: "format", "format is csv, csv-nl, xlsx or verdeel")
            }
            let file = try workbench.allocate(request).download(format, table: query["table"], language: language)
            let type = format == .xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
            return Answer(status: 200, contentType: type, headers: hash.merging(["Content-Disposition": "attachment; filename=\"\(file.name)\""]) { $1 }, body: file.data)
        } catch let error as WorkbenchError {
            return Self.refusal(error)
        } catch {
            return Self.refusal(WorkbenchError(.unprocessable, field: "format", "the file cannot be made: \(error)"))
        }
    }

    /// The request in a body, or a refusal naming the field at fault.
    static func request(_ body: Data) throws(WorkbenchError) -> AllocationRequest {
        let request = try decoded(body)
        try request.checkTables()
        return request
    }

    private static func decoded(_ body: Data) throws(WorkbenchError) -> AllocationRequest {
        guard body.count <= bodyLimit else { throw WorkbenchError(.tooLarge, field: "body", "the body is over \(bodyLimit / 1024) KiB; send fewer changes") }
        do { return try JSONDecoder().decode(AllocationRequest.self, from: body) } catch let DecodingError.keyNotFound(key, _) {
            throw WorkbenchError(.badRequest, field: key.stringValue, "'\(key.stringValue)' is missing; send {\"scenario\": NAME, \"changes\": [...]}")
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw WorkbenchError(.badRequest, field: Self.field(context.codingPath), "is not what it should be: scenario, baseline, measure and region are text, changes and tables lists of text")
        } catch let DecodingError.valueNotFound(_, context) {
            throw WorkbenchError(.badRequest, field: Self.field(context.codingPath), "is null; give a value or leave the key out")
        } catch {
            throw WorkbenchError(.badRequest, field: "body", "the body is not JSON of the form {\"scenario\": NAME, \"changes\": [...], \"baseline\": NAME}")
        }
    }

    /// A duration in milliseconds with three decimals, as `Server-Timing` gives it.
    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    /// `changes[2]` from a decoding path.
    static func field(_ path: [any CodingKey]) -> String {
        path.reduce("") { text, key in key.intValue.map { text + "[\($0)]" } ?? (text.isEmpty ? key.stringValue : text + "." + key.stringValue) }
    }

    private func json(_ status: Int, _ value: some Encodable) -> Answer {
        do { return Answer(status: status, contentType: "application/json", headers: [:], body: try JSONKeyStyle.encoder().encode(value)) } catch {
            return Self.refusal(WorkbenchError(.unprocessable, field: "body", "the answer cannot be written: \(error)"))
        }
    }

    /// The refusal's answer; a 405 names the method the path takes (`Allow`, RFC 9110).
    static func refusal(_ error: WorkbenchError, allow: String? = nil) -> Answer {
        let body = (try? JSONKeyStyle.encoder().encode(error.body)) ?? Data(#"{"error":{"field":"body","message":"refused","status":400}}"#.utf8)
        return Answer(status: error.status.rawValue, contentType: "application/json", headers: allow.map { ["Allow": $0] } ?? [:], body: body)
    }

    /// The page may load only itself: no script, style, font or image from elsewhere.
    static let pageHeaders = [
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    ]
}
