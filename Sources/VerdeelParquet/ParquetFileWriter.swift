/// A Parquet file written as its rows come (parquet-format's parquet.thrift and Encodings.md):
/// `PAR1`, row groups of at most ``rowGroupRows`` rows (each column a ``ColumnChunk``),
/// then the file metadata in Thrift's compact protocol (the schema: a root and one optional
/// leaf per column; the row groups with each chunk's offsets, sizes and statistics; the
/// key-value metadata; `created_by`; a type-defined order for every column), its length
/// (4 bytes, little-endian) and `PAR1`. Memory holds one row group at a time; the bytes go
/// to `sink` as each row group is done. The same rows give the same bytes.
public struct ParquetFileWriter {
    /// Rows per row group: bounded memory, and statistics fine enough to skip groups.
    public static let defaultRowGroupRows = 131_072

    let columns: [ParquetColumn]
    let metadata: [(key: String, value: String)]
    let createdBy: String
    let rowGroupRows: Int
    /// Whether pages are compressed with ZSTD (codec 6).
    let compressed: Bool
    private let sink: ([UInt8]) throws -> Void
    private var chunks: [ColumnChunk]
    private var offset = 0
    private var rowGroups: [[UInt8]] = []
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
            for group in rowGroups { file.raw(group) }
            file.structList(5, metadata) { pair, entry in
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
        let start = offset
        let count = chunks.first?.rows ?? 0
        var written = [(offset: Int, metadata: [UInt8])]()
        var uncompressed = 0
        for chunk in chunks {
            let chunkStart = offset
            let (bytes, metadata, size) = try chunk.encoded(at: chunkStart, compressed: compressed)
            try write(bytes)
            written.append((chunkStart, metadata))
            uncompressed += size
        }
        let size = Int64(offset - start), ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        var group = ThriftCompactWriter()
        group.structBody { rowGroup in
            rowGroup.listHeader(1, count: written.count, of: .structure)
            for chunk in written {
                rowGroup.structBody { columnChunk in
                    // file_offset is deprecated: 0 when no column metadata is written outside the footer.
                    columnChunk.i64(2, 0)
                    columnChunk.fieldHeader(3, .structure)
                    columnChunk.raw(chunk.metadata)
                }
            }
            rowGroup.i64(2, Int64(uncompressed))
            rowGroup.i64(3, Int64(count))
            rowGroup.i64(5, Int64(start))
            rowGroup.i64(6, size)
            rowGroup.i16(7, ordinal)
        }
        rowGroups.append(group.bytes)
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
