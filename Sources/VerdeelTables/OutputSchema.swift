import Foundation

/// `schema.json`, written into every output folder of CSV tables: for each table its file,
/// its title and its declared columns (id, kind, Dutch and English names, meaning). What
/// `verdeel report FOLDER` and `verdeel merge` read a table back by, and what a researcher
/// reads to know what a column holds, without guessing from its name.
public struct OutputSchema: Codable, Equatable, Sendable {
    public static let fileName = "schema.json"

    /// One table of the folder.
    public struct Table: Codable, Equatable, Sendable {
        public let name: String
        public let file: String
        public let title: ResultTable.Title
        public let columns: [Column]

        public init(_ table: ResultTable) {
            name = table.name
            file = table.fileName
            title = table.title
            columns = table.columns
        }
    }

    public let tables: [Table]

    /// The schema of tables as they are written.
    public init(_ tables: [ResultTable]) {
        self.tables = tables.map(Table.init)
    }

    public init(tables: [Table]) {
        self.tables = tables
    }

    /// The declared table of a file, if the schema has it.
    public func table(file: String) -> Table? {
        tables.first { $0.file == file }
    }

    /// The schema as written: pretty-printed JSON with sorted snake_case keys
    /// (``JSONKeyStyle``) and a final line break.
    public func json() throws -> Data {
        try JSONKeyStyle.encoder().encode(self) + Data("\n".utf8)
    }
}
