/// A column chunk as verdeel writes it (``ColumnChunk``) read back into its cells: for
/// strings a dictionary page (PLAIN byte arrays) and a data page of RLE_DICTIONARY indices,
/// for the other types one data page of PLAIN values; data pages v1 with definition levels
/// (RLE hybrid, bit width 1, its 4-byte length first); ZSTD or uncompressed. Every size,
/// count and index is checked against the bytes; anything else is refused.
enum ChunkDecoding {
    /// One page: its type (0 data, 2 dictionary), its number of values, its encoding and
    /// its body before compression.
    struct Page: Equatable {
        let type: Int32
        let values: Int32
        let encoding: Int32
        let body: [UInt8]
    }

    /// The cells of the chunk `bytes` (its pages, as `metadata` describes them) of a column
    /// of `kind`, and its pages before compression.
    static func cells(_ bytes: [UInt8], _ metadata: ChunkMetadata, kind: ParquetColumn.Kind) throws(ParquetReadError) -> (cells: [ParquetCell], pages: [Page]) {
        let name = metadata.path.joined(separator: ".")
        let pages = try Self.pages(bytes, codec: metadata.codec)
        let dictionary: [String]?
        switch (kind, pages.map(\.type)) {
        case (.string, [2, 0]): dictionary = try strings(pages[0])
        case (.string, _): throw ParquetReadError("column '\(name)' is not a dictionary page and a data page")
        case (_, [0]): dictionary = nil
        default: throw ParquetReadError("column '\(name)' is not one data page")
        }
        guard let data = pages.last, Int64(data.values) == metadata.values, data.encoding == (dictionary == nil ? 0 : 8) else {
            throw ParquetReadError("column '\(name)' has a data page of another count or encoding than its metadata")
        }
        let body = data.body
        guard body.count >= 4 else { throw ParquetReadError("column '\(name)' has a data page without its definition levels") }
        let levelsLength = (0..<4).reduce(0) { $0 | Int(body[$1]) << (8 * $1) }
        guard levelsLength <= body.count - 4 else { throw ParquetReadError("column '\(name)' has definition levels past its page's end") }
        let levels = try RLEHybrid.decode(body[4..<(4 + levelsLength)], bitWidth: 1, count: Int(data.values))
        let present = levels.filter { $0 == 1 }.count
        let values = try Self.values(body[(4 + levelsLength)...], count: present, kind: kind, dictionary: dictionary, column: name)
        var next = values.makeIterator()
        var cells = [ParquetCell]()
        cells.reserveCapacity(levels.count)
        for level in levels {
            if level == 1, let value = next.next() { cells.append(value) } else { cells.append(.null) }
        }
        return (cells, pages)
    }

    /// The chunk's pages, one after another to its last byte, bodies decompressed.
    static func pages(_ bytes: [UInt8], codec: Int32) throws(ParquetReadError) -> [Page] {
        var pages = [Page](), position = 0
        while position < bytes.count {
            var reader = ThriftCompactReader(bytes, from: position, to: bytes.count)
            var type: Int32?, size: Int32?, stored: Int32?, values: Int32?, encoding: Int32?
            try reader.structure { reader, id, kind throws(ParquetReadError) in
                switch (id, kind) {
                case (1, .i32): type = try reader.i32()
                case (2, .i32): size = try reader.i32()
                case (3, .i32): stored = try reader.i32()
                case (5, .structure), (7, .structure):
                    try reader.structure { reader, id, kind throws(ParquetReadError) in
                        switch (id, kind) {
                        case (1, .i32): values = try reader.i32()
                        case (2, .i32): encoding = try reader.i32()
                        default: try reader.skip(kind)
                        }
                    }
                default: try reader.skip(kind)
                }
            }
            guard let type, let size, let stored, let values, let encoding, size >= 0, values >= 0, stored >= 0, Int(stored) <= bytes.count - reader.position else {
                throw ParquetReadError("a page header that does not describe a page within the chunk")
            }
            let body = Array(bytes[reader.position..<(reader.position + Int(stored))])
            let page = codec == 6 ? try Zstd.decompress(body, size: Int(size)) : body
            guard page.count == Int(size) else { throw ParquetReadError("a page of \(page.count) bytes whose header says \(size)") }
            pages.append(Page(type: type, values: values, encoding: encoding, body: page))
            position = reader.position + Int(stored)
        }
        return pages
    }

    /// A dictionary page's strings: PLAIN byte arrays (a 4-byte length, then UTF-8), exactly
    /// as many as its header gives, filling it.
    private static func strings(_ page: Page) throws(ParquetReadError) -> [String] {
        guard page.encoding == 0 else { throw ParquetReadError("a dictionary page not PLAIN") }
        var strings = [String](), position = 0
        let body = page.body
        while strings.count < Int(page.values) {
            guard body.count - position >= 4 else { throw ParquetReadError("a dictionary page shorter than its strings") }
            let length = (0..<4).reduce(0) { $0 | Int(body[position + $1]) << (8 * $1) }
            position += 4
            guard length <= body.count - position, let text = String(validating: body[position..<(position + length)], as: UTF8.self) else {
                throw ParquetReadError("a dictionary string past the page's end or not UTF-8")
            }
            strings.append(text)
            position += length
        }
        guard position == body.count else { throw ParquetReadError("a dictionary page with bytes after its strings") }
        return strings
    }

    /// `count` values of `kind` from a data page's value bytes, filling them.
    private static func values(
        _ bytes: ArraySlice<UInt8>, count: Int, kind: ParquetColumn.Kind, dictionary: [String]?, column: String
    ) throws(ParquetReadError) -> [ParquetCell] {
        let start = bytes.startIndex
        func word(_ index: Int, width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[start + index * width + $1]) << UInt64(8 * $1) }
        }
        func filled(_ width: Int) throws(ParquetReadError) {
            guard bytes.count == count * width else { throw ParquetReadError("column '\(column)' has a data page whose values do not fill it") }
        }
        switch kind {
        case .string:
            guard let dictionary, let width = bytes.first, width <= 32 else { throw ParquetReadError("column '\(column)' has no bit width for its indices") }
            let indices = try RLEHybrid.decode(bytes.dropFirst(), bitWidth: Int(width), count: count)
            guard indices.count == count, indices.allSatisfy({ Int($0) < dictionary.count }) else {
                throw ParquetReadError("column '\(column)' has an index past its dictionary")
            }
            return indices.map { .string(dictionary[Int($0)]) }
        case .int64:
            try filled(8)
            return (0..<count).map { .integer(Int64(bitPattern: word($0, width: 8))) }
        case .int32, .int16:
            try filled(4)
            return (0..<count).map { .integer(Int64(Int32(truncatingIfNeeded: word($0, width: 4)))) }
        case .double:
            try filled(8)
            return (0..<count).map { .double(Double(bitPattern: word($0, width: 8))) }
        case .boolean:
            guard bytes.count == (count + 7) / 8 else { throw ParquetReadError("column '\(column)' has a data page whose values do not fill it") }
            return (0..<count).map { .boolean(bytes[start + $0 / 8] >> UInt8($0 % 8) & 1 == 1) }
        }
    }
}
