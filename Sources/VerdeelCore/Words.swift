/// A text for people in Dutch and English, made where the thing it names or says is made
/// (a table's title, a metric's name, a warning), so every output shows it in the
/// language asked for: Dutch for the steering groups' workbooks and reports, English for
/// scripts and the terminal by default.
public struct Words: Codable, Hashable, Sendable {
    public let dutch: String
    public let english: String

    public init(dutch: String, english: String) {
        self.dutch = dutch
        self.english = english
    }

    /// The same words in both languages (a name, a code).
    public init(_ both: String) {
        self.init(dutch: both, english: both)
    }

    /// `dutch` or `english`.
    public func text(dutch inDutch: Bool) -> String { inDutch ? dutch : english }
}
