import Testing
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// `set NAME = VALUE` in a scenario: what `--set` does, written in the file (what the
/// workbench's "save as scenario" writes), applied after every declaration of the chain.
struct SetStatementTests {
    static let parent = """
        scenario s {
            data {
                regions "regions.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            measure three {
                budget 2026..2027: 1M
                base 10k
                topslice reserve 5%
                key inhabitants 70%, area 10%, equal 20%
            }
            criterion area = land_area_km2
            criterion equal = 1
        }

        """

    func plans(_ children: String) throws -> [String: ScenarioPlan] {
        let compilation = compile(Self.parent + children, files: ["regions.csv": TwoRegions.handWorked])
        #expect(compilation.diagnostics.isEmpty, "\(messages(compilation))")
        return Dictionary(uniqueKeysWithValues: compilation.plans.map { ($0.name, $0) })
    }

    func measure(_ plan: ScenarioPlan?) throws -> Measure {
        try #require(plan?.measures.first { $0.id == "three" }).measure
    }

    /// inhabitants 70% -> 0%: area and equal share 100% as 10 : 20, exactly 1/3 and 2/3; the
    /// scenario keeps its own name and title, and its settings are its file's, not recorded apart.
    @Test func aSetWeightLeavesTheOthersTheirProportionsExactly() throws {
        let plans = try plans("""
            scenario what_if extends s {
                title "What if"
                set three.weight.inhabitants = 0%
                set three.base=20k
                set three.budget.2027 = 1.5M
                set three.topslice.reserve = 50k
            }

            """)
        let changed = try measure(plans["what_if"])
        #expect(changed.key.terms.map(\.weight) == [.zero, Fraction(1, 3), Fraction(2, 3)].compactMap { $0 })
        #expect(changed.base?.amount == .uniform(Money(cents: 2_000_000)))
        #expect(changed.budgets == [2026: Money(cents: 100_000_000), 2027: Money(cents: 150_000_000)])
        #expect(changed.topslices == [Topslice(name: "reserve", .amount(Money(cents: 5_000_000)))])
        #expect(plans["what_if"]?.name == "what_if" && plans["what_if"]?.title == "What if" && plans["what_if"]?.settings == nil)
        #expect(try measure(plans["s"]).key.terms.map(\.weight) == [Fraction(7, 10), Fraction(1, 10), Fraction(1, 5)].compactMap { $0 })
    }

    /// A child's `set` of a name replaces its parent's; other names stack; a key the child
    /// declares is declared first and the settings then applied to it.
    @Test func aChildReplacesItsParentsSettingOfTheSameName() throws {
        let plans = try plans("""
            scenario first extends s {
                set three.weight.area = 30%
                set three.base = 20k
            }
            scenario second extends first {
                set three.weight.area = 50%
            }
            scenario third extends first {
                measure three {
                    key inhabitants 50%, area 25%, equal 25%
                }
            }

            """)
        // first: area 30%; inhabitants and equal share 70% as 70 : 20.
        #expect(try measure(plans["first"]).key.terms.map(\.weight) == [Fraction(49, 90), Fraction(3, 10), Fraction(7, 45)].compactMap { $0 })
        // second: area 50%, inhabitants and equal 50% as 70 : 20; the base still first's 20k.
        let second = try measure(plans["second"])
        #expect(second.key.terms.map(\.weight) == [Fraction(7, 18), Fraction(1, 2), Fraction(1, 9)].compactMap { $0 })
        #expect(second.base?.amount == .uniform(Money(cents: 2_000_000)))
        // third: its own key, then area 30%: inhabitants and equal 70% as 50 : 25.
        #expect(try measure(plans["third"]).key.terms.map(\.weight) == [Fraction(7, 15), Fraction(3, 10), Fraction(7, 30)].compactMap { $0 })
    }

    @Test func mistakesAreReportedAtTheStatement() throws {
        let compilation = compile(Self.parent + """
            scenario what_if extends s {
                set three.weight.aera = 70%
            }
            scenario twice extends s {
                set three.base = 1k
                set three.base = 2k
            }
            scenario unnamed extends s {
                set = 5%
            }

            """, files: ["regions.csv": TwoRegions.handWorked])
        let found = messages(compilation)
        #expect(found.contains { $0.hasPrefix("test.verdeel:18:9: error: criterion 'aera' is not in the key of measure 'three'") && $0.contains("help: did you mean 'three.weight.area'?") })
        #expect(found.contains { $0.hasPrefix("test.verdeel:22:5: error: scenario 'twice' declares set three.base twice (first at test.verdeel:21:5)") })
        #expect(found.contains { $0.hasPrefix("test.verdeel:25:9: error: expected a parameter's name and '=' after 'set'") })
        #expect(found.count == 3, "\(found)")
    }

    @Test func formatPrintsTheCanonicalSpacing() throws {
        let text = "scenario s {\n    set   three.base=20k   # a comment\n}\n"
        #expect(Formatter.format(text, name: "s.verdeel") == "scenario s {\n    set three.base = 20k # a comment\n}\n")
    }
}
