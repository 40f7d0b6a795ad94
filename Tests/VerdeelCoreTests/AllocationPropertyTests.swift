import PropertyBased
import Testing
import VerdeelCore

/// Properties that hold for every region table and budget (docs/allocation-rules.md): exact totals, no
/// dependence on row order, monotone criterion shares, limits that hold when feasible.
struct AllocationPropertyTests {
    /// Up to 25 regions with random inhabitants and land areas.
    static let inhabitants = Gen.int(in: 1...1_000_000).array(of: 1...25)
    static let areas = Gen.double(in: 0.01...900).array(of: 25)

    static func table(_ inhabitants: [Int], _ areas: [Double], order: [Int]? = nil) throws -> RegionTable {
        let rows = order ?? Array(inhabitants.indices)
        return try RegionTable(
            regions: rows.map { Region(code: "GM\(1000 + $0)", name: "region \($0)") },
            indicators: ["inhabitants": rows.map { Double(inhabitants[$0]) }, "area": rows.map { areas[$0] }])
    }

    static func measure(budget: Int, topslicePercent: Int, base: Int) -> Measure {
        Measure(
            name: "property", budgets: [2026: Money(euros: Int64(budget))],
            topslices: [Topslice(name: "support", .fraction(Fraction(percent: Int64(topslicePercent)) ?? .zero))],
            base: Base(.uniform(Money(euros: Int64(base))), ifInfeasible: .scale),
            key: Key([
                .init(.indicator("inhabitants"), Fraction(percent: 35) ?? .zero),
                .init(.indicator("area"), Fraction(percent: 65) ?? .zero),
            ]))
    }

    @Test func roundedAmountsAndTopslicesAddUpExactlyToTheBudget() async {
        await propertyCheck(count: 300, input: Self.inhabitants, Self.areas, Gen.int(in: 0...2_000_000_000), Gen.int(in: 0...100)) { inhabitants, areas, budget, percent in
            let base = budget / (inhabitants.count * 2 + 1) * (percent % 3)
            let result = try Allocator(table: Self.table(inhabitants, areas)).allocate(Self.measure(budget: budget, topslicePercent: percent / 4, base: base))
            let year = try #require(result.year(2026))
            #expect(year.distributed + year.topslices.map(\.amount).sum() == Money(euros: Int64(budget)))
            #expect(year.components[0].regions.allSatisfy { $0.amount >= .zero && abs($0.amount.euros - $0.exact) < 1 })
        }
    }

    @Test func reorderingTheRegionsChangesNoAmount() async {
        await propertyCheck(count: 200, input: Self.inhabitants, Self.areas, Gen.int(in: 0...50_000_000), Gen.int(in: 0...24)) { inhabitants, areas, budget, rotation in
            let count = inhabitants.count
            let shuffled = (0..<count).map { (count - 1 - $0 + rotation) % count }
            let measure = Self.measure(budget: budget, topslicePercent: 5, base: budget / (count * 3))
            let original = try Allocator(table: Self.table(inhabitants, areas)).allocate(measure)
            let reordered = try Allocator(table: Self.table(inhabitants, areas, order: shuffled)).allocate(measure)
            #expect(original.years[0].components[0].regions == reordered.years[0].components[0].regions)
        }
    }

    @Test func raisingOneRegionsIndicatorNeverLowersItsShare() async {
        await propertyCheck(count: 300, input: Self.inhabitants, Self.areas, Gen.int(in: 0...24), Gen.int(in: 1...5_000_000)) { inhabitants, areas, pick, raise in
            let index = pick % inhabitants.count
            var raised = inhabitants
            raised[index] += raise
            let before = try Criterion.indicator("inhabitants").shares(over: Self.table(inhabitants, areas))
            let after = try Criterion.indicator("inhabitants").shares(over: Self.table(raised, areas))
            #expect(after[index] >= before[index])
        }
    }

    @Test func capsAndFloorsHoldWheneverTheyAreFeasible() async {
        await propertyCheck(count: 300, input: Self.inhabitants, Self.areas, Gen.int(in: 1_000...10_000_000), Gen.int(in: 1...200)) { inhabitants, areas, budget, capPercent in
            let count = inhabitants.count
            let cap = Int64(budget) * Int64(capPercent) / Int64(100 * count) + 1
            let floor = Int64(budget / (4 * count))
            var measure = Self.measure(budget: budget, topslicePercent: 0, base: 0)
            measure.limits = Limits(floor: .amount(Money(euros: floor)), cap: .amount(Money(euros: cap)))
            do {
                let year = try #require(try Allocator(table: Self.table(inhabitants, areas)).allocate(measure).year(2026))
                #expect(year.distributed == Money(euros: Int64(budget)))
                #expect(year.components[0].regions.allSatisfy { $0.amount <= Money(euros: cap) && $0.amount >= Money(euros: floor) })
            } catch AllocationError.infeasibleLimits {
                #expect(cap * Int64(count) < Int64(budget))
            }
        }
    }

    @Test func perRegionLimitsHoldOrAreGenuinelyInfeasible() async {
        await propertyCheck(count: 300, input: Self.inhabitants, Self.areas, Gen.int(in: 1_000...10_000_000)) { inhabitants, areas, budget in
            let table = try Self.table(inhabitants, areas)
            let unit = Int64(budget) / Int64(3 * inhabitants.count)
            var caps = [String: Money](), floors = [String: Money]()
            for (index, region) in table.regions.enumerated() {
                caps[region.code] = Money(euros: Int64(inhabitants[index] % 7 + 1) * unit)
                floors[region.code] = Money(euros: Int64(inhabitants[index] % 3) * unit / 2)
            }
            var measure = Self.measure(budget: budget, topslicePercent: 0, base: 0)
            measure.limits = Limits(floor: .perRegion(floors), cap: .perRegion(caps))
            do {
                let year = try #require(try Allocator(table: table).allocate(measure).year(2026))
                #expect(year.distributed == Money(euros: Int64(budget)))
                for region in year.components[0].regions {
                    #expect(region.amount <= caps[region.region.code]! && region.amount >= floors[region.region.code]!)
                }
            } catch AllocationError.infeasibleLimits {
                #expect(caps.values.sum() < Money(euros: Int64(budget)) || floors.values.sum() > Money(euros: Int64(budget)))
            }
        }
    }
}
