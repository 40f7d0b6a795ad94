import Foundation

/// The one key style of every JSON document verdeel writes and reads back: snake_case
/// (`engine_version`, `amount_from`, `dutch_warnings`), the style of the tables'
/// column ids, so a key in `compare.json` is the column of `compare.csv`. Under a key named
/// in `verbatim` (the `tables` of a JSON document: table names and column ids) keys are
/// written as they are. A Swift property `provenanceSha256` is `provenance_sha256`.
public enum JSONKeyStyle {
    /// An encoder writing snake_case keys (pretty-printed, sorted keys).
    public static func encoder(verbatim: Set<String> = ["tables"]) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .custom { path in
            let key = path.last?.stringValue ?? ""
            let inside = path.dropLast().contains { verbatim.contains($0.stringValue) }
            return PlainKey(inside ? key : snakeCased(key))
        }
        return encoder
    }

    /// A decoder reading the snake_case keys the encoder writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in PlainKey(camelCased(path.last?.stringValue ?? "")) }
        return decoder
    }

    /// `engineVersion` -> `engine_version`, `provenanceSha256` -> `provenance_sha256`: an
    /// underscore before each capital that follows a small letter or a digit, all small.
    public static func snakeCased(_ key: String) -> String {
        var result = ""
        var previous: Character?
        for character in key {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result += character.lowercased()
            previous = character
        }
        return result
    }

    /// `engine_version` -> `engineVersion`: the inverse of ``snakeCased(_:)`` for its keys.
    public static func camelCased(_ key: String) -> String {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard let first = parts.first else { return key }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private struct PlainKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ value: String) { stringValue = value }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
