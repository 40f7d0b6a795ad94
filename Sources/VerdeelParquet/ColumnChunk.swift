/// One column's values of one row group, encoded as Parquet pages (data page v1, each page
/// compressed by ZSTD or not): definition levels (1 for a value, 0 for an empty cell; RLE hybrid, bit width 1, with
/// its 4-byte length first), then the values: PLAIN for numbers and booleans; for strings a
/// dictionary page (the distinct strings in order of first appearance, PLAIN) and the
/// indices (RLE_DICTIONARY: a byte of bit width, then the RLE hybrid). Statistics: null
/// count, and the least and greatest value (strings by unsigned bytes, doubles without NaN,
/// a zero maximum written +0.0 and a zero minimum -0.0, as parquet.thrift asks).
struct ColumnChunk {
    private(set) var column: ParquetColumn
    private(set) var levels: [UInt32] = []
    private var integers: [Int64] = []
    private var doubles: [Double] = []
    private var booleans: [Bool] = []
    private var indices: [UInt32] = []
    private var dictionary: [String] = []
    private var dictionaryIndex: [String: UInt32] = [:]
    private var nulls = 0
    private var nans = 0

    init(_ column: ParquetColumn) {
        self.column = column
    }

    var rows: Int { levels.count }

    /// The INT64 chunk as a DOUBLE one: every value so far the double it equals exactly.
    mutating func widenToDoubles() throws(ParquetWriteError) {
        guard column.kind == .int64 else { throw ParquetWriteError("column '\(column.name)' is \(column.kind), not INT64") }
        for value in integers {
            guard let exact = Double(exactly: value) else { throw ParquetWriteError("\(value) in column '\(column.name)' has no exact double") }
            doubles.append(exact)
        }
        integers = []
        column = ParquetColumn(name: column.name, kind: .double)
    }

    mutating func append(_ cell: ParquetCell) throws(ParquetWriteError) {
        switch (column.kind, cell) {
        case (_, .null):
            levels.append(0)
            nulls += 1
            return
        case (.string, .string(let text)):
            if let index = dictionaryIndex[text] {
                indices.append(index)
            } else {
                let index = UInt32(dictionary.count)
                dictionary.append(text)
                dictionaryIndex[text] = index
                indices.append(index)
            }
        case (.int64, .integer(let value)):
            integers.append(value)
        case (.int32, .integer(let value)):
            guard Int64(Int32.min)...Int64(Int32.max) ~= value else { throw ParquetWriteError("\(value) does not fit the 32-bit column '\(column.name)'") }
            integers.append(value)
        case (.int16, .integer(let value)):
            guard Int64(Int16.min)...Int64(Int16.max) ~= value else { throw ParquetWriteError("\(value) does not fit the 16-bit column '\(column.name)'") }
            integers.append(value)
        case (.double, .double(let value)):
            if value.isNaN { nans += 1 }
            doubles.append(value)
        case (.boolean, .boolean(let value)):
            booleans.append(value)
        default:
            throw ParquetWriteError("the value \(cell) does not fit column '\(column.name)' (\(column.kind))")
        }
        levels.append(1)
    }

    /// The chunk's pages, what its metadata says of them (offsets from `start`, the chunk's
    /// first byte in the file) and its size before compression, headers included.
    func encoded(at start: Int, compressed: Bool) throws(ParquetWriteError) -> (bytes: [UInt8], metadata: ChunkMetadata) {
        var bytes = [UInt8]()
        var uncompressed = 0
        /// A page: its header (sizes before and after compression) and its body.
        func page(type: Int32, _ body: [UInt8], _ header: (inout ThriftCompactWriter) -> Void) throws(ParquetWriteError) {
            let stored = compressed ? try Zstd.compress(body) : body
            guard body.count < Int(Int32.max), stored.count < Int(Int32.max) else {
                throw ParquetWriteError("a page of column '\(column.name)' is over 2 GB; write smaller row groups")
            }
            let head = Self.pageHeader(type: type, size: body.count, compressedSize: stored.count, header)
            bytes += head + stored
            uncompressed += head.count + body.count
        }
        var dictionaryOffset: Int?
        var values = [UInt8]()
        var encodings: [Int32] = [3]
        switch column.kind {
        case .string:
            var plain = [UInt8]()
            for text in dictionary { Self.byteArray(Array(text.utf8), into: &plain) }
            dictionaryOffset = start
            try page(type: 2, plain) { header in
                header.structure(7) { dictionaryHeader in
                    dictionaryHeader.i32(1, Int32(dictionary.count))
                    dictionaryHeader.i32(2, 0)
                }
            }
            let width = RLEHybrid.bitWidth(forCount: dictionary.count)
            values = [UInt8(width)] + RLEHybrid.encode(indices, bitWidth: width)
            encodings += [0, 8]
        case .int64:
            for value in integers { Self.littleEndian(UInt64(bitPattern: value), bytes: 8, into: &values) }
            encodings.append(0)
        case .int32, .int16:
            for value in integers { Self.littleEndian(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: value))), bytes: 4, into: &values) }
            encodings.append(0)
        case .double:
            for value in doubles { Self.littleEndian(value.bitPattern, bytes: 8, into: &values) }
            encodings.append(0)
        case .boolean:
            values = Self.packedBooleans(booleans)
            encodings.append(0)
        }
        let definitions = RLEHybrid.encode(levels, bitWidth: 1)
        guard bytes.count + definitions.count + values.count < Int(Int32.max) - 4 else {
            throw ParquetWriteError("column '\(column.name)' holds over 2 GB in one row group; write smaller row groups")
        }
        var data = [UInt8]()
        Self.littleEndian(UInt64(definitions.count), bytes: 4, into: &data)
        data += definitions + values
        let dataOffset = start + bytes.count
        try page(type: 0, data) { header in
            header.structure(5) { dataHeader in
                dataHeader.i32(1, Int32(levels.count))
                dataHeader.i32(2, column.kind == .string ? 8 : 0)
                dataHeader.i32(3, 3)
                dataHeader.i32(4, 3)
            }
        }
        let metadata = ChunkMetadata(
            physicalType: column.physicalType, encodings: encodings, path: [column.name], codec: compressed ? 6 : 0, values: Int64(levels.count),
            uncompressedSize: Int64(uncompressed), compressedSize: Int64(bytes.count), dataPageOffset: Int64(dataOffset),
            dictionaryPageOffset: dictionaryOffset.map(Int64.init), statistics: statistics)
        return (bytes, metadata)
    }

    /// The chunk's statistics: null count, NaN count for doubles, least and greatest value.
    private var statistics: ChunkStatistics {
        var bounds: (min: [UInt8], max: [UInt8])?
        switch column.kind {
        case .string:
            let utf8 = dictionary.map { Array($0.utf8) }
            if let low = utf8.min(by: { $0.lexicographicallyPrecedes($1) }), let high = utf8.max(by: { $0.lexicographicallyPrecedes($1) }) { bounds = (low, high) }
        case .int64:
            if let low = integers.min(), let high = integers.max() { bounds = (Self.plain(UInt64(bitPattern: low), 8), Self.plain(UInt64(bitPattern: high), 8)) }
        case .int32, .int16:
            if let low = integers.min(), let high = integers.max() {
                bounds = (Self.plain(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: low))), 4), Self.plain(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: high))), 4))
            }
        case .double:
            let finite = doubles.filter { !$0.isNaN }
            if let low = finite.min(), let high = finite.max() {
                bounds = (Self.plain((low == 0 ? -0.0 : low).bitPattern, 8), Self.plain((high == 0 ? 0.0 : high).bitPattern, 8))
            }
        case .boolean:
            if let low = booleans.min(by: { !$0 && $1 }), let high = booleans.max(by: { !$0 && $1 }) { bounds = ([low ? 1 : 0], [high ? 1 : 0]) }
        }
        return ChunkStatistics(nullCount: Int64(nulls), max: bounds?.max, min: bounds?.min, nanCount: column.kind == .double ? Int64(nans) : nil)
    }

    /// A page header (`type`: 0 data, 2 dictionary) for a page of `size` bytes, `compressedSize` stored.
    static func pageHeader(type: Int32, size: Int, compressedSize: Int, _ body: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        var header = ThriftCompactWriter()
        header.structBody { page in
            page.i32(1, type)
            page.i32(2, Int32(size))
            page.i32(3, Int32(compressedSize))
            body(&page)
        }
        return header.bytes
    }

    static func byteArray(_ bytes: [UInt8], into out: inout [UInt8]) {
        littleEndian(UInt64(bytes.count), bytes: 4, into: &out)
        out += bytes
    }

    static func littleEndian(_ value: UInt64, bytes count: Int, into out: inout [UInt8]) {
        for byte in 0..<count { out.append(UInt8(truncatingIfNeeded: value >> (8 * byte))) }
    }

    static func plain(_ value: UInt64, _ count: Int) -> [UInt8] {
        var out = [UInt8]()
        littleEndian(value, bytes: count, into: &out)
        return out
    }

    /// PLAIN booleans: one bit each, least significant first.
    static func packedBooleans(_ values: [Bool]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (values.count + 7) / 8)
        for (index, value) in values.enumerated() where value { out[index / 8] |= 1 << (index % 8) }
        return out
    }
}
