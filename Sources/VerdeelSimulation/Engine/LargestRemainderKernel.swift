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
    private let ranks: UnsafeMutableBufferPointer<Double>
    private var order: [Int]

    init(regions: Int, draws: Int) {
        self.regions = regions
        self.draws = draws
        floors = .allocate(capacity: regions * Self.block)
        remainders = .allocate(capacity: regions * Self.block)
        deficits = .allocate(capacity: Self.block)
        ranks = .allocate(capacity: Self.block)
        order = Array(0..<regions)
    }

    deinit {
        floors.deallocate()
        remainders.deallocate()
        deficits.deallocate()
        ranks.deallocate()
    }

    /// Rounds one pool for every draw and adds the whole units to `output` (or writes them
    /// when `accumulate` is false).
    func round(
        shares: UnsafePointer<Double>, base: [Double], remainder: Double, total: Int64,
        into output: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        let regions = self.regions, draws = self.draws
        let totalUnits = Double(total)
        let (floors, remainders, deficits, ranks) = (self.floors, self.remainders, self.deficits, self.ranks)
        do {
            do {
                do {
                    do {
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
                                    let whole = x.rounded(.down)
                                    f[j] = whole
                                    m[j] = x - whole
                                    deficits[j] -= whole
                                }
                            }
                            if regions <= 48 {
                                pairwise(size: size, floors: floors, remainders: remainders, deficits: deficits, ranks: ranks)
                            } else {
                                sorted(size: size, floors: floors, remainders: remainders, deficits: deficits)
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
                }
            }
        }
    }

    /// Region r gets a unit when fewer than `deficit` regions beat it: a larger remainder,
    /// or an equal one and a lower index.
    private func pairwise(
        size: Int, floors: UnsafeMutableBufferPointer<Double>, remainders: UnsafeMutableBufferPointer<Double>,
        deficits: UnsafeMutableBufferPointer<Double>, ranks: UnsafeMutableBufferPointer<Double>
    ) {
        let m = remainders.baseAddress!
        for r in 0..<regions {
            let mine = m + r * Self.block
            for j in 0..<size { ranks[j] = 0 }
            for q in 0..<r {
                let other = m + q * Self.block
                for j in 0..<size { ranks[j] += other[j] >= mine[j] ? 1 : 0 }
            }
            for q in (r + 1)..<max(r + 1, regions) {
                let other = m + q * Self.block
                for j in 0..<size { ranks[j] += other[j] > mine[j] ? 1 : 0 }
            }
            let f = floors.baseAddress! + r * Self.block
            for j in 0..<size { f[j] += ranks[j] < deficits[j] ? 1 : 0 }
        }
    }

    private func sorted(
        size: Int, floors: UnsafeMutableBufferPointer<Double>, remainders: UnsafeMutableBufferPointer<Double>,
        deficits: UnsafeMutableBufferPointer<Double>
    ) {
        for j in 0..<size {
            let deficit = Int(deficits[j].rounded())
            guard deficit > 0 else { continue }
            let block = Self.block
            order.sort { a, b in
                let x = remainders[a * block + j], y = remainders[b * block + j]
                return x != y ? x > y : a < b
            }
            for index in order.prefix(min(deficit, regions)) { floors[index * block + j] += 1 }
            for index in order.indices { order[index] = index }
        }
    }
}
