import Foundation
import Numerics
import Testing
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelSimulation
import VerdeelTestSupport

/// Shapley attribution worked out by hand. R1 has 1,000 inhabitants and 30 km2, R2 3,000
/// and 10 km2; A shares 1M by inhabitants 50%, area 50% (R1's share 0.5); B doubles the
/// budget, keys on inhabitants alone (R1's share 0.25) and, in the three-provision case,
/// gives a base of 100k. R1's amount is base + (budget - 2 base) x share:
///   {} 500,000   {b} 1,000,000   {k} 250,000   {x} 500,000
///   {b,k} 500,000   {b,x} 1,000,000   {k,x} 300,000   {b,k,x} 550,000
/// Two provisions (budget b, key k), the two orders averaged:
///   b = ((1,000,000 - 500,000) + (500,000 - 250,000)) / 2 = 375,000, k = -375,000.
/// Three (weights 1/3, 1/6, 1/6, 1/3 over subsets of size 0, 1, 1, 2):
///   b = 500,000/3 + 250,000/6 + 500,000/6 + 250,000/3 = 375,000
///   k = -250,000/3 - 500,000/6 - 200,000/6 - 450,000/3 = -350,000
///   x = 0/3 + 0/6 + 50,000/6 + 50,000/3 = 25,000; together 50,000 = 550,000 - 500,000.
@Suite struct ShapleyAttributionTests {
    static func file(_ b: String) -> String {
        """
        scenario a {
            data {
                regions "regions.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            criterion area = land_area_km2
            measure m {
                budget 2026: 1M
                key inhabitants 50%, area 50%
            }
        }
        scenario b extends a {
            measure m {
        \(b)
            }
        }
        """
    }

    func explain(_ text: String) throws -> ShapleyAttribution {
        let scenario = InMemoryScenario(text, folder: "shapley")
        #expect(scenario.compilation.diagnostics.isEmpty, "\(scenario.compilation.diagnostics.map(\.rendered))")
        let runs = try scenario.runs()
        return try ShapleyAttribution.explain(runs[0], runs[1], read: scenario.read)
    }

    func contributions(_ attribution: ShapleyAttribution, region: String) throws -> [String: Double] {
        let c = try #require(attribution.cells.firstIndex { $0.measure == "m" && $0.year == 2026 && $0.region == region })
        return Dictionary(uniqueKeysWithValues: attribution.provisions.enumerated().map { ($1.description, attribution.contributions[c][$0]) })
    }

    @Test func twoProvisionsByHand() throws {
        let attribution = try explain(Self.file("        budget 2026: 2M\n        key inhabitants 100%"))
        #expect(attribution.provisions.map(\.description) == ["m budget 2026", "m key"])
        let r1 = try contributions(attribution, region: "R1"), r2 = try contributions(attribution, region: "R2")
        #expect((r1["m budget 2026"] ?? 0).isApproximatelyEqual(to: 375_000, relativeTolerance: 2e-12) && (r1["m key"] ?? 0).isApproximatelyEqual(to: -375_000, relativeTolerance: 2e-12))
        #expect((r2["m budget 2026"] ?? 0).isApproximatelyEqual(to: 625_000, relativeTolerance: 2e-12) && (r2["m key"] ?? 0).isApproximatelyEqual(to: 375_000, relativeTolerance: 2e-12))
    }

    @Test func threeProvisionsByHandAddUpToTheChange() throws {
        let attribution = try explain(Self.file("        budget 2026: 2M\n        key inhabitants 100%\n        base 100k"))
        let r1 = try contributions(attribution, region: "R1")
        #expect((r1["m budget 2026"] ?? 0).isApproximatelyEqual(to: 375_000, relativeTolerance: 2e-12))
        #expect((r1["m key"] ?? 0).isApproximatelyEqual(to: -350_000, relativeTolerance: 2e-12))
        #expect((r1["m base"] ?? 0).isApproximatelyEqual(to: 25_000, relativeTolerance: 4e-11))
        for (c, contributions) in attribution.contributions.enumerated() {
            #expect(contributions.reduce(0, +).isApproximatelyEqual(to: attribution.exactChange[c], absoluteTolerance: 1e-6, relativeTolerance: 1e-11))
        }
    }

    /// A floor of 0 can never bind: its contribution is exactly 0 everywhere.
    @Test func aNullProvisionGetsZero() throws {
        let attribution = try explain(Self.file("        budget 2026: 2M\n        floor 0"))
        let floor = try #require(attribution.provisions.firstIndex { $0.description == "m floor" })
        #expect(attribution.contributions.allSatisfy { $0[floor] == 0 })
    }

    @Test func theOrderOfTheProvisionsDoesNotMatter() throws {
        let one = try explain(Self.file("        budget 2026: 2M\n        key inhabitants 100%\n        base 100k"))
        let other = try explain(Self.file("        base 100k\n        key inhabitants 100%\n        budget 2026: 2M"))
        #expect(one.provisions == other.provisions && one.contributions == other.contributions)
    }

    /// Thirteen budget years, each changing only its own year: above twelve provisions the
    /// orders are sampled, and in this additive game every order gives each year's change,
    /// so the estimate is exact with standard error 0.
    @Test func manyProvisionsAreSampled() throws {
        let years = (2026...2038).map { "\($0): 1M" }.joined(separator: ", ")
        let changed = (2026...2038).map { "\($0): \(2 + $0 - 2026)M" }.joined(separator: ", ")
        let text = Self.file("        budget \(changed)").replacingOccurrences(of: "budget 2026: 1M\n", with: "budget \(years)\n")
        let attribution = try explain(text)
        #expect(attribution.provisions.count == 13)
        let errors = try #require(attribution.standardErrors)
        let c = try #require(attribution.cells.firstIndex { $0.measure == "m" && $0.year == 2030 && $0.region == "R1" })
        let year2030 = try #require(attribution.provisions.firstIndex { $0.description == "m budget 2030" })
        #expect(attribution.contributions[c][year2030].isApproximatelyEqual(to: 5_000_000 * 0.5, relativeTolerance: 4e-13))
        #expect(attribution.contributions[c].reduce(0, +).isApproximatelyEqual(to: attribution.exactChange[c], absoluteTolerance: 1e-6, relativeTolerance: 1e-11))
        #expect(errors[c].allSatisfy { $0 < 1e-6 })
    }
}
