/// What a file's footer says of one column chunk (parquet.thrift's `ColumnMetaData`), as
/// verdeel writes it and reads it back: the physical type, encodings, the column's path,
/// the codec (0 uncompressed, 6 ZSTD), the number of values, the sizes with and without
/// compression, the offsets of the data page and the dictionary page, and the statistics.
struct ChunkMetadata: Equatable {
    var physicalType: Int32
    var encodings: [Int32]
    var path: [String]
    var codec: Int32
    var values: Int64
    var uncompressedSize: Int64
    var compressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: ChunkStatistics

    /// The chunk's first byte in the file: its dictionary page, else its data page.
    var start: Int64 { dictionaryPageOffset ?? dataPageOffset }

    /// The same chunk `delta` bytes later in a file (its pages copied unchanged).
    func moved(by delta: Int64) -> ChunkMetadata {
        var moved = self
        moved.dataPageOffset += delta
        moved.dictionaryPageOffset = dictionaryPageOffset.map { $0 + delta }
        return moved
    }

    func write(_ meta: inout ThriftCompactWriter) {
        meta.structBody { meta in
            meta.i32(1, physicalType)
            meta.i32List(2, encodings)
            meta.stringList(3, path)
            meta.i32(4, codec)
            meta.i64(5, values)
            meta.i64(6, uncompressedSize)
            meta.i64(7, compressedSize)
            meta.i64(9, dataPageOffset)
            if let dictionaryPageOffset { meta.i64(11, dictionaryPageOffset) }
            meta.structure(12) { statistics.write(&$0) }
        }
    }

    static func read(_ reader: inout ThriftCompactReader) throws(ParquetReadError) -> ChunkMetadata {
        var type: Int32?, codec: Int32?, values: Int64?, uncompressed: Int64?, compressed: Int64?, data: Int64?
        var encodings = [Int32](), path = [String](), dictionary: Int64?, statistics = ChunkStatistics()
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .i32): type = try reader.i32()
            case (2, .list): encodings = try reader.list(of: .i32) { reader throws(ParquetReadError) in try reader.i32() }
            case (3, .list): path = try reader.list(of: .binary) { reader throws(ParquetReadError) in try reader.string() }
            case (4, .i32): codec = try reader.i32()
            case (5, .i64): values = try reader.integer()
            case (6, .i64): uncompressed = try reader.integer()
            case (7, .i64): compressed = try reader.integer()
            case (9, .i64): data = try reader.integer()
            case (11, .i64): dictionary = try reader.integer()
            case (12, .structure): statistics = try ChunkStatistics.read(&reader)
            default: try reader.skip(kind)
            }
        }
        guard let type, let codec, let values, let uncompressed, let compressed, let data else {
            throw ParquetReadError("a column chunk's metadata lacks a required field")
        }
        return ChunkMetadata(
            physicalType: type, encodings: encodings, path: path, codec: codec, values: values, uncompressedSize: uncompressed, compressedSize: compressed,
            dataPageOffset: data, dictionaryPageOffset: dictionary, statistics: statistics)
    }
}

/// A chunk's statistics (parquet.thrift's `Statistics`): null count, the greatest and least
/// value in the column's plain encoding, and the NaN count of a double column.
struct ChunkStatistics: Equatable {
    var nullCount: Int64?
    var max: [UInt8]?
    var min: [UInt8]?
    var nanCount: Int64?

    func write(_ writer: inout ThriftCompactWriter) {
        if let nullCount { writer.i64(3, nullCount) }
        if let max { writer.binary(5, max) }
        if let min { writer.binary(6, min) }
        if let nanCount { writer.i64(9, nanCount) }
    }

    static func read(_ reader: inout ThriftCompactReader) throws(ParquetReadError) -> ChunkStatistics {
        var statistics = ChunkStatistics()
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (3, .i64): statistics.nullCount = try reader.integer()
            case (5, .binary): statistics.max = try reader.binary()
            case (6, .binary): statistics.min = try reader.binary()
            case (9, .i64): statistics.nanCount = try reader.integer()
            default: try reader.skip(kind)
            }
        }
        return statistics
    }
}

/// What the footer says of one row group (parquet.thrift's `RowGroup`): its chunks, one per
/// column, its rows and its size before compression.
struct RowGroupMetadata: Equatable {
    var chunks: [ChunkMetadata]
    var rows: Int64
    var uncompressedSize: Int64

    /// The group's first byte and its size in the file.
    var start: Int64 { chunks.first?.start ?? 0 }
    var compressedSize: Int64 { chunks.reduce(0) { $0 + $1.compressedSize } }

    func write(_ writer: inout ThriftCompactWriter, ordinal: Int16) {
        writer.structBody { rowGroup in
            rowGroup.listHeader(1, count: chunks.count, of: .structure)
            for chunk in chunks {
                rowGroup.structBody { columnChunk in
                    // file_offset is deprecated: 0 when no column metadata is written outside the footer.
                    columnChunk.i64(2, 0)
                    columnChunk.fieldHeader(3, .structure)
                    chunk.write(&columnChunk)
                }
            }
            rowGroup.i64(2, uncompressedSize)
            rowGroup.i64(3, rows)
            rowGroup.i64(5, start)
            rowGroup.i64(6, compressedSize)
            rowGroup.i16(7, ordinal)
        }
    }

    static func read(_ reader: inout ThriftCompactReader) throws(ParquetReadError) -> RowGroupMetadata {
        var chunks = [ChunkMetadata](), rows: Int64?, size: Int64?
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .list):
                chunks = try reader.list(of: .structure) { reader throws(ParquetReadError) in
                    var metadata: ChunkMetadata?
                    try reader.structure { reader, id, kind throws(ParquetReadError) in
                        switch (id, kind) {
                        case (1, .binary): throw ParquetReadError("a column chunk in another file")
                        case (3, .structure): metadata = try ChunkMetadata.read(&reader)
                        default: try reader.skip(kind)
                        }
                    }
                    guard let metadata else { throw ParquetReadError("a column chunk without its metadata") }
                    return metadata
                }
            case (2, .i64): size = try reader.integer()
            case (3, .i64): rows = try reader.integer()
            default: try reader.skip(kind)
            }
        }
        guard let rows, let size else { throw ParquetReadError("a row group's metadata lacks its rows or size") }
        return RowGroupMetadata(chunks: chunks, rows: rows, uncompressedSize: size)
    }
}
