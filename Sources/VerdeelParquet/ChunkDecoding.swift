/// An integer column chunk as verdeel writes it (``ColumnChunk``: one data page v1,
/// definition levels RLE hybrid of bit width 1, values PLAIN, ZSTD or uncompressed) read
/// back into its cells, so that a merge can widen it to doubles where another part's chunk
/// of the same column holds fractions. Every size is checked against the bytes.
enum ChunkDecoding {
    /// The cells of the chunk `bytes` (its pages, as `metadata` describes them): a value or nil.
    static func integers(_ bytes: [UInt8], _ metadata: ChunkMetadata, width: Int) throws(ParquetReadError) -> [Int64?] {
        var reader = ThriftCompactReader(bytes)
        var type: Int32?, size: Int32?, stored: Int32?, count: Int32?, encoding: Int32?
        try reader.structure { reader, id, kind throws(ParquetReadError) in
            switch (id, kind) {
            case (1, .i32): type = try reader.i32()
            case (2, .i32): size = try reader.i32()
            case (3, .i32): stored = try reader.i32()
            case (5, .structure):
                try reader.structure { reader, id, kind throws(ParquetReadError) in
                    switch (id, kind) {
                    case (1, .i32): count = try reader.i32()
                    case (2, .i32): encoding = try reader.i32()
                    default: try reader.skip(kind)
                    }
                }
            default: try reader.skip(kind)
            }
        }
        guard type == 0, encoding == 0, let size, let stored, let count, Int64(count) == metadata.values, stored >= 0, Int(stored) <= bytes.count - reader.position,
              reader.position + Int(stored) == bytes.count
        else { throw ParquetReadError("column '\(metadata.path.joined(separator: "."))' is not one plain data page") }
        let body = Array(bytes[reader.position...])
        let page = metadata.codec == 6 ? try Zstd.decompress(body, size: Int(size)) : body
        guard page.count == Int(size), page.count >= 4 else { throw ParquetReadError("a data page shorter than its header gives") }
        let levelsLength = (0..<4).reduce(0) { $0 | Int(page[$1]) << (8 * $1) }
        guard levelsLength <= page.count - 4 else { throw ParquetReadError("definition levels past the page's end") }
        let levels = try RLEHybrid.decode(page[4..<(4 + levelsLength)], bitWidth: 1, count: Int(count))
        var position = 4 + levelsLength
        guard levels.filter({ $0 == 1 }).count * width == page.count - position else { throw ParquetReadError("a data page whose values do not fill it") }
        return levels.map { level in
            guard level == 1 else { return nil }
            let raw = (0..<width).reduce(UInt64(0)) { $0 | UInt64(page[position + $1]) << UInt64(8 * $1) }
            position += width
            return width == 8 ? Int64(bitPattern: raw) : Int64(Int32(truncatingIfNeeded: raw))
        }
    }
}
