/// Decodes bytes as UTF-8 text, pointing at the first byte that is not UTF-8. A leading
/// byte-order mark is dropped. Used for every file verdeel reads.
public enum UTF8Text {
    /// The text, or the 1-based line and column of the first invalid byte.
    public static func decode(_ bytes: [UInt8]) -> Result<String, InvalidByte> {
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        var decoder = UTF8()
        var iterator = content.makeIterator()
        var (line, column) = (1, 1)
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput:
                return .success(String(scalars))
            case .error:
                return .failure(InvalidByte(line: line, column: column))
            }
        }
    }

    /// Where the first byte that is not UTF-8 stands.
    public struct InvalidByte: Error, Equatable, Sendable {
        public let line: Int
        public let column: Int
    }
}
