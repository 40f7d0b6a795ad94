import Testing
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// `--set NAME=VALUE`: weights (the rest in proportion, exactly), bases, budgets and
/// top-slices set without editing the file, every mistake located in its setting.
struct ParameterSettingsTests {
    static let text = """
        scenario s {
            data {
                regions "regions.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            measure two {
                budget 2026..2028: 1M
                topslice reserve 5%
                key inhabitants 20%, area 80%
            }
            measure three {
                budget 2026: 1M
                base 10k
                key inhabitants 70%, area 10%, equal 20%
            }
            criterion area = land_area_km2
            criterion equal = 1
        }

        """

    func plan() throws -> ScenarioPlan {
        let compilation = compile(Self.text, files: ["regions.csv": TwoRegions.handWorked])
        return try #require(compilation.plans.first, "\(messages(compilation))")
    }

    func applied(_ settings: [String]) throws -> ScenarioPlan {
        try ParameterSettings(settings).apply(to: try plan()).get()
    }

    func weights(_ plan: ScenarioPlan, _ measure: String) -> [Fraction] {
        plan.measures.first { $0.id == measure }?.measure.key.terms.map(\.weight) ?? []
    }

    func errors(_ settings: [String]) throws -> [String] {
        switch ParameterSettings(settings).apply(to: try plan()) {
        case .success: return []
        case .failure(let error): return error.diagnostics.map(\.rendered)
        }
    }

    /// need 80% -> 70%: inhabitants keeps the rest, 30%.
    @Test func aWeightSetLeavesTheOtherTheRest() throws {
        let plan = try applied(["two.weight.area=70%"])
        #expect(weights(plan, "two") == [Fraction(3, 10), Fraction(7, 10)].compactMap { $0 })
        #expect(plan.name == "s (set two.weight.area=70%)")
        #expect(plan.settings == ["two.weight.area=70%"])
        #expect(weights(plan, "three") == weights(try self.plan(), "three"))
    }

    /// inhabitants 70% -> 0%: area and equal share 100% as 10 : 20, exactly 1/3 and 2/3
    /// (no decimal percentage could say so).
    @Test func theOtherWeightsKeepTheirProportionsExactly() throws {
        let plan = try applied(["three.weight.inhabitants=0%"])
        #expect(weights(plan, "three") == [.zero, Fraction(1, 3), Fraction(2, 3)].compactMap { $0 })
        // Two set: inhabitants 50%, area 30% leave equal 20%.
        let both = try applied(["three.weight.inhabitants=50%", "three.weight.area=30%"])
        #expect(weights(both, "three") == [Fraction(1, 2), Fraction(3, 10), Fraction(1, 5)].compactMap { $0 })
    }

    @Test func basesBudgetsAndTopslicesAreSet() throws {
        let plan = try applied(["three.base=200k", "two.budget.2027-2028=1.5M", "two.topslice.reserve=50k"])
        let three = try #require(plan.measures.first { $0.id == "three" }).measure
        let two = try #require(plan.measures.first { $0.id == "two" }).measure
        #expect(three.base?.amount == .uniform(Money(cents: 20_000_000)))
        #expect(two.budgets == [2026: Money(cents: 100_000_000), 2027: Money(cents: 150_000_000), 2028: Money(cents: 150_000_000)])
        #expect(two.topslices == [Topslice(name: "reserve", .amount(Money(cents: 5_000_000)))])
    }

    @Test func mistakesAreLocatedWithTheNearestName() throws {
        #expect(try errors(["two.weight.aera=70%"]) == [
            "--set:1:1: error: criterion 'aera' is not in the key of measure 'two'\n    two.weight.aera=70%\n    ^^^^^^^^^^^^^^^\n    help: did you mean 'two.weight.area'?\n",
        ])
        #expect(try errors(["tow.base=1k"]).first?.contains("help: did you mean 'two.base'?") == true)
        #expect(try errors(["two.weight.area=0.7"]).first?.hasPrefix("--set:1:17: error: a weight is a percentage") == true)
        #expect(try errors(["two.weight.area=120%"]).first?.contains("is not a share from 0% to 100%") == true)
        #expect(try errors(["three.base=200.50"]).first?.contains("under euro rounding a base is whole euros") == true)
        #expect(try errors(["two.budget.2030=1M"]).first?.contains("help: its budget years are 2026, 2027, 2028") == true)
        #expect(try errors(["three.base=-5k"]).first?.contains("cannot be negative") == true)
        #expect(try errors(["three.base"]).first?.contains("a setting is NAME=VALUE") == true)
        #expect(try errors(["three.base=1k", "three.base=2k"]).first?.contains("three.base is set twice") == true)
        #expect(try errors(["three.weight.inhabitants=50%", "three.weight.area=30%", "three.weight.equal=30%"]).first?.contains("make 110%") == true)
    }
}
