/// One result table of a run: its name (the file is `NAME.csv`), its title for people, the
/// columns declared by the code that makes it, and its rows of typed cells, one cell per
/// column. Every format is rendered from it (CSV, the Dutch CSV style, JSON, the workbook,
/// the report), so a table made once appears in all of them.
///
/// Rows come in chunks made on demand (`chunk(i)` for `i` in `0..<chunkCount`): a large
/// table (a national run's summary) is rendered chunk by chunk, several at once, without
/// all its cells in memory at the same time.
public struct ResultTable: Sendable {
    public let name: String
    public let title: Title
    public let columns: [Column]
    public let chunkCount: Int
    private let chunk: @Sendable (Int) -> [[Cell]]

    /// A table's title in the workbook's sheet names and the report's headings.
    public struct Title: Codable, Equatable, Sendable {
        public let dutch: String
        public let english: String

        public init(dutch: String, english: String) {
            self.dutch = dutch
            self.english = english
        }
    }

    /// A table whose rows are all made already.
    public init(name: String, title: Title, columns: [Column], rows: [[Cell]]) {
        self.init(name: name, title: title, columns: columns, chunks: 1) { _ in rows }
    }

    /// A table whose rows are made in `chunks` chunks, in order, when a renderer asks.
    public init(name: String, title: Title, columns: [Column], chunks: Int, chunk: @escaping @Sendable (Int) -> [[Cell]]) {
        self.name = name
        self.title = title
        self.columns = columns
        chunkCount = chunks
        self.chunk = chunk
    }

    /// The rows of chunk `index` (`0..<chunkCount`).
    public func rows(ofChunk index: Int) -> [[Cell]] {
        precondition(index >= 0 && index < chunkCount, "chunk \(index) of \(chunkCount)")
        return chunk(index)
    }

    /// Every row, in order.
    public var rows: [[Cell]] {
        (0..<chunkCount).flatMap(chunk)
    }

    /// The file name of the table in a CSV output folder.
    public var fileName: String { name + ".csv" }

    /// The table with columns the standard formats leave out (``Column/inDutchStyleOnly``) removed.
    public var standardColumns: ResultTable {
        let kept = columns.indices.filter { !columns[$0].inDutchStyleOnly }
        guard kept.count < columns.count else { return self }
        let chunk = self.chunk
        return ResultTable(name: name, title: title, columns: kept.map { columns[$0] }, chunks: chunkCount) { index in
            chunk(index).map { row in kept.map { $0 < row.count ? row[$0] : .empty } }
        }
    }
}
