/// Largest-remainder rounding of one block of draws (`shares[r * width + j]`): for each
/// draw the unrounded amounts `base[r] + remainder * share` are floored and the units still
/// missing go to the largest remainders, ties to the lowest region (code order), exactly
/// as the core's allocator does.
///
/// Sixteen draws at a time in SIMD lanes: the remainders, cut to single precision (which
/// keeps their order, or makes them equal), are sorted by a sorting network, and a region
/// gets a unit when its remainder is at least the deficit-th largest. When that one is
/// not strictly above the next largest, exact remainders and the index must decide, and
/// the draw is done one at a time in double precision, as are many regions and the draws
/// of a block's ragged end.
final class LargestRemainderKernel {
    typealias Lanes = SIMD16<Double>
    typealias Keys = SIMD16<Float>
    typealias Masks = SIMD16<UInt64>
    let regions: Int
    private let network: [(Int, Int)]
    private let whole: UnsafeMutablePointer<Lanes>
    private let fractions: UnsafeMutablePointer<Lanes>
    private let keys: UnsafeMutablePointer<Keys>
    private let sorted: UnsafeMutablePointer<Keys>
    private let one: OneDraw

    /// Regions up to which the sorting network is used.
    static let networkRegions = 32

    init(regions: Int) {
        self.regions = regions
        network = regions <= Self.networkRegions ? SortingNetwork.comparators(count: regions) : []
        whole = .allocate(capacity: regions)
        fractions = .allocate(capacity: regions)
        for buffer in [whole, fractions] { buffer.initialize(repeating: Lanes(), count: regions) }
        keys = .allocate(capacity: regions)
        keys.initialize(repeating: Keys(), count: regions)
        // Up to 16 regions sort in registers, padded with -infinity (which stays last).
        sorted = .allocate(capacity: Swift.max(regions, 16))
        sorted.initialize(repeating: Keys(repeating: -.infinity), count: Swift.max(regions, 16))
        one = OneDraw(regions: regions)
    }

    deinit {
        whole.deallocate()
        fractions.deallocate()
        keys.deallocate()
        sorted.deallocate()
    }

    /// Rounds one pool for every draw of a block and adds the whole units to `output`
    /// (or writes them when `accumulate` is false); `output` has the layout of `shares`.
    func round(
        shares: UnsafePointer<Double>, width: Int, base: [Double], remainder: Double, total: Int64,
        into output: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        var j = 0
        while j + Lanes.scalarCount <= width {
            lanes(shares: shares, width: width, at: j, base: base, remainder: remainder, total: total, into: output, accumulate: accumulate)
            j += Lanes.scalarCount
        }
        while j < width {
            one.round(shares: shares, width: width, at: j, base: base, remainder: remainder, total: total)
            for r in 0..<regions {
                let units = one.units[r]
                output[r * width + j] = accumulate ? output[r * width + j] + units : units
            }
            j += 1
        }
    }

    private func lanes(
        shares: UnsafePointer<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64,
        into output: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        let count = regions
        let big = Lanes(repeating: 0x1.0p52)
        var deficit = Lanes(repeating: Double(total))
        for r in 0..<count {
            let share = UnsafeRawPointer(shares + r * width + j).loadUnaligned(as: Lanes.self)
            let x = Lanes(repeating: base[r]) + remainder * share
            // floor(x) for 0 <= x < 2^52 without a library call: adding and subtracting 2^52
            // rounds to the nearest integer, one less when that is above x.
            let nearest = (x + big) - big
            let floor = nearest.replacing(with: nearest - 1, where: nearest .> x)
            whole[r] = floor
            fractions[r] = x - floor
            deficit -= floor
        }
        if network.isEmpty {
            // Many regions: each draw's units are chosen on their own.
            for lane in 0..<Lanes.scalarCount {
                for r in 0..<count {
                    one.units[r] = whole[r][lane]
                    one.fractions[r] = fractions[r][lane]
                }
                one.award(missing: Int(deficit[lane]))
                for r in 0..<count { whole[r][lane] = one.units[r] }
            }
        } else {
            award(deficit: deficit, shares: shares, width: width, at: j, base: base, remainder: remainder, total: total)
        }
        for r in 0..<count {
            let target = UnsafeMutableRawPointer(output + r * width + j)
            let previous = accumulate ? target.loadUnaligned(as: Lanes.self) : Lanes()
            target.storeBytes(of: previous + whole[r], as: Lanes.self)
        }
    }

    /// The missing units of sixteen draws through the sorting network.
    private func award(deficit: Lanes, shares: UnsafePointer<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64) {
        let count = regions
        // Remainders cut (not rounded) to the 24 bits of single precision: the comparisons
        // below can then run on them in double precision and give the same answers.
        let single = Masks(repeating: ~(1 << 29 - 1))
        for r in 0..<count {
            fractions[r] = unsafeBitCast(unsafeBitCast(fractions[r], to: Masks.self) & single, to: Lanes.self)
            keys[r] = Keys(fractions[r])
            sorted[r] = keys[r]
        }
        if count <= 16 {
            SortingNetwork.sortSixteen(sorted)
        } else {
            // Descending: each comparator leaves the larger value in its first slot.
            for (first, second) in network {
                let a = sorted[first], b = sorted[second]
                sorted[first] = a.replacing(with: b, where: a .< b)
                sorted[second] = b.replacing(with: a, where: a .< b)
            }
        }
        // The deficit-th largest remainder (threshold) and the one after it; no unit when
        // the deficit is 0, a unit for everyone when it reaches the number of regions.
        let missing = Keys(deficit)
        let regionCount = Keys(repeating: Float(count))
        var threshold = Keys(repeating: .infinity).replacing(with: -.infinity, where: missing .>= regionCount)
        var next = Keys(repeating: -.infinity)
        for i in 0..<count {
            let position = Keys(repeating: Float(i))
            threshold.replace(with: sorted[i], where: missing .== position + 1)
            next.replace(with: sorted[i], where: missing .== position)
        }
        let cut = Lanes(threshold)
        for r in 0..<count {
            whole[r] = whole[r].replacing(with: whole[r] + 1, where: fractions[r] .>= cut)
        }
        let ties = (threshold .== next) .& (missing .>= 1) .& (missing .< regionCount)
        if any(ties) {
            for lane in 0..<Lanes.scalarCount where ties[lane] {
                one.round(shares: shares, width: width, at: j + lane, base: base, remainder: remainder, total: total)
                for r in 0..<count { whole[r][lane] = one.units[r] }
            }
        }
    }
}

/// Largest remainder for a single draw, any number of regions: the remainders are
/// bucketed, regions in buckets above the one where the deficit-th largest falls get a
/// unit, and that bucket's few regions are ranked exactly (remainder descending, index
/// ascending). Scratch is allocated once.
final class OneDraw {
    static let buckets = 256
    let regions: Int
    /// Whole units per region (the floors, then with the awarded units).
    let units: UnsafeMutableBufferPointer<Double>
    /// The remainders above the floors.
    let fractions: UnsafeMutableBufferPointer<Double>
    private let bucketCounts: UnsafeMutableBufferPointer<Int>
    private let bucketOf: UnsafeMutableBufferPointer<Int>
    private let candidates: UnsafeMutableBufferPointer<Int>

    init(regions: Int) {
        self.regions = regions
        candidates = .allocate(capacity: regions)
        candidates.initialize(repeating: 0)
        units = .allocate(capacity: regions)
        fractions = .allocate(capacity: regions)
        bucketOf = .allocate(capacity: regions)
        bucketCounts = .allocate(capacity: Self.buckets)
        for buffer in [units, fractions] { buffer.initialize(repeating: 0) }
        for buffer in [bucketOf, bucketCounts] { buffer.initialize(repeating: 0) }
    }

    deinit {
        units.deallocate()
        fractions.deallocate()
        bucketOf.deallocate()
        bucketCounts.deallocate()
        candidates.deallocate()
    }

    func round(shares: UnsafePointer<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64) {
        let (units, fractions) = (self.units, self.fractions)
        var deficit = Double(total)
        base.withUnsafeBufferPointer { base in
            for r in 0..<regions {
                let x = base[r] + remainder * shares[r * width + j]
                let floor = x.rounded(.down)
                units[r] = floor
                fractions[r] = x - floor
                deficit -= floor
            }
        }
        award(missing: Int(deficit))
    }

    /// Adds the `missing` units to `units` by `fractions`.
    func award(missing: Int) {
        let (units, fractions, bucketOf, bucketCounts) = (self.units, self.fractions, self.bucketOf, self.bucketCounts)
        guard missing > 0 else { return }
        guard missing < regions else {
            for r in 0..<regions { units[r] += 1 }
            return
        }
        let buckets = Self.buckets
        for b in 0..<buckets { bucketCounts[b] = 0 }
        for r in 0..<regions {
            let bucket = Swift.min(Int(fractions[r] * Double(buckets)), buckets - 1)
            bucketOf[r] = bucket
            bucketCounts[bucket] &+= 1
        }
        var above = 0
        var boundary = buckets - 1
        while boundary > 0, above + bucketCounts[boundary] < missing {
            above += bucketCounts[boundary]
            boundary -= 1
        }
        // Branch-free: which side of the boundary a remainder falls is unpredictable.
        var tied = 0
        for r in 0..<regions {
            let bucket = bucketOf[r]
            units[r] += bucket > boundary ? 1 : 0
            candidates[tied] = r
            tied &+= bucket == boundary ? 1 : 0
        }
        var ranked = UnsafeMutableBufferPointer<Int>(rebasing: candidates[0..<tied])
        ranked.sort { (a: Int, b: Int) -> Bool in
            let (x, y) = (fractions[a], fractions[b])
            return x != y ? x > y : a < b
        }
        for r in ranked.prefix(missing - above) { units[r] += 1 }
    }
}
