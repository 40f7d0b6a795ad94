/// Largest-remainder rounding for many draws at once, on region-major rows
/// (`row[r * draws + d]`): for each draw, the unrounded amounts `base[r] + remainder *
/// share[r][d]` are floored and the units still missing go to the largest remainders,
/// ties to the lowest region (code order), exactly as the core's allocator does.
/// Few regions: branch-free pairwise ranks over a block of draws (vectorises); many
/// regions: a partial sort per draw.
final class LargestRemainderKernel {
    let regions: Int
    let draws: Int
    static let block = 64
    private let floors: UnsafeMutableBufferPointer<Double>
    private let remainders: UnsafeMutableBufferPointer<Double>
    private let deficits: UnsafeMutableBufferPointer<Double>
    static let buckets = 256
    private let bucketCounts: UnsafeMutableBufferPointer<Int>
    private let bucketOf: UnsafeMutableBufferPointer<Int32>
    private var candidates: [Int] = []

    init(regions: Int, draws: Int) {
        self.regions = regions
        self.draws = draws
        floors = .allocate(capacity: regions * Self.block)
        remainders = .allocate(capacity: regions * Self.block)
        deficits = .allocate(capacity: Self.block)
        for buffer in [floors, remainders, deficits] { buffer.initialize(repeating: 0) }
        bucketCounts = .allocate(capacity: Self.buckets)
        bucketOf = .allocate(capacity: regions)
    }

    deinit {
        floors.deallocate()
        remainders.deallocate()
        deficits.deallocate()
        bucketCounts.deallocate()
        bucketOf.deallocate()
    }

    /// Rounds one pool for every draw and adds the whole units to `output` (or writes them
    /// when `accumulate` is false).
    func round(
        shares: UnsafePointer<Double>, base: [Double], remainder: Double, total: Int64,
        into output: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        let regions = self.regions, draws = self.draws
        let totalUnits = Double(total)
        let (floors, remainders, deficits) = (self.floors, self.remainders, self.deficits)
        var start = 0
        while start < draws {
            let size = min(Self.block, draws - start)
            for j in 0..<size { deficits[j] = totalUnits }
            for r in 0..<regions {
                let row = shares + r * draws + start
                let b = base[r]
                let f = floors.baseAddress! + r * Self.block
                let m = remainders.baseAddress! + r * Self.block
                for j in 0..<size {
                    let x = b + remainder * row[j]
                    // floor(x) for 0 <= x < 2^52 without a library call, so the loop vectorises:
                    // adding and subtracting 2^52 rounds to the nearest integer.
                    let nearest = (x + 0x1.0p52) - 0x1.0p52
                    let whole = nearest > x ? nearest - 1 : nearest
                    f[j] = whole
                    m[j] = x - whole
                    deficits[j] -= whole
                }
            }
            if regions <= 48 {
                pairwise(size: size, floors: floors, remainders: remainders, deficits: deficits)
            } else {
                bucketed(size: size, floors: floors, remainders: remainders, deficits: deficits)
            }
            for r in 0..<regions {
                let f = floors.baseAddress! + r * Self.block
                let out = output + r * draws + start
                if accumulate {
                    for j in 0..<size { out[j] += f[j] }
                } else {
                    for j in 0..<size { out[j] = f[j] }
                }
            }
            start += size
        }
    }

    /// Region r gets a unit when fewer than `deficit` regions beat it: a larger remainder,
    /// or an equal one and a lower index. Four draws at a time in registers; comparisons
    /// are sign bits of differences (`a - b` is negative exactly when `a < b`, and `+0`
    /// when equal), so the loops have no branches.
    private func pairwise(
        size: Int, floors: UnsafeMutableBufferPointer<Double>, remainders: UnsafeMutableBufferPointer<Double>,
        deficits: UnsafeMutableBufferPointer<Double>
    ) {
        let m = remainders.baseAddress!
        let block = Self.block
        for r in 0..<regions {
            let mine = m + r * block
            let f = floors.baseAddress! + r * block
            var j = 0
            while j < size {
                // Lanes past `size` read stale (initialised) scratch and are not used.
                let (m0, m1, m2, m3) = (mine[j], mine[j + 1], mine[j + 2], mine[j + 3])
                var (a0, a1, a2, a3) = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                for q in 0..<r {
                    let o = m + q * block + j
                    a0 &+= 1 &- ((o[0] - m0).bitPattern >> 63)
                    a1 &+= 1 &- ((o[1] - m1).bitPattern >> 63)
                    a2 &+= 1 &- ((o[2] - m2).bitPattern >> 63)
                    a3 &+= 1 &- ((o[3] - m3).bitPattern >> 63)
                }
                for q in (r + 1)..<Swift.max(r + 1, regions) {
                    let o = m + q * block + j
                    a0 &+= (m0 - o[0]).bitPattern >> 63
                    a1 &+= (m1 - o[1]).bitPattern >> 63
                    a2 &+= (m2 - o[2]).bitPattern >> 63
                    a3 &+= (m3 - o[3]).bitPattern >> 63
                }
                let width = Swift.min(4, size - j)
                f[j] += Double(a0) < deficits[j] ? 1 : 0
                if width > 1 { f[j + 1] += Double(a1) < deficits[j + 1] ? 1 : 0 }
                if width > 2 { f[j + 2] += Double(a2) < deficits[j + 2] ? 1 : 0 }
                if width > 3 { f[j + 3] += Double(a3) < deficits[j + 3] ? 1 : 0 }
                j += 4
            }
        }
    }

    /// For many regions: per draw, bucket the remainders; regions in buckets above the one
    /// where the `deficit`-th largest falls get a unit, and that bucket's few regions are
    /// ranked exactly (remainder descending, index ascending).
    private func bucketed(size: Int, floors: UnsafeMutableBufferPointer<Double>, remainders: UnsafeMutableBufferPointer<Double>, deficits: UnsafeMutableBufferPointer<Double>) {
        let block = Self.block
        let buckets = Self.buckets
        for j in 0..<size {
            let deficit = Int(deficits[j].rounded())
            guard deficit > 0 else { continue }
            for b in 0..<buckets { bucketCounts[b] = 0 }
            for r in 0..<regions {
                let bucket = min(Int(remainders[r * block + j] * Double(buckets)), buckets - 1)
                bucketOf[r] = Int32(bucket)
                bucketCounts[bucket] += 1
            }
            var above = 0
            var boundary = buckets - 1
            while boundary > 0, above + bucketCounts[boundary] < deficit {
                above += bucketCounts[boundary]
                boundary -= 1
            }
            candidates.removeAll(keepingCapacity: true)
            for r in 0..<regions {
                let bucket = Int(bucketOf[r])
                if bucket > boundary {
                    floors[r * block + j] += 1
                } else if bucket == boundary {
                    candidates.append(r)
                }
            }
            candidates.sort { a, b in
                let x = remainders[a * block + j], y = remainders[b * block + j]
                return x != y ? x > y : a < b
            }
            for r in candidates.prefix(max(0, deficit - above)) { floors[r * block + j] += 1 }
        }
    }
}
