/// A Parquet file written as its rows come (parquet-format's parquet.thrift and Encodings.md):
/// `PAR1`, row groups of at most ``rowGroupRows`` rows (each column a ``ColumnChunk``),
/// then the file metadata in Thrift's compact protocol (the schema: a root and one optional
/// leaf per column; the row groups with each chunk's offsets, sizes and statistics; the
/// key-value metadata, and the columns' Arrow schema as `ARROW:schema` (``ArrowSchema``);
/// `created_by`; a type-defined order for every column), its length
/// (4 bytes, little-endian) and `PAR1`. Memory holds one row group at a time; the bytes go
/// to `sink` as each row group is done. The same rows give the same bytes.
public struct ParquetFileWriter {
    /// Rows per row group: bounded memory, and statistics fine enough to skip groups.
    public static let defaultRowGroupRows = 131_072

    private(set) var columns: [ParquetColumn]
    let metadata: [(key: String, value: String)]
    let createdBy: String
    let rowGroupRows: Int
    /// Whether pages are compressed with ZSTD (codec 6).
    let compressed: Bool
    private let sink: ([UInt8]) throws -> Void
    private var chunks: [ColumnChunk]
    private var offset = 0
    private var rowGroups: [RowGroupMetadata] = []
    private var rows = 0

    public init(
        columns: [ParquetColumn], metadata: [(key: String, value: String)], createdBy: String, rowGroupRows: Int = defaultRowGroupRows,
        compressed: Bool = true, sink: @escaping ([UInt8]) throws -> Void
    ) throws {
        self.compressed = compressed
        self.columns = columns
        self.metadata = metadata
        self.createdBy = createdBy
        self.rowGroupRows = max(1, rowGroupRows)
        self.sink = sink
        chunks = columns.map(ColumnChunk.init)
        try write(Array("PAR1".utf8))
    }

    /// One row: a cell per column, in order.
    public mutating func append(_ row: [ParquetCell]) throws {
        guard row.count == columns.count else { throw ParquetWriteError("a row of \(row.count) cells for \(columns.count) columns") }
        for index in row.indices { try chunks[index].append(row[index]) }
        rows += 1
        if chunks.first?.rows ?? 0 >= rowGroupRows { try flushRowGroup() }
    }

    /// The row groups of another file of these columns (`bytes`, its footer checked),
    /// after the rows appended so far: each chunk's pages copied as they are, with their
    /// offsets moved, where its column is of the same type; an INT64 chunk for a DOUBLE
    /// column (the whole numbers of a part whose other parts hold fractions) read back and
    /// written again as doubles. The rows count as appended.
    public mutating func append(rowGroupsOf footer: ParquetFooter, in bytes: [UInt8]) throws {
        guard footer.columns.map(\.name) == columns.map(\.name) else { throw ParquetWriteError("a file of other columns than these") }
        if chunks.first?.rows ?? 0 > 0 { try flushRowGroup() }
        for group in footer.rowGroups {
            var written = [ChunkMetadata]()
            for (index, chunk) in group.chunks.enumerated() {
                let pages = Array(bytes[Int(chunk.start)..<Int(chunk.start + chunk.compressedSize)])
                switch (footer.columns[index].kind, columns[index].kind) {
                case let (from, to) where from == to:
                    written.append(chunk.moved(by: Int64(offset) - chunk.start))
                    try write(pages)
                case (.int64, .double):
                    var widened = ColumnChunk(footer.columns[index])
                    for cell in try ChunkDecoding.cells(pages, chunk, kind: .int64).cells { try widened.append(cell) }
                    try widened.widenToDoubles()
                    let (encoded, metadata) = try widened.encoded(at: offset, compressed: compressed)
                    written.append(metadata)
                    try write(encoded)
                case let (from, to):
                    throw ParquetWriteError("column '\(columns[index].name)' is \(from) in one file and \(to) in another")
                }
            }
            rowGroups.append(RowGroupMetadata(chunks: written, rows: group.rows, uncompressedSize: written.reduce(0) { $0 + $1.uncompressedSize }))
            rows += Int(group.rows)
        }
    }

    /// Whether a row group has been written (after which no column can change its type).
    public var hasWrittenRowGroups: Bool { !rowGroups.isEmpty }

    /// Column `index`, INT64, made DOUBLE before any row group is written: the values
    /// appended so far become the doubles they equal (a column taken for whole numbers that
    /// turns out to hold fractions).
    public mutating func widen(column index: Int) throws {
        guard !hasWrittenRowGroups, columns.indices.contains(index) else { throw ParquetWriteError("a column can change its type only before the first row group") }
        try chunks[index].widenToDoubles()
        columns[index] = chunks[index].column
    }

    /// Writes the last row group and the footer.
    public mutating func finish() throws {
        if chunks.first?.rows ?? 0 > 0 { try flushRowGroup() }
        var footer = ThriftCompactWriter()
        footer.structBody { file in
            file.i32(1, 1)
            file.listHeader(2, count: columns.count + 1, of: .structure)
            file.structBody { root in
                root.string(4, "schema")
                root.i32(5, Int32(columns.count))
            }
            for column in columns { file.structBody { Self.schemaElement(column, &$0) } }
            file.i64(3, Int64(rows))
            file.listHeader(4, count: rowGroups.count, of: .structure)
            for (ordinal, group) in rowGroups.enumerated() { group.write(&file, ordinal: Int16(truncatingIfNeeded: ordinal)) }
            file.structList(5, metadata + [(ArrowSchema.key, ArrowSchema.metadata(columns, pairs: metadata))]) { pair, entry in
                pair.string(1, entry.key)
                pair.string(2, entry.value)
            }
            file.string(6, createdBy)
            file.structList(7, columns) { order, _ in order.structure(1) { _ in } }
        }
        let bytes = footer.bytes
        var tail = [UInt8]()
        ColumnChunk.littleEndian(UInt64(bytes.count), bytes: 4, into: &tail)
        try write(bytes + tail + Array("PAR1".utf8))
    }

    private mutating func flushRowGroup() throws {
        let count = chunks.first?.rows ?? 0
        var written = [ChunkMetadata]()
        for chunk in chunks {
            let (bytes, metadata) = try chunk.encoded(at: offset, compressed: compressed)
            try write(bytes)
            written.append(metadata)
        }
        rowGroups.append(RowGroupMetadata(chunks: written, rows: Int64(count), uncompressedSize: written.reduce(0) { $0 + $1.uncompressedSize }))
        chunks = columns.map(ColumnChunk.init)
    }

    private mutating func write(_ bytes: [UInt8]) throws {
        try sink(bytes)
        offset += bytes.count
    }

    static func schemaElement(_ column: ParquetColumn, _ element: inout ThriftCompactWriter) {
        element.i32(1, column.physicalType)
        element.i32(3, 1)
        element.string(4, column.name)
        switch column.kind {
        case .string:
            element.i32(6, 0)
            element.structure(10) { logical in logical.structure(1) { _ in } }
        case .int64, .int32, .int16:
            let bits: Int8 = column.kind == .int64 ? 64 : column.kind == .int32 ? 32 : 16
            element.i32(6, bits == 64 ? 18 : bits == 32 ? 17 : 16)
            element.structure(10) { logical in
                logical.structure(10) { integer in
                    integer.i8(1, bits)
                    integer.bool(2, true)
                }
            }
        case .double, .boolean:
            break
        }
    }
}
