import Testing
import VerdeelCore
import VerdeelRandom
@testable import VerdeelSimulation

/// The engine's lean way for draws of a pool with floors or caps against the core's own
/// pool distribution (bisection for the level, then largest remainder) on the same shares:
/// every draw it decides, sixteen at a time, must get the core's units, whether a bound
/// binds in it or not, and it must decide nearly all of them.
@Suite struct LimitedLanesTests {
    static let regions = 13

    static func table() throws -> RegionTable {
        try RegionTable(
            regions: (0..<regions).map { Region(code: "GM\(1000 + $0)", name: "region \($0)") },
            indicators: ["inhabitants": (0..<regions).map { Double(1_000 * ($0 + 1)) }])
    }

    /// A pool of 1,000,003 euros with a base of 10,000 each, floors of 40,000 and caps of
    /// 150,000 (`floor`/`cap` nil leave them out); shares drawn from Philox, skewed so that
    /// small regions fall below the floor and large ones above the cap in many draws.
    func check(floor: Int64?, cap: Int64?, draws: Int = 2_000, decidedPercent: Int = 99) throws {
        let table = try Self.table()
        var measure = Measure(
            name: "bound", budgets: [2026: Money(euros: 1_000_003)], base: Base(.uniform(Money(euros: 10_000))),
            key: Key([.init(.indicator("inhabitants"), .one)]))
        measure.limits = Limits(floor: floor.map { .amount(Money(euros: $0)) }, cap: cap.map { .amount(Money(euros: $0)) })
        let pool = try LimitedPool(measure, year: 2026, table: table)
        let total: Int64 = 1_000_003
        let form = try #require(pool.unlimited(total: total))
        #expect(form.base == Array(repeating: 10_000, count: Self.regions))
        #expect(form.remainder == Double(total) - 130_000)
        let lanes = LimitedLanes(kernel: LargestRemainderKernel(regions: Self.regions))
        let generator = Philox(seed: 11)
        var (binding, decidedInLanes) = (0, 0)
        var (group, groupCore) = ([(shares: [Double], binds: Bool)](), [LimitedPool.Shared]())
        for d in 0..<draws {
            let raw = (0..<Self.regions).map { r in
                let u = generator.uniforms(draw: d, stream: r, index: 0).0
                return u * u * u * Double(r + 1)
            }
            let sum = raw.reduce(0, +)
            let shares = raw.map { $0 / sum }
            let core = try pool.share(total: total, keyShares: shares, keyTerms: 1) {
                ExactKey([ExactKey.Term(weight: .one, values: raw)])
            }
            let starts = shares.map { 10_000 + form.remainder * $0 }
            let binds = starts.indices.contains { starts[$0] < form.lower[$0] || starts[$0] > form.upper[$0] }
            binding += binds ? 1 : 0
            group.append((shares, binds))
            groupCore.append(core)
            if group.count == 16 || d == draws - 1 {
                decidedInLanes += checkLanes(lanes, group, groupCore, form: form, total: total)
                (group, groupCore) = ([], [])
            }
        }
        #expect(decidedInLanes >= draws * decidedPercent / 100, "decided \(decidedInLanes) of \(draws) sixteen at a time")
        #expect(binding > draws / 4, "the limits bind in \(binding) of \(draws) draws")
    }

    /// Up to sixteen consecutive draws (`draws[lane].shares[region]`) through
    /// ``LimitedLanes``: the lanes it finds outside the bounds must be the draws in which a
    /// bound binds; each decided lane (as without limits where none binds, with them where
    /// one does) must get the core's units, and its amounts before rounding bit for bit;
    /// returns how many were decided.
    func checkLanes(_ lanes: LimitedLanes, _ draws: [(shares: [Double], binds: Bool)], _ core: [LimitedPool.Shared], form: LimitedPool.Unlimited, total: Int64) -> Int {
        // Region-major with a stride of 16, the draws after one unused column.
        var matrix = [Double](repeating: 0, count: Self.regions * 17)
        for (lane, draw) in draws.enumerated() { for r in 0..<Self.regions { matrix[r * 17 + 1 + lane] = draw.shares[r] } }
        let outside = matrix.withUnsafeBufferPointer { m in
            lanes.load(keyShares: BufferHandle(m), stride: 17, first: 1, count: draws.count, base: form.base, remainder: form.remainder, lower: form.lower, upper: form.upper)
        }
        #expect(outside == draws.indices.reduce(0) { $0 | (draws[$1].binds ? 1 << $1 : 0) })
        var decided = 0
        let terms = Self.regions + 9
        for binding in [false, true] {
            let undecided = binding
                ? lanes.roundLimited(total: total, lower: form.lower, upper: form.upper, terms: terms)
                : lanes.roundUnlimited(total: total, lower: form.lower, upper: form.upper, terms: terms)
            for lane in draws.indices where undecided & (1 << lane) == 0 && draws[lane].binds == binding {
                decided += 1
                #expect((0..<Self.regions).map { Int64(lanes.units(region: $0)[lane]) } == core[lane].units, "lane \(lane)")
                #expect((0..<Self.regions).map { lanes.unrounded(region: $0)[lane] } == core[lane].unrounded, "lane \(lane)")
            }
        }
        return decided
    }

    @Test func floorsThatBind() throws { try check(floor: 40_000, cap: nil) }
    @Test func capsThatBind() throws { try check(floor: nil, cap: 150_000) }
    /// Holding floors and caps at once can overshoot until no region is free: such draws
    /// (about 2 in 100 here) go to the core.
    @Test func floorsAndCapsTogether() throws { try check(floor: 40_000, cap: 150_000, decidedPercent: 95) }

    /// Floors that need more than the pool, and caps that allow less: never decided here
    /// (the core reports them as infeasible).
    @Test func infeasibleBoundsAreLeftToTheCore() throws {
        let lanes = LimitedLanes(kernel: LargestRemainderKernel(regions: 3))
        let shares = [0.2, 0.3, 0.5]
        for (lower, upper) in [([400.0, 400, 400], [Double.infinity, .infinity, .infinity]), ([0, 0, 0], [100, 100, 100]), ([50, 0, 0], [40, 1_000, 1_000])] {
            let outside = shares.withUnsafeBufferPointer { s in
                lanes.load(keyShares: BufferHandle(s), stride: 1, first: 0, count: 1, base: [0, 0, 0], remainder: 1_000, lower: lower, upper: upper)
            }
            #expect(outside == 1)
            #expect(lanes.roundLimited(total: 1_000, lower: lower, upper: upper, terms: 12) == 1)
        }
    }
}
