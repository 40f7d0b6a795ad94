/// A place in the scenario text that a plan points back at (a table's path, an `assert`
/// statement, a `perturb` line), as an opaque number. A plan holds no source text: the
/// language module keeps the table from site to file and range and renders messages there
/// (``SiteLocator``); a plan built in Swift or read from JSON has sites nobody can locate,
/// and its messages say so.
public struct Site: Hashable, Codable, Sendable, CustomStringConvertible {
    public let id: Int

    public init(id: Int) {
        self.id = id
    }

    public var description: String { "site \(id)" }
}

/// Turns sites back into places in the scenario text: the language module's source map
/// implements it, and ``UnlocatedSites`` stands in for a plan without source text.
public protocol SiteLocator: Sendable {
    /// `file:line:column` of the site.
    func location(of site: Site) -> String
    /// The text of the line the site starts on (nil when there is no source text).
    func line(of site: Site) -> String?
    /// The message as a diagnostic at the site: location, message, the source line with a
    /// caret under the site, and the suggestion.
    func diagnostic(at site: Site, _ message: String, suggestion: String?) -> String
}

/// The locator of a plan that has no source text (built in Swift or read from JSON): a site
/// is named by its number, and a diagnostic is the message and the suggestion.
public struct UnlocatedSites: SiteLocator {
    public init() {}

    public func location(of site: Site) -> String { "scenario (\(site))" }

    public func line(of site: Site) -> String? { nil }

    public func diagnostic(at site: Site, _ message: String, suggestion: String?) -> String {
        "\(location(of: site)): error: \(message)\n" + (suggestion.map { "    help: \($0)\n" } ?? "")
    }
}

/// An error whose message names a site of the plan: its text depends on where the site is.
/// `description` (via ``UnlocatedSites``) names sites by number; a command with the source
/// text describes it through its source map.
public protocol SiteError: Error, CustomStringConvertible {
    func described(by locator: any SiteLocator) -> String
}

extension SiteError {
    public var description: String { described(by: UnlocatedSites()) }
}

/// A message at a site: a failed assertion, a spread that cannot be computed, a correlation
/// matrix that is not positive definite. Rendered as a diagnostic at the site.
public struct SiteMessage: SiteError, Hashable, Sendable {
    public let site: Site
    public let message: String
    public let suggestion: String?

    public init(at site: Site, _ message: String, suggestion: String? = nil) {
        self.site = site
        self.message = message
        self.suggestion = suggestion
    }

    public func described(by locator: any SiteLocator) -> String {
        locator.diagnostic(at: site, message, suggestion: suggestion)
    }
}
