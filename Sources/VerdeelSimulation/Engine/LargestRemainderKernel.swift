import VerdeelCore

/// Largest-remainder rounding of one block of draws (`shares[r * width + j]`): for each
/// draw the unrounded amounts `base[r] + remainder * share` are floored and the units still
/// missing go to the largest remainders, ties to the lowest region (code order), exactly
/// as the core's allocator does.
///
/// Sixteen draws at a time in SIMD lanes: the remainders, cut to single precision (which
/// keeps their order, or makes them equal), are sorted by a sorting network, and a region
/// gets a unit when its remainder is at least the deficit-th largest. When that one is
/// not strictly above the next largest, the draw is done one at a time in double precision,
/// as are the draws of a block's ragged end. More than ``networkRegions`` regions find the
/// deficit-th largest remainder by a search instead (``awardBySearch``). A draw whose decision has
/// too little room for double precision (``LargestRemainder/isCloseCall(margin:scale:terms:)``,
/// with `terms` regions + criteria + 8) is decided by `exact`, in exact arithmetic.
final class LargestRemainderKernel {
    typealias Lanes = SIMD16<Double>
    typealias Keys = SIMD16<Float>
    typealias Masks = SIMD16<UInt64>
    let regions: Int
    private let network: [(Int, Int)]
    /// Per region, sixteen draws' whole units (the floors, then with the awarded units).
    let whole: MutableBufferHandle<Lanes>
    /// Per region, sixteen draws' remainders above the floors.
    let fractions: MutableBufferHandle<Lanes>
    /// The remainders in single precision, for the sorting network or the search.
    let keys: MutableBufferHandle<Keys>
    private let sorted: MutableBufferHandle<Keys>
    /// The one-draw-at-a-time way, for close calls, ties and ragged ends.
    let one: OneDraw

    /// Regions up to which the sorting network is used.
    static let networkRegions = 32

    init(regions: Int) {
        self.regions = regions
        network = regions <= Self.networkRegions ? SortingNetwork.comparators(count: regions) : []
        whole = .allocate(regions, repeating: Lanes())
        fractions = .allocate(regions, repeating: Lanes())
        keys = .allocate(regions, repeating: Keys())
        // Up to 16 regions sort in registers, padded with -infinity (which stays last).
        sorted = .allocate(Swift.max(regions, 16), repeating: Keys(repeating: -.infinity))
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
    /// `exact(j)` gives draw `j`'s units in exact arithmetic; `false` when it failed.
    func round(
        shares: BufferHandle<Double>, width: Int, base: [Double], remainder: Double, total: Int64,
        into output: MutableBufferHandle<Double>, accumulate: Bool, terms: Int, exact: (Int) -> [Int64]?
    ) -> Bool {
        withoutActuallyEscaping(exact) { exact in
            round(shares: shares, width: width, base: base, remainder: remainder, total: total, into: output, accumulate: accumulate, call: Call(terms: terms, exact: exact))
        }
    }

    private func round(
        shares: BufferHandle<Double>, width: Int, base: [Double], remainder: Double, total: Int64,
        into output: MutableBufferHandle<Double>, accumulate: Bool, call: Call
    ) -> Bool {
        var j = 0
        var succeeded = true
        while j + Lanes.scalarCount <= width {
            succeeded = lanes(shares: shares, width: width, at: j, base: base, remainder: remainder, total: total, into: output, accumulate: accumulate, call: call) && succeeded
            j += Lanes.scalarCount
        }
        while j < width {
            one.round(shares: shares, width: width, at: j, base: base, remainder: remainder, total: total)
            succeeded = one.settle(call, draw: j) && succeeded
            for r in 0..<regions {
                let units = one.units[r]
                output[r * width + j] = accumulate ? output[r * width + j] + units : units
            }
            j += 1
        }
        return succeeded
    }

    /// How close calls are recognised and decided.
    struct Call {
        let terms: Int
        let exact: (Int) -> [Int64]?
    }

    private func lanes(
        shares: BufferHandle<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64,
        into output: MutableBufferHandle<Double>, accumulate: Bool, call: Call
    ) -> Bool {
        let count = regions
        let searching = network.isEmpty
        let big = Lanes(repeating: 0x1.0p52)
        var deficit = Lanes(repeating: Double(total))
        var largest = Lanes(repeating: 0)
        for r in 0..<count {
            let share: Lanes = shares.lanes(at: r * width + j)
            let x = Lanes(repeating: base[r]) + remainder * share
            largest = largest.replacing(with: x, where: x .> largest)
            // floor(x) for 0 <= x < 2^52 without a library call: adding and subtracting 2^52
            // rounds to the nearest integer, one less when that is above x.
            let nearest = (x + big) - big
            let floor = nearest.replacing(with: nearest - 1, where: nearest .> x)
            whole[r] = floor
            fractions[r] = x - floor
            // The search's keys: the remainders rounded to single precision.
            if searching { keys[r] = Keys(x - floor) }
            deficit -= floor
        }
        var undecided = searching ? awardBySearch(deficit: deficit, largest: largest, terms: call.terms) : award(deficit: deficit, largest: largest, terms: call.terms)
        var succeeded = true
        while undecided != 0 {
            let lane = undecided.trailingZeroBitCount
            undecided &= undecided &- 1
            one.round(shares: shares, width: width, at: j + lane, base: base, remainder: remainder, total: total)
            succeeded = one.settle(call, draw: j + lane) && succeeded
            for r in 0..<count { whole[r][lane] = one.units[r] }
        }
        for r in 0..<count {
            let previous: Lanes = accumulate ? output.lanes(at: r * width + j) : Lanes()
            output.store(previous + whole[r], at: r * width + j)
        }
        return succeeded
    }

    /// Largest remainder for sixteen draws whose unrounded amounts are already worked out
    /// (`amounts[r]`, in units, 0 to 2^52), close calls judged at `scale` (per lane): the whole units in
    /// `whole`, and the lanes (one bit each) not decided here, which the caller must decide
    /// otherwise: ties, close calls, a deficit outside 0...regions.
    func round(amounts: BufferHandle<Lanes>, total: Double, scale: Lanes, terms: Int) -> UInt32 {
        let big = Lanes(repeating: 0x1.0p52)
        var deficit = Lanes(repeating: total)
        for r in 0..<regions {
            let x = amounts[r]
            let nearest = (x + big) - big
            let floor = nearest.replacing(with: nearest - 1, where: nearest .> x)
            whole[r] = floor
            fractions[r] = x - floor
            if network.isEmpty { keys[r] = Keys(x - floor) }
            deficit -= floor
        }
        var undecided = network.isEmpty
            ? awardBySearch(deficit: deficit, largest: scale, terms: terms)
            : award(deficit: deficit, largest: scale, terms: terms)
        let outside = (deficit .< 0) .| (deficit .> Lanes(repeating: Double(regions)))
        for lane in 0..<Lanes.scalarCount where outside[lane] { undecided |= 1 << lane }
        return undecided
    }

    /// The missing units of sixteen draws through the sorting network, added to `whole`;
    /// returns the lanes (one bit each) that must be done one at a time: ties and close
    /// calls at scale `largest`.
    func award(deficit: Lanes, largest: Lanes, terms: Int) -> UInt32 {
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
        // The margin of each lane's decision (see LargestRemainder.round) on the cut
        // remainders, which are within 2^-23 of the full ones.
        var (lowestWinner, highestLoser) = (Lanes(repeating: .infinity), Lanes(repeating: -.infinity))
        var (lowest, highest) = (Lanes(repeating: .infinity), Lanes(repeating: -.infinity))
        for r in 0..<count {
            let fraction = fractions[r]
            // Comparisons and blends only: they stay in vector registers.
            let wins = fraction .>= cut
            whole[r] = whole[r].replacing(with: whole[r] + 1, where: wins)
            lowestWinner = lowestWinner.replacing(with: fraction, where: wins .& (fraction .< lowestWinner))
            highestLoser = highestLoser.replacing(with: fraction, where: (fraction .< cut) .& (fraction .> highestLoser))
            lowest = lowest.replacing(with: fraction, where: fraction .< lowest)
            highest = highest.replacing(with: fraction, where: fraction .> highest)
        }
        let inside = (deficit .>= 1) .& (deficit .< Lanes(repeating: Double(count)))
        let margin = (1 + lowest - highest).replacing(with: lowestWinner - highestLoser, where: inside)
        let room = 2 * LargestRemainder.tolerance(scale: 1, terms: terms) * largest + 0x1p-22
        let close = margin .<= room
        let ties = (threshold .== next) .& (missing .>= 1) .& (missing .< regionCount)
        var undecided: UInt32 = 0
        if any(ties) || any(close) {
            for lane in 0..<Lanes.scalarCount where ties[lane] || close[lane] { undecided |= 1 << lane }
        }
        return undecided
    }
}

/// Largest remainder for a single draw, any number of regions: the remainders are
/// bucketed, regions in buckets above the one where the deficit-th largest falls get a
/// unit, and that bucket's few regions are ranked (remainder descending, index ascending).
/// The decision's margin says whether it must be made again in exact arithmetic.
/// Scratch is allocated once.
final class OneDraw {
    /// Buckets for the remainders: 256, or fewer for few regions (clearing them is per draw).
    let buckets: Int
    let regions: Int
    /// Whole units per region (the floors, then with the awarded units).
    let units: MutableBufferHandle<Double>
    /// The remainders above the floors.
    let fractions: MutableBufferHandle<Double>
    /// The largest unrounded amount (the scale of its rounding error).
    var largest = 0.0
    /// The gap between the smallest remainder given a unit and the largest not given one.
    private(set) var margin = 1.0
    private let bucketCounts: MutableBufferHandle<Int>
    private let bucketOf: MutableBufferHandle<Int>
    private let candidates: MutableBufferHandle<Int>

    init(regions: Int) {
        self.regions = regions
        buckets = Swift.max(16, Swift.min(256, regions * 2))
        candidates = .allocate(regions, repeating: 0)
        units = .allocate(regions, repeating: 0)
        fractions = .allocate(regions, repeating: 0)
        bucketOf = .allocate(regions, repeating: 0)
        bucketCounts = .allocate(buckets, repeating: 0)
    }

    deinit {
        units.deallocate()
        fractions.deallocate()
        bucketOf.deallocate()
        bucketCounts.deallocate()
        candidates.deallocate()
    }

    func round(shares: BufferHandle<Double>, width: Int, at j: Int, base: [Double], remainder: Double, total: Int64) {
        let (units, fractions) = (self.units, self.fractions)
        var deficit = Double(total)
        largest = 0
        base.withUnsafeBufferPointer { base in
            let base = BufferHandle(base)
            for r in 0..<regions {
                let x = base[r] + remainder * shares[r * width + j]
                largest = Swift.max(largest, x)
                let floor = x.rounded(.down)
                units[r] = floor
                fractions[r] = x - floor
                deficit -= floor
            }
        }
        award(missing: Int(deficit))
    }

    /// When the last decision was a close call, replaces the units by `call.exact(draw)`;
    /// `false` when that failed.
    func settle(_ call: LargestRemainderKernel.Call, draw: Int) -> Bool {
        guard LargestRemainder.isCloseCall(margin: margin, scale: largest, terms: call.terms) else { return true }
        guard let exact = call.exact(draw), exact.count == regions else { return false }
        for r in 0..<regions { units[r] = Double(exact[r]) }
        return true
    }

    /// Adds the `missing` units to `units` by `fractions`.
    func award(missing: Int) {
        let (units, fractions, bucketOf, bucketCounts) = (self.units, self.fractions, self.bucketOf, self.bucketCounts)
        guard missing > 0, missing < regions else {
            var (lowest, highest) = (Double.infinity, -Double.infinity)
            for r in 0..<regions {
                lowest = Swift.min(lowest, fractions[r])
                highest = Swift.max(highest, fractions[r])
                units[r] += missing > 0 ? 1 : 0
            }
            margin = 1 + lowest - highest
            return
        }
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
        var lowerBuckets = -Double.infinity
        for r in 0..<regions {
            let bucket = bucketOf[r]
            units[r] += bucket > boundary ? 1 : 0
            candidates[tied] = r
            tied &+= bucket == boundary ? 1 : 0
            lowerBuckets = bucket < boundary ? Swift.max(lowerBuckets, fractions[r]) : lowerBuckets
        }
        candidates.sort(0..<tied) { (a: Int, b: Int) -> Bool in
            let (x, y) = (fractions[a], fractions[b])
            return x != y ? x > y : a < b
        }
        let winners = missing - above
        for i in 0..<Swift.min(winners, tied) { units[candidates[i]] += 1 }
        // The boundary bucket holds at least `winners` regions; the first loser is the next
        // in it, or the highest remainder of the buckets below.
        let firstLoser = winners < tied ? fractions[candidates[winners]] : lowerBuckets
        margin = fractions[candidates[winners - 1]] - firstLoser
    }
}
