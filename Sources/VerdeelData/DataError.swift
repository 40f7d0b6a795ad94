/// A problem in an input file, with where it is (file:line:column, and the column's name
/// when there is one) and what to do about it.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it.
    public let file: String
    /// 1-based line; 0 when the problem is the file as a whole.
    public let line: Int
    /// 1-based column in characters; 0 when the problem is a whole line or file.
    public let column: Int
    /// The CSV column the problem is in, if any.
    public let columnName: String?
    /// What is wrong and what to do.
    public let message: String

    public init(file: String, line: Int, column: Int, columnName: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        var location = file
        if line > 0 { location += ":\(line)" }
        if column > 0 { location += ":\(column)" }
        let prefix = columnName.map { "column '\($0)': " } ?? ""
        return "\(location): \(prefix)\(message)"
    }
}
