import Foundation
import Testing
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// The sensitivity block: every factor kind lowered, the format round trip, and each
/// mistake a located message. The block's header is line 19, its statements start on
/// line 20 at column 9.
struct SensitivityBlockTests {
    static let header = """
        scenario s {
            data {
                regions "data/municipalities-2024.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            criterion area = land_area_km2
            measure m {
                budget 2026: 1M, 2027: 2M
                topslice support 5%
                base 10k
                key inhabitants 50%, area 50%
            }
            montecarlo {
                perturb inhabitants normal sd 1%
                draws 10
            }

        """

    static func block(_ head: String = "sobol 64 seed 3", _ lines: String...) -> String {
        header + "    sensitivity \(head) {\n" + lines.map { "        " + $0 }.joined(separator: "\n") + "\n    }\n}\n"
    }

    func diagnostics(_ text: String) -> [String] {
        messages(compile(text)).map { rendered in
            let lines = rendered.split(separator: "\n").map(String.init)
            return ([lines[0]] + lines.filter { $0.hasPrefix("    help: ") }.map { $0.trimmingCharacters(in: .whitespaces) }).joined(separator: " | ")
        }
    }

    @Test func everyFactorKind() throws {
        let text = Self.block("sobol 64 seed 3", "weight m area from 20% to 80%", "base m from 5k to 20k", "budget m 2026..2027 from 1M to 3M",
                              "topslice m support from 2% to 8%", "perturb inhabitants per region", "second_order", "bootstrap 50", "dummy")
        let compilation = compile(text)
        let plan = try #require(compilation.plans.first?.sensitivity)
        #expect(plan.method == .sobol && plan.count == 64 && plan.seed == 3 && plan.secondOrder && plan.bootstrap == 50 && plan.dummy)
        #expect(plan.factors.map(\.name) == ["m.weight.area", "m.base", "m.budget.2026-2027", "m.topslice.support", "perturb.inhabitants"])
        guard case .weight(_, _, let low, let high) = plan.factors[0].kind, case .base(_, let baseLow, let baseHigh) = plan.factors[1].kind,
              case .topslice(_, _, let sliceLow, _, true) = plan.factors[3].kind, case .perturbation(_, true) = plan.factors[4].kind
        else { Issue.record("factor kinds"); return }
        #expect(low == 0.2 && high == 0.8 && baseLow == 5000 && baseHigh == 20000 && sliceLow == 0.02)
        #expect(compilation.sources.location(of: plan.declaredAt).hasSuffix("test.verdeel:19:17"))
    }

    /// Two factors that write one parameter cannot be told apart: the key with one of its
    /// weights, the two weights of a two-criterion key (inhabitants and area here: each fixes
    /// the other), budgets of one measure in overlapping years.
    @Test func factorsThatSetOneParameterAreRefused() throws {
        let key = diagnostics(Self.block("sobol 64", "weight m area from 20% to 80%", "key m"))
        #expect(key.count == 1 && key[0].contains("m.key sets the same parameter as m.weight.area"))
        let weights = diagnostics(Self.block("sobol 64", "weight m area from 20% to 80%", "weight m inhabitants from 20% to 80%"))
        #expect(weights.count == 1 && weights[0].contains("m.weight.inhabitants sets the same parameter as m.weight.area"))
        let budgets = diagnostics(Self.block("sobol 64", "budget m 2026..2027 from 1M to 3M", "budget m 2027 from 1M to 2M"))
        #expect(budgets.count == 1 && budgets[0].contains("m.budget.2027 sets the same parameter as m.budget.2026-2027"))
        #expect(diagnostics(Self.block("sobol 64", "key m", "base m from 5k to 20k")).isEmpty)
    }

    @Test func groupsOfFactors() throws {
        let text = Self.block("sobol 64", "group money {", "    base m from 5k to 20k", "    topslice m support from 2% to 8%", "}", "key m")
        let plan = try #require(compile(text).plans.first?.sensitivity)
        #expect(plan.factors.map(\.group) == ["money", "money", nil])
        let formatted = try #require(Formatter.format(text, name: "test.verdeel"))
        #expect(formatted.contains("        group money {\n            base m from 5k to 20k\n            topslice m support from 2% to 8%\n        }\n        key m\n"))
        #expect(diagnostics(Self.block("sobol 64", "group empty {", "}", "key m")) == [
            "test.verdeel:20:15: error: group 'empty' names no factor | help: put factor lines inside it, e.g. base wijk from 150k to 210k",
        ])
        #expect(diagnostics(Self.block("sobol 64", "group g {", "    perturb inhabitants per region", "}", "key m")) == [
            "test.verdeel:21:13: error: a perturbation 'per region' has a group per region, so it cannot be in group 'g' | help: leave out 'per region' or move the line out of the group",
        ])
        #expect(diagnostics(Self.block("sobol 64", "group g {", "    dummy", "}")).contains { $0.hasPrefix("test.verdeel:21:13: error: unknown statement 'dummy' in a group of factors") })
    }

    @Test func formatsAndReadsBack() throws {
        let text = Self.block("morris 20", "weight m area from 20% to 80%", "perturb inhabitants", "levels 6", "dummy")
        let formatted = try #require(Formatter.format(text, name: "test.verdeel"))
        #expect(formatted.contains("    sensitivity morris 20 {\n        weight m area from 20% to 80%\n        perturb inhabitants\n        levels 6\n        dummy\n    }"))
        #expect(Formatter.format(formatted, name: "test.verdeel") == formatted)
        let plan = try #require(compile(formatted).plans.first?.sensitivity)
        #expect(plan.method == .morris && plan.levels == 6 && plan.factors.count == 2)
        let stop = Self.block("sobol 64", "key m", "until width 0.05 max 1024")
        let stopFormatted = try #require(Formatter.format(stop, name: "test.verdeel"))
        #expect(stopFormatted.contains("        until width 0.05 max 1024\n"))
        let rule = try #require(compile(stopFormatted).plans.first?.sensitivity?.stopRule)
        #expect(rule.width == 0.05 && rule.maximum == 1024)
        #expect(compile(Self.block("sobol 64", "key m", "until width 0.05")).plans.first?.sensitivity?.stopRule?.maximum == 1024)
    }

    @Test func locatedErrors() {
        #expect(diagnostics(Self.block("sobl 64", "dummy")) == ["test.verdeel:19:17: error: unknown sensitivity method 'sobl' | help: did you mean 'sobol'?"])
        #expect(diagnostics(Self.block("sobol 64", "weight m inhabitant from 10% to 20%")) == [
            "test.verdeel:20:18: error: criterion 'inhabitant' is not in the key of measure 'm' (inhabitants, area) | help: did you mean 'inhabitants'?",
        ])
        #expect(diagnostics(Self.block("sobol 64", "base m from 20k to 5k")) == ["test.verdeel:20:21: error: the range 20k to 5k runs backwards | help: write from 5k to 20k"])
        #expect(diagnostics(Self.block("sobol 64", "base m from 5k to 5k")) == ["test.verdeel:20:21: error: the range 5k to 5k is empty; a factor needs a range to vary over | help: widen the range"])
        #expect(diagnostics(Self.block("sobol 64", "perturb land_area_km2")) == [
            "test.verdeel:20:17: error: 'land_area_km2' is not perturbed in the montecarlo block | help: add to the montecarlo block: perturb land_area_km2 normal sd 1%",
        ])
        #expect(diagnostics(Self.block("sobol 64", "topslice m suport from 1% to 2%")) == ["test.verdeel:20:20: error: measure 'm' has no top-slice 'suport' | help: did you mean 'support'?"])
        #expect(diagnostics(Self.block("sobol 64", "key m", "levels 4")) == ["test.verdeel:21:9: error: grid levels are a Morris analysis's | help: remove levels, or use sensitivity morris"])
        #expect(diagnostics(Self.block("sobol 64", "key m", "key m")) == ["test.verdeel:21:9: error: m.key is a factor twice | help: give each factor one line"])
        #expect(diagnostics(Self.block("sobol 1", "key m")) == ["test.verdeel:19:23: error: the number of base points must be a whole number from 2 to 1048576, not 1"])
        #expect(diagnostics(Self.block("sobol 64", "second_order")).first?.hasPrefix("test.verdeel:19:17: error: the sensitivity block has no factors") == true)
        #expect(diagnostics(Self.block("morris 10", "key m", "until width 0.05")) == ["test.verdeel:21:9: error: the stop rule is a Sobol analysis's | help: remove until, or use sensitivity sobol"])
        #expect(diagnostics(Self.block("sobol 64", "key m", "until width 2")) == ["test.verdeel:21:21: error: the stop width is a half-width of an index, above 0 and below 1, not 2 | help: e.g. until width 0.05"])
        #expect(diagnostics(Self.block("sobol 64", "key m", "until width 0.1 max 32")) == ["test.verdeel:21:29: error: the most base points must be a whole number from 64 to 1048576, not 32"])
        #expect(diagnostics(Self.block("sobol 64", "budget m 2030 from 1M to 2M")) == ["test.verdeel:20:18: error: measure 'm' has no budget in 2030 to vary | help: give it a budget for 2030 first"])
    }
}
