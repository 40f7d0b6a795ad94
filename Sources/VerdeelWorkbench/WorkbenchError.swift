/// A request the workbench refuses: its HTTP status (always 4xx: nothing a client sends is a
/// server error), the request field at fault (`changes[1]`, `scenario`, `body`) and what to do.
public struct WorkbenchError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Status: Int, Sendable {
        case badRequest = 400
        case notFound = 404
        case methodNotAllowed = 405
        /// A "how sure?" run cancelled by its client.
        case cancelled = 409
        case tooLarge = 413
        case unprocessable = 422
        /// As many "how sure?" runs as the server takes at once are going.
        case busy = 429
    }

    public let status: Status
    public let field: String
    public let message: String

    public init(_ status: Status, field: String, _ message: String) {
        (self.status, self.field, self.message) = (status, field, message)
    }

    public var description: String { "\(field): \(message)" }

    /// The JSON body of the refusal: `{"error": {"field": ..., "message": ...}}`.
    public var body: ErrorBody { ErrorBody(error: .init(field: field, message: message, status: status.rawValue)) }

    public struct ErrorBody: Encodable, Sendable {
        public struct Detail: Encodable, Sendable {
            public let field: String
            public let message: String
            public let status: Int
        }

        public let error: Detail
    }
}
