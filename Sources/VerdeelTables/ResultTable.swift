import VerdeelCore

/// One result table of a run: its name (the file is `NAME.csv`), its title for people, the
/// columns declared by the code that makes it, and its rows of typed cells, one cell per
/// column. Every format is rendered from it (CSV, the Dutch CSV style, JSON, the workbook,
/// the report), so a table made once appears in all of them.
///
/// Rows come in chunks made on demand (chunk `i` for `i` in `0..<chunkCount`), each row
/// handed to the renderer as it is made: a large table (a national run's summary) is
/// rendered chunk by chunk, several at once, without its cells in memory, and a producer
/// may reuse one row's storage for the next.
public struct ResultTable: Sendable {
    /// Takes one row; it must not keep the array (its producer may reuse its storage).
    public typealias RowSink = ([Cell]) -> Void

    public let name: String
    public let title: Title
    public let columns: [Column]
    public let chunkCount: Int
    private let chunk: @Sendable (Int, RowSink) -> Void
    /// Why rows could not be made (a file they were kept in failed), asked once they are read.
    private let failure: @Sendable () -> String?

    /// A table's title in the workbook's sheet names and the report's headings.
    public typealias Title = Words

    /// A table whose rows are all made already.
    public init(name: String, title: Title, columns: [Column], rows: [[Cell]]) {
        self.init(name: name, title: title, columns: columns, chunks: 1) { _ in rows }
    }

    /// A table whose rows are made in `chunks` chunks, in order, when a renderer asks.
    public init(name: String, title: Title, columns: [Column], chunks: Int, chunk: @escaping @Sendable (Int) -> [[Cell]]) {
        self.init(name: name, title: title, columns: columns, chunks: chunks) { (index: Int, sink: RowSink) in chunk(index).forEach(sink) }
    }

    /// A table whose chunk `i` hands its rows, in order, to a sink when a renderer asks;
    /// `failure` says why rows were missing from it, if they were (``checkRows()``).
    public init(
        name: String, title: Title, columns: [Column], chunks: Int, streaming: @escaping @Sendable (Int, RowSink) -> Void,
        failure: @escaping @Sendable () -> String? = { nil }
    ) {
        self.name = name
        self.title = title
        self.columns = columns
        chunkCount = chunks
        chunk = streaming
        self.failure = failure
    }

    /// After its rows were read: throws when some could not be made (a renderer then writes
    /// nothing of the table rather than a table without them).
    public func checkRows() throws(RowsMissing) {
        if let failure = rowsFailure { throw RowsMissing(table: name, reason: failure) }
    }

    /// Why rows could not be made, if so (for a table made from this one to pass on).
    public var rowsFailure: String? { failure() }

    /// Rows of a table could not be made.
    public struct RowsMissing: Error, CustomStringConvertible, Sendable {
        public let table: String
        public let reason: String
        public var description: String { "the rows of \(table) could not be read back: \(reason)" }
    }

    /// Hands the rows of chunk `index` (`0..<chunkCount`) to `sink`, in order.
    public func forEachRow(ofChunk index: Int, _ sink: RowSink) {
        precondition(index >= 0 && index < chunkCount, "chunk \(index) of \(chunkCount)")
        chunk(index, sink)
    }

    /// The rows of chunk `index` (`0..<chunkCount`).
    public func rows(ofChunk index: Int) -> [[Cell]] {
        var rows = [[Cell]]()
        forEachRow(ofChunk: index) { rows.append($0) }
        return rows
    }

    /// Every row, in order.
    public var rows: [[Cell]] {
        (0..<chunkCount).flatMap(rows(ofChunk:))
    }

    /// The file name of the table in a CSV output folder.
    public var fileName: String { name + ".csv" }
}

extension ResultTable {
    /// The same table with only the rows whose cell in column `id` is text that `keep`
    /// accepts (the table itself when it has no such column), streamed as the table is.
    public func keepingRows(where id: String, _ keep: @escaping @Sendable (String) -> Bool) -> ResultTable {
        guard let column = columns.firstIndex(where: { $0.id == id }) else { return self }
        return ResultTable(name: name, title: title, columns: columns, chunks: chunkCount, streaming: { (chunk: Int, sink: ResultTable.RowSink) in
            forEachRow(ofChunk: chunk) { row in
                if column < row.count, case .text(let text) = row[column], keep(text) { sink(row) }
            }
        }, failure: { rowsFailure })
    }
}
