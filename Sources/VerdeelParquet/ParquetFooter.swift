/// A Parquet file's footer read back and checked against its bytes, for the files verdeel
/// wrote (a sharded run's parts): `PAR1` at both ends, the footer's length within the file,
/// the schema (a root and one optional leaf per column, of the types ``ParquetColumn``
/// knows), and every row group's chunks: one per column, in order, of the column's type and
/// path, ZSTD or uncompressed, as many values as the group has rows, and their pages within
/// the file, one after another. A file that fails any of this is refused, never copied.
public struct ParquetFooter: Sendable {
    public let columns: [ParquetColumn]
    public let rows: Int64
    public let metadata: [ParquetKeyValue]
    let rowGroups: [RowGroupMetadata]

    /// The footer of `bytes`, a whole Parquet file.
    public init(file bytes: [UInt8]) throws(ParquetReadError) {
        let magic = Array("PAR1".utf8)
        guard bytes.count >= 12, Array(bytes.prefix(4)) == magic, Array(bytes.suffix(4)) == magic else {
            throw ParquetReadError("it does not start and end with PAR1 (cut off?)")
        }
        let tail = bytes.count - 8
        let length = (0..<4).reduce(0) { $0 | Int(bytes[tail + $1]) << (8 * $1) }
        guard length > 0, length <= tail - 4 else { throw ParquetReadError("its footer length \(length) does not fit the file") }
        let footerStart = tail - length
        var reader = ThriftCompactReader(bytes, from: footerStart, to: tail)
        var schema = [SchemaElement](), rows: Int64?, groups = [RowGroupMetadata](), pairs = [ParquetKeyValue]()
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (2, .list): schema = try reader.list(of: .structure) { reader throws(ParquetReadError) in try SchemaElement.read(&reader) }
            case (3, .i64): rows = try reader.integer()
            case (4, .list): groups = try reader.list(of: .structure) { reader throws(ParquetReadError) in try RowGroupMetadata.read(&reader) }
            case (5, .list): pairs = try reader.list(of: .structure) { reader throws(ParquetReadError) in try ParquetKeyValue.read(&reader) }
            default: try reader.skip(kind)
            }
        }
        guard reader.position == tail else { throw ParquetReadError("its footer has \(tail - reader.position) bytes after the metadata") }
        guard let rows, rows >= 0 else { throw ParquetReadError("its footer gives no number of rows") }
        guard let root = schema.first, root.children == schema.count - 1 else { throw ParquetReadError("its schema is not a root with one leaf per column") }
        columns = try schema.dropFirst().map { element throws(ParquetReadError) in try element.column() }
        (self.rows, self.rowGroups, self.metadata) = (rows, groups, pairs)
        try check(footerStart: footerStart)
    }

    /// The value of key `key` in the file's key-value metadata.
    public func value(of key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }

    /// The least and greatest value of an integer column over the whole file (from the
    /// chunks' statistics); nil when a chunk has none or the column is not of integers.
    public func integerBounds(of column: Int) -> ClosedRange<Int64>? {
        guard columns.indices.contains(column), [.int64, .int32, .int16].contains(columns[column].kind) else { return nil }
        var low = Int64.max, high = Int64.min
        for group in rowGroups where group.rows > 0 {
            let statistics = group.chunks[column].statistics
            guard let min = statistics.min.flatMap(Self.integer), let max = statistics.max.flatMap(Self.integer) else { return nil }
            (low, high) = (Swift.min(low, min), Swift.max(high, max))
        }
        return low <= high ? low...high : nil
    }

    /// Column `column`'s cells, row group by row group, each chunk checked: decoded
    /// (``ChunkDecoding``) and written again by verdeel's own writer, it must give the same
    /// pages before compression, the same encodings and the same statistics, so that its
    /// values, their encoding and the statistics a reader skips row groups by are what
    /// verdeel writes for those values. `bytes` is the file this footer was read from.
    public func checkedCells(ofColumn column: Int, in bytes: [UInt8]) throws(ParquetReadError) -> [[ParquetCell]] {
        guard columns.indices.contains(column) else { throw ParquetReadError("there is no column \(column + 1)") }
        let name = columns[column].name
        var groups = [[ParquetCell]]()
        for (number, group) in rowGroups.enumerated() {
            let chunk = group.chunks[column]
            guard chunk.start >= 0, chunk.compressedSize <= Int64(bytes.count) - chunk.start else {
                throw ParquetReadError("column '\(name)' of row group \(number + 1) lies outside the file")
            }
            let (cells, pages) = try ChunkDecoding.cells(Array(bytes[Int(chunk.start)..<Int(chunk.start + chunk.compressedSize)]), chunk, kind: columns[column].kind)
            var again = ColumnChunk(columns[column])
            let written: (bytes: [UInt8], metadata: ChunkMetadata)
            do {
                for cell in cells { try again.append(cell) }
                written = try again.encoded(at: 0, compressed: false)
            } catch {
                throw ParquetReadError("column '\(name)' of row group \(number + 1) holds values verdeel does not write: \(error)")
            }
            guard try ChunkDecoding.pages(written.bytes, codec: 0) == pages, written.metadata.encodings == chunk.encodings else {
                throw ParquetReadError("column '\(name)' of row group \(number + 1) is not encoded as verdeel encodes its values")
            }
            guard written.metadata.statistics == chunk.statistics else {
                throw ParquetReadError("column '\(name)' of row group \(number + 1) has statistics that are not its values'")
            }
            groups.append(cells)
        }
        return groups
    }

    static func integer(_ plain: [UInt8]) -> Int64? {
        switch plain.count {
        case 8: Int64(bitPattern: plain.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        case 4: Int64(Int32(bitPattern: plain.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        default: nil
        }
    }

    private func check(footerStart: Int) throws(ParquetReadError) {
        var next: Int64 = 4, total: Int64 = 0
        for (number, group) in rowGroups.enumerated() {
            guard group.chunks.count == columns.count else { throw ParquetReadError("row group \(number + 1) has \(group.chunks.count) column chunks for \(columns.count) columns") }
            for (chunk, column) in zip(group.chunks, columns) {
                guard chunk.physicalType == column.physicalType, chunk.path == [column.name] else {
                    throw ParquetReadError("row group \(number + 1) has a chunk of another type or column than '\(column.name)'")
                }
                guard chunk.codec == 0 || chunk.codec == 6 else { throw ParquetReadError("column '\(column.name)' is compressed by codec \(chunk.codec), not ZSTD") }
                guard chunk.values == group.rows else { throw ParquetReadError("column '\(column.name)' has \(chunk.values) values in a row group of \(group.rows) rows") }
                guard chunk.start == next, chunk.compressedSize > 0, chunk.compressedSize <= Int64(footerStart) - next,
                      chunk.dataPageOffset >= chunk.start, chunk.dataPageOffset < chunk.start + chunk.compressedSize
                else { throw ParquetReadError("column '\(column.name)' of row group \(number + 1) has pages outside the file or out of order") }
                next += chunk.compressedSize
            }
            guard group.rows >= 0, group.rows <= Int64.max - total else { throw ParquetReadError("row group \(number + 1) has \(group.rows) rows") }
            total += group.rows
        }
        guard total == rows else { throw ParquetReadError("its row groups hold \(total) rows, its footer says \(rows)") }
        guard next == Int64(footerStart) else { throw ParquetReadError("it has \(Int64(footerStart) - next) bytes between its row groups and its footer") }
    }
}

/// A key-value pair of a Parquet file's metadata.
public struct ParquetKeyValue: Sendable, Equatable {
    public let key: String
    public let value: String

    static func read(_ reader: inout ThriftCompactReader) throws(ParquetReadError) -> ParquetKeyValue {
        var key: String?, value = ""
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .binary): key = try reader.string()
            case (2, .binary): value = try reader.string()
            default: try reader.skip(kind)
            }
        }
        guard let key else { throw ParquetReadError("a key-value pair without its key") }
        return ParquetKeyValue(key: key, value: value)
    }
}

/// One element of a file's schema (parquet.thrift's `SchemaElement`).
struct SchemaElement {
    var type: Int32?
    var repetition: Int32?
    var name = ""
    var children: Int?
    var convertedType: Int32?

    static func read(_ reader: inout ThriftCompactReader) throws(ParquetReadError) -> SchemaElement {
        var element = SchemaElement()
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .i32): element.type = try reader.i32()
            case (3, .i32): element.repetition = try reader.i32()
            case (4, .binary): element.name = try reader.string()
            case (5, .i32): element.children = Int(try reader.i32())
            case (6, .i32): element.convertedType = try reader.i32()
            default: try reader.skip(kind)
            }
        }
        return element
    }

    /// The column this leaf is, as ``ParquetFileWriter`` writes it (optional; strings UTF8;
    /// integers INT_16, INT_32 or INT_64).
    func column() throws(ParquetReadError) -> ParquetColumn {
        guard repetition == 1, children == nil else { throw ParquetReadError("column '\(name)' is not an optional leaf") }
        let kind: ParquetColumn.Kind
        switch (type, convertedType) {
        case (6, 0): kind = .string
        case (2, 18): kind = .int64
        case (1, 17): kind = .int32
        case (1, 16): kind = .int16
        case (5, nil): kind = .double
        case (0, nil): kind = .boolean
        default: throw ParquetReadError("column '\(name)' has a type verdeel does not write")
        }
        return ParquetColumn(name: name, kind: kind)
    }
}
