/// The Sobol low-discrepancy sequence with Joe and Kuo's direction numbers
/// (new-joe-kuo-6.21201, the table scipy.stats.qmc.Sobol uses) in up to
/// ``maximumDimensions`` dimensions, in Gray-code order: space-filling variant samples
/// (unscrambled, starting at the point 0) and the base points of Saltelli designs
/// (scrambled).
///
/// Scrambling is Matoušek's linear matrix scramble with a digital shift, as scipy does:
/// every dimension's direction numbers are multiplied (over GF(2), binary digits as a
/// column, most significant first) by a random lower-triangular matrix with ones on its
/// diagonal, and every point is XORed with a random shift. Both keep the sequence a
/// (t, s)-sequence and make the first point non-zero. The random bits come from
/// ``Philox`` with the given seed (stream 0x5CA4_B1E0): the matrix row of digit `p` of
/// dimension `d` is the top `p` bits of the first output of counter `(d, p, 0, 0)`, the
/// shift of dimension `d` the top 32 bits of the second output of counter `(d, 32, 0, 0)`.
public struct SobolSequence: Sendable {
    /// (degree s, coefficients a, initial direction numbers m) for dimensions 2 onwards.
    static let table: [(s: Int, a: UInt32, m: [UInt32])] = SobolDirections.text.split(separator: "\n").map { line in
        let numbers = line.split(separator: " ").compactMap { UInt32($0) }
        return (Int(numbers[0]), numbers[1], Array(numbers.dropFirst(2)))
    }
    public static let maximumDimensions = table.count + 1
    static let bits = 32
    static let scrambleStream: UInt64 = 0x5CA4_B1E0

    private let directions: [[UInt32]]
    private let shift: [UInt32]

    /// The generator for `dimensions` coordinates (1 ... ``maximumDimensions``);
    /// scrambled when `scrambleSeed` is given.
    public init?(dimensions: Int, scrambleSeed: UInt64? = nil) {
        guard dimensions >= 1, dimensions <= Self.maximumDimensions else { return nil }
        var directions = [(0..<Self.bits).map { UInt32(1) << (31 - $0) }]
        for (s, a, m) in Self.table.prefix(dimensions - 1) {
            directions.append(Self.directionNumbers(degree: s, coefficients: a, initial: m))
        }
        if let seed = scrambleSeed {
            let generator = Philox(seed: seed, stream: Self.scrambleStream)
            self.directions = directions.enumerated().map { d, numbers in
                Self.scrambled(numbers, rows: Self.scrambleRows(generator, dimension: d))
            }
            shift = (0..<dimensions).map { d in
                UInt32(truncatingIfNeeded: generator.block(UInt64(d), UInt64(Self.bits), 0, 0).1 >> 32)
            }
        } else {
            self.directions = directions
            shift = [UInt32](repeating: 0, count: dimensions)
        }
    }

    private static func directionNumbers(degree s: Int, coefficients a: UInt32, initial m: [UInt32]) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: bits)
        for i in 0..<min(s, bits) { v[i] = m[i] << (31 - i) }
        if s < bits {
            for i in s..<bits {
                var value = v[i - s] ^ (v[i - s] >> UInt32(s))
                for k in 1..<s where (a >> UInt32(s - 1 - k)) & 1 == 1 {
                    value ^= v[i - k]
                }
                v[i] = value
            }
        }
        return v
    }

    /// Row `p` of the lower-triangular matrix: bit `31 - q` set means output digit `p`
    /// takes input digit `q` (q < p at random, q = p always).
    private static func scrambleRows(_ generator: Philox, dimension: Int) -> [UInt32] {
        (0..<bits).map { p in
            let random = UInt32(truncatingIfNeeded: generator.block(UInt64(dimension), UInt64(p), 0, 0).0 >> 32)
            let below = p == 0 ? UInt32(0) : random & ~(UInt32.max >> UInt32(p))
            return below | (UInt32(1) << UInt32(31 - p))
        }
    }

    private static func scrambled(_ numbers: [UInt32], rows: [UInt32]) -> [UInt32] {
        numbers.map { v in
            var result: UInt32 = 0
            for p in 0..<bits where (rows[p] & v).nonzeroBitCount & 1 == 1 {
                result |= UInt32(1) << UInt32(31 - p)
            }
            return result
        }
    }

    /// The first `count` points, each with one coordinate in [0, 1) per dimension (Gray-code order).
    public func points(_ count: Int) -> [[Double]] {
        var state = shift
        var result = [[Double]]()
        result.reserveCapacity(max(0, count))
        for index in 0..<max(0, count) {
            result.append(state.map { Double($0) * 0x1.0p-32 })
            let bit = (~index).trailingZeroBitCount
            if bit < Self.bits {
                for d in state.indices { state[d] ^= directions[d][bit] }
            }
        }
        return result
    }
}
