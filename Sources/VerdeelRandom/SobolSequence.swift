/// The Sobol low-discrepancy sequence with Joe and Kuo's direction numbers
/// (new-joe-kuo-6.21201, the table scipy.stats.qmc.Sobol uses), unscrambled, starting at
/// the point 0: space-filling variant samples in up to ``maximumDimensions`` dimensions.
public struct SobolSequence: Sendable {
    /// (degree s, coefficients a, initial direction numbers m) for dimensions 2 onwards.
    static let table: [(s: Int, a: UInt32, m: [UInt32])] = [
        (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]), (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]), (5, 13, [1, 1, 1, 3, 11]), (5, 14, [1, 3, 5, 5, 31]),
    ]
    public static let maximumDimensions = table.count + 1
    static let bits = 32

    private let directions: [[UInt32]]

    /// The generator for `dimensions` coordinates (1 ... ``maximumDimensions``).
    public init?(dimensions: Int) {
        guard dimensions >= 1, dimensions <= Self.maximumDimensions else { return nil }
        var directions = [[UInt32]]()
        directions.append((0..<Self.bits).map { UInt32(1) << (31 - $0) })
        for (s, a, m) in Self.table.prefix(dimensions - 1) {
            var v = [UInt32](repeating: 0, count: Self.bits)
            for i in 0..<min(s, Self.bits) { v[i] = m[i] << (31 - i) }
            if s < Self.bits {
                for i in s..<Self.bits {
                    var value = v[i - s] ^ (v[i - s] >> UInt32(s))
                    for k in 1..<s where (a >> UInt32(s - 1 - k)) & 1 == 1 {
                        value ^= v[i - k]
                    }
                    v[i] = value
                }
            }
            directions.append(v)
        }
        self.directions = directions
    }

    /// The first `count` points, each with one coordinate in [0, 1) per dimension (Gray-code order).
    public func points(_ count: Int) -> [[Double]] {
        var state = [UInt32](repeating: 0, count: directions.count)
        var result = [[Double]]()
        result.reserveCapacity(count)
        for index in 0..<count {
            result.append(state.map { Double($0) * 0x1.0p-32 })
            let bit = (~index).trailingZeroBitCount
            if bit < Self.bits {
                for d in state.indices { state[d] ^= directions[d][bit] }
            }
        }
        return result
    }
}
