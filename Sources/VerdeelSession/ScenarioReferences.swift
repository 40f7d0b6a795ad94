/// The scenarios a comparison names, as given on a command line: `NAME` from the main file,
/// or `OTHER_FILE:NAME` from another file (called `OTHER_FILE:NAME` in the results). With
/// settings (`--set`) every scenario after the first gets them, and one scenario named alone
/// is compared with itself so changed. A scenario named twice is one reference.
public struct ScenarioReferences: Sendable {
    /// One scenario of one file, with or without the settings.
    public struct Reference: Hashable, Sendable {
        public let file: String
        public let scenario: String
        /// Whether the settings apply.
        public let isSet: Bool
    }

    /// In the order named (a scenario named twice is there twice).
    public let references: [Reference]
    public let mainFile: String

    public init(mainFile: String, arguments: [String], hasSettings: Bool) {
        let named = arguments.map { argument -> (String, String) in
            guard let colon = argument.lastIndex(of: ":"), colon != argument.startIndex else { return (mainFile, argument) }
            return (String(argument[..<colon]), String(argument[argument.index(after: colon)...]))
        }
        let changed = !hasSettings ? [] : named.count == 1 ? named : Array(named.dropFirst())
        let unchanged = hasSettings ? Array(named.prefix(1)) : named
        references = unchanged.map { Reference(file: $0.0, scenario: $0.1, isSet: false) } + changed.map { Reference(file: $0.0, scenario: $0.1, isSet: true) }
        self.mainFile = mainFile
    }

    /// The files named, the main file first if named, each once.
    public var files: [String] { Self.once(references.map(\.file)) }

    /// The references to `file`, each once, in the order named.
    public func references(to file: String) -> [Reference] { Self.once(references.filter { $0.file == file }) }

    /// A scenario's name in the results: its own in the main file, `FILE:NAME` in another.
    public func name(_ reference: Reference) -> String {
        reference.file == mainFile ? reference.scenario : "\(reference.file):\(reference.scenario)"
    }

    private static func once<T: Equatable>(_ items: [T]) -> [T] {
        items.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}
