/// Parquet's run-length / bit-packing hybrid (rle-bitpacked.md) for definition levels and
/// dictionary indices of `bitWidth` bits: runs of one repeated value (header `count << 1`,
/// then the value in `ceil(bitWidth / 8)` little-endian bytes) where eight or more repeat
/// from a multiple of eight, and bit-packed runs otherwise (header `groups << 1 | 1`, then
/// groups of eight values packed `bitWidth` bits each, least significant bit first; the last
/// group padded with zeros).
enum RLEHybrid {
    /// The most values one bit-packed run holds (readers take up to 2^31; this keeps a
    /// header in two bytes).
    static let packedRunLimit = 8 * 63

    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out = [UInt8]()
        var pending = [UInt32]()
        var index = 0
        func flush() {
            var start = 0
            while start < pending.count {
                let end = min(start + packedRunLimit, pending.count)
                packed(Array(pending[start..<end]), bitWidth: bitWidth, into: &out)
                start = end
            }
            pending.removeAll(keepingCapacity: true)
        }
        while index < values.count {
            var end = index + 1
            while end < values.count, values[end] == values[index] { end += 1 }
            var run = end - index
            // Fill the pending values up to a group of eight before a run may start.
            let fill = min(run, (8 - pending.count % 8) % 8)
            if run - fill >= 8 {
                pending += Array(repeating: values[index], count: fill)
                run -= fill
                flush()
                repeated(values[index], count: run, bitWidth: bitWidth, into: &out)
            } else {
                pending += values[index..<end]
            }
            index = end
        }
        flush()
        return out
    }

    static func repeated(_ value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        varint(UInt64(count) << 1, into: &out)
        for byte in 0..<((bitWidth + 7) / 8) { out.append(UInt8(truncatingIfNeeded: value >> (8 * byte))) }
    }

    static func packed(_ values: [UInt32], bitWidth: Int, into out: inout [UInt8]) {
        let groups = (values.count + 7) / 8
        varint(UInt64(groups) << 1 | 1, into: &out)
        var accumulator: UInt64 = 0
        var bits = 0
        for index in 0..<(groups * 8) {
            let value = index < values.count ? UInt64(values[index]) : 0
            accumulator |= value << bits
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// The bits an index below `count` needs, at least one.
    static func bitWidth(forCount count: Int) -> Int {
        var width = 1
        while (1 << width) < count { width += 1 }
        return width
    }
}

extension RLEHybrid {
    /// `count` values of `bitWidth` bits (at most 32) decoded from `bytes`; runs that would
    /// give more values than asked, or run past the bytes, are refused.
    static func decode(_ bytes: ArraySlice<UInt8>, bitWidth: Int, count: Int) throws(ParquetReadError) -> [UInt32] {
        guard (0...32).contains(bitWidth) else { throw ParquetReadError("a bit width of \(bitWidth)") }
        var reader = ThriftCompactReader(Array(bytes))
        var values = [UInt32]()
        values.reserveCapacity(count)
        let valueBytes = (bitWidth + 7) / 8
        while values.count < count {
            let header = try reader.varint()
            guard header >> 1 <= UInt64(count) else { throw ParquetReadError("a run longer than the page's values") }
            let length = Int(header >> 1)
            if header & 1 == 0 {
                var value: UInt32 = 0
                for index in 0..<valueBytes { value |= UInt32(try reader.byte()) << UInt32(8 * index) }
                guard length <= count - values.count else { throw ParquetReadError("a run longer than the page's values") }
                values += repeatElement(value, count: length)
            } else {
                var buffer: UInt64 = 0, held = 0
                let mask = bitWidth == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(bitWidth)) - 1
                for _ in 0..<(length * 8) {
                    while held < bitWidth {
                        buffer |= UInt64(try reader.byte()) << UInt64(held)
                        held += 8
                    }
                    if values.count < count { values.append(UInt32(buffer & mask)) }
                    buffer >>= UInt64(bitWidth)
                    held -= bitWidth
                }
            }
        }
        return values
    }
}
