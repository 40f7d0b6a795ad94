/// Largest-remainder rounding of one block of draws (`shares[r * width + j]`): for each
/// draw the unrounded amounts `base[r] + remainder * share` are floored and the units still
/// missing go to the largest remainders, ties to the lowest region (code order), exactly
/// as the core's allocator does.
///
/// Eight draws at a time in SIMD lanes: the remainders, rounded to single precision (which
/// keeps their order, or makes them equal), are sorted by a sorting network, and a region
/// gets a unit when its remainder is at least the deficit-th largest. When that one is
/// not strictly above the next largest, exact remainders and the index must decide, and
/// the draw is done one at a time in double precision, as are many regions and the draws
/// of a block's ragged end.
final class LargestRemainderKernel {
    typealias Lanes = SIMD8<Double>
    typealias Keys = SIMD8<Float>
    let regions: Int
    private let network: [(Int, Int)]
    private let whole: UnsafeMutablePointer<Lanes>
    private let keys: UnsafeMutablePointer<Keys>
    private let sorted: UnsafeMutablePointer<Keys>
    private let one: OneDraw

    /// Regions up to which the sorting network is used.
    static let networkRegions = 32

    init(regions: Int) {
        self.regions = regions
        network = regions <= Self.networkRegions ? SortingNetwork.comparators(count: regions) : []
        whole = .allocate(capacity: regions)
        whole.initialize(repeating: Lanes(), count: regions)
        keys = .allocate(capacity: regions)
        sorted = .allocate(capacity: regions)
        for buffer in [keys, sorted] { buffer.initialize(repeating: Keys(), count: regions) }
        one = OneDraw(regions: regions)
    }

    deinit {
        whole.deallocate()
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
        if regions <= Self.networkRegions {
            while j + Lanes.scalarCount <= width {
                lanes(shares: shares, width: width, at: j, base: base, remainder: remainder, total: total, into: output, accumulate: accumulate)
                j += Lanes.scalarCount
            }
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
            keys[r] = Keys(x - floor)
            sorted[r] = keys[r]
            deficit -= floor
        }
        // Descending: each comparator leaves the larger value in its first slot.
        for (first, second) in network {
            let a = sorted[first], b = sorted[second]
            sorted[first] = a.replacing(with: b, where: a .< b)
            sorted[second] = b.replacing(with: a, where: a .< b)
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
        let (none, unit) = (Keys(), Keys(repeating: 1))
        for r in 0..<count {
            whole[r] += Lanes(none.replacing(with: unit, where: keys[r] .>= threshold))
        }
        let ties = (threshold .== next) .& (missing .>= 1) .& (missing .< regionCount)
        if any(ties) {
            for lane in 0..<Lanes.scalarCount where ties[lane] {
                one.round(shares: shares, width: width, at: j + lane, base: base, remainder: remainder, total: total)
                for r in 0..<count { whole[r][lane] = one.units[r] }
            }
        }
        for r in 0..<count {
            let target = UnsafeMutableRawPointer(output + r * width + j)
            let previous = accumulate ? target.loadUnaligned(as: Lanes.self) : Lanes()
            target.storeBytes(of: previous + whole[r], as: Lanes.self)
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
    let units: UnsafeMutableBufferPointer<Double>
    private let fractions: UnsafeMutableBufferPointer<Double>
    private let bucketCounts: UnsafeMutableBufferPointer<Int>
    private let bucketOf: UnsafeMutableBufferPointer<Int>
    private var candidates: [Int] = []

    init(regions: Int) {
        self.regions = regions
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
    }

    func round(shares: UnsafePointer<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64) {
        let (units, fractions, bucketOf, bucketCounts) = (self.units, self.fractions, self.bucketOf, self.bucketCounts)
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
        let missing = Int(deficit)
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
            bucketCounts[bucket] += 1
        }
        var above = 0
        var boundary = buckets - 1
        while boundary > 0, above + bucketCounts[boundary] < missing {
            above += bucketCounts[boundary]
            boundary -= 1
        }
        candidates.removeAll(keepingCapacity: true)
        for r in 0..<regions {
            if bucketOf[r] > boundary {
                units[r] += 1
            } else if bucketOf[r] == boundary {
                candidates.append(r)
            }
        }
        candidates.sort { a, b in fractions[a] != fractions[b] ? fractions[a] > fractions[b] : a < b }
        for r in candidates.prefix(missing - above) { units[r] += 1 }
    }
}
