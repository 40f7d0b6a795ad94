import Foundation
import Testing
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// `fmt` is idempotent and keeps the meaning: `parse(format(x)) == parse(x)` for every file
/// in Scenarios/ and for generated inputs.
struct FormatterTests {
    /// The whole syntax tree as text, with source positions blanked out.
    func tree(_ text: String) -> String? {
        let (document, diagnostics) = Parser.parse(SourceFile(name: "t.verdeel", text: text))
        guard diagnostics.isEmpty else { return nil }
        let description = String(describing: document.lines) + String(describing: document.closingComments)
        return description.replacingOccurrences(of: #"SourceRange\(start: \d+, end: \d+\)"#, with: "_", options: .regularExpression)
    }

    func checkRoundTrip(_ text: String, _ name: String) throws {
        let (_, diagnostics) = Parser.parse(SourceFile(name: name, text: text))
        #expect(diagnostics.map(\.rendered) == [], "\(name) parses")
        let original = try #require(tree(text), "\(name) parses")
        let formatted = try #require(Formatter.format(text, name: name))
        #expect(tree(formatted) == original, "parse(format(x)) == parse(x) for \(name)")
        #expect(Formatter.format(formatted, name: name) == formatted, "format is idempotent for \(name)")
    }

    @Test func everyBundledScenarioFileIsCanonicalAndRoundTrips() throws {
        let directory = "\(repositoryRoot)/Scenarios"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".verdeel") }.sorted()
        #expect(files == ["sociale-agenda-sensitivity.verdeel", "sociale-agenda-update.verdeel", "sociale-agenda.verdeel", "source-document-figures.verdeel"])
        for name in files {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            try checkRoundTrip(text, name)
            #expect(Formatter.format(text, name: name) == text, "\(name) is in canonical form")
        }
    }

    @Test func everyWorkloadIsCanonicalAndRoundTrips() throws {
        let directory = "\(repositoryRoot)/Benchmarks/workloads"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".verdeel") }.sorted()
        #expect(files == ["w1-baseline.verdeel", "w2-simplex.verdeel", "w3-floor.verdeel", "w3-montecarlo.verdeel", "w4-national.verdeel", "w5-national-sharded.verdeel"])
        for name in files {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            try checkRoundTrip(text, name)
            #expect(Formatter.format(text, name: name) == text, "\(name) is in canonical form")
        }
    }

    /// Every variants and montecarlo statement, written untidily, formats to one canonical form.
    @Test func formatsVariantsAndMonteCarloCanonically() throws {
        let messy = """
            scenario s {
              variants {
                weight   jongerenwerk need from 0% to 100% count 11 # eleven
                simplex wijk step 10%
                base wijk in 100k,150k ,  200k
                criterion need in inhabitants*max(0,highest(ses_woa_mean)-ses_woa_mean),inhabitants
                vintage ses_woa in "2019","2023"
                budget jongerenwerk 2028..2030 from 8M to 10M step 0.5M
                sobol 64 { weight ontmoeting area from 20% to 80%
                base x from 0 to 300k }
                latin_hypercube 100 seed 3 {
                  budget m 2026 from 1M to 2M
                }
              }
              montecarlo {
                draws 10_000
                seed 42
                perturb ses_woa_mean normal ses_woa_spread/sqrt(households)
                perturb inhabitants uniform sd 2%
                perturb land_area_km2 lognormal sd 5%
                dirichlet jongerenwerk 200
                correlate inhabitants ses_woa_mean -0.3
              }
            }
            """
        let formatted = try #require(Formatter.format(messy, name: "m.verdeel"))
        #expect(formatted == """
            scenario s {
                variants {
                    weight jongerenwerk need from 0% to 100% count 11 # eleven
                    simplex wijk step 10%
                    base wijk in 100k, 150k, 200k
                    criterion need in inhabitants * max(0, highest(ses_woa_mean) - ses_woa_mean), inhabitants
                    vintage ses_woa in "2019", "2023"
                    budget jongerenwerk 2028..2030 from 8M to 10M step 0.5M
                    sobol 64 {
                        weight ontmoeting area from 20% to 80%
                        base x from 0 to 300k
                    }
                    latin_hypercube 100 seed 3 {
                        budget m 2026 from 1M to 2M
                    }
                }
                montecarlo {
                    draws 10_000
                    seed 42
                    perturb ses_woa_mean normal sd ses_woa_spread / sqrt(households)
                    perturb inhabitants uniform 2%
                    perturb land_area_km2 lognormal sd 5%
                    dirichlet jongerenwerk 200
                    correlate inhabitants ses_woa_mean -0.3
                }
            }

            """)
        try checkRoundTrip(messy, "m.verdeel")
    }

    @Test func formatsAMessyFileCanonically() throws {
        let messy = "\n\n# top\nscenario   s {\n  measure m \"M\" {   # note\n budget 2026:1M,\n   2027..2028 :  2M\n\n\n  key a 50% ,b 50%\n\n  }\n criterion c=max( 0 ,-a*(b+1) )\n\n}\n\n\n"
        let expected = """
            # top
            scenario s {
                measure m "M" {
                    # note
                    budget 2026: 1M, 2027..2028: 2M

                    key a 50%, b 50%
                }
                criterion c = max(0, -a * (b + 1))
            }

            """
        #expect(Formatter.format(messy, name: "messy.verdeel") == expected)
        try checkRoundTrip(messy, "messy.verdeel")
    }

    /// The districts option `missing_as_zero` prints where it was written and round-trips.
    @Test func formatsTheMissingAsZeroOption() throws {
        let text = "scenario s {\n    data {\n        districts   \"d.csv\"  region municipality_code missing_as_zero {\n            inhabitants: count\n        }\n    }\n}\n"
        #expect(Formatter.format(text, name: "m.verdeel") == "scenario s {\n    data {\n        districts \"d.csv\" region municipality_code missing_as_zero {\n            inhabitants: count\n        }\n    }\n}\n")
        try checkRoundTrip(text, "m.verdeel")
    }

    /// `skip_empty` with a districts vintage prints as written and round-trips; on a joined
    /// table it is an error at the option.
    @Test func formatsTheSkipEmptyOption() throws {
        let text = "scenario s {\n    data {\n        districts  \"d.csv\" region municipality_code vintage year = \"2022\"   skip_empty {\n            households: count\n        }\n    }\n}\n"
        #expect(Formatter.format(text, name: "m.verdeel") == "scenario s {\n    data {\n        districts \"d.csv\" region municipality_code vintage year = \"2022\" skip_empty {\n            households: count\n        }\n    }\n}\n")
        try checkRoundTrip(text, "m.verdeel")
        let joined = compile("scenario s {\n    data {\n        regions \"r.csv\" {\n            inhabitants: count\n        }\n        table t \"t.csv\" skip_empty {\n            x: count\n        }\n    }\n}\n")
        #expect(messages(joined).contains { $0.contains("6:25: error: skip_empty applies to a districts table only") }, "\(messages(joined))")
    }

    @Test func generatedInputsRoundTrip() throws {
        var generator = ScenarioTextGenerator(seed: 20_261_123)
        for index in 0..<300 {
            try checkRoundTrip(generator.document(), "generated-\(index).verdeel")
        }
    }
}

/// Random but well-formed scenario text with irregular spacing, comments and blank lines,
/// from a seeded SplitMix64 stream so every run tests the same inputs.
struct ScenarioTextGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func next(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }

    mutating func pick(_ options: [String]) -> String { options[next(options.count)] }
    mutating func space() -> String { pick(["", " ", "  ", "\t"]) }
    mutating func blank() -> String { pick(["", "", "\n", "\n\n", "    # note \(next(100))\n"]) }

    mutating func name() -> String { pick(["inhabitants", "area", "need", "\"quoted name\"", "x_1"]) }
    mutating func amount() -> String { pick(["1M", "9.4M", "200k", "3_000_000", "12.5k", "7"]) }
    mutating func percent() -> String { pick(["5%", "50%", "12.5%", "100%"]) }

    mutating func expression(_ depth: Int = 0) -> String {
        switch depth > 3 ? next(2) : next(7) {
        case 0: return pick(["inhabitants", "ses_woa_mean", "2", "0.5", "10%"])
        case 1: return pick(["1", "land_area_km2"])
        case 2: return "-" + expression(depth + 1)
        case 3: return "(" + space() + expression(depth + 1) + space() + ")"
        case 4: return expression(depth + 1) + space() + pick(["+", "-", "*", "/", "^"]) + space() + expression(depth + 1)
        case 5 where next(2) == 0:
            // Comparisons do not chain: each one is parenthesized.
            return "(" + expression(depth + 1) + space() + pick(["<", ">=", "==", "!="]) + space() + expression(depth + 1) + ")"
        case 5: return pick(["max", "min", "clamp"]) + "(" + expression(depth + 1) + "," + space() + expression(depth + 1) + ")"
        default: return pick(["highest", "sum_districts", "exp"]) + "(" + expression(depth + 1) + ")"
        }
    }

    mutating func measureStatement() -> String {
        switch next(10) {
        case 0: return "budget 2026:\(space())\(amount()),\(space())2027..2030: \(amount())"
        case 1: return "topslice \(name()) \(pick([percent(), amount()]))"
        case 2: return pick(["base \(amount())", "base \(amount()) if infeasible scale", "base none"])
        case 3: return "key \(name()) \(percent()),\(space())\(name()) \(percent())"
        case 4: return "component \(name()) \(amount())" + pick(["", " key \(name()) 100%"])
        case 5: return "earmark \(name()) >= \(percent())"
        case 6: return pick(["floor", "cap"]) + " \(amount())" + pick(["", " per inhabitants"])
        case 7: return "transition \(pick([percent(), amount()])) from previous year"
        case 8: return "rounding " + pick(["euro", "cent"])
        default: return "budget 2026: \(amount()), 2027: none"
        }
    }

    mutating func document() -> String {
        var text = blank()
        for scenario in 0..<(1 + next(3)) {
            text += "scenario s\(scenario)" + (scenario > 0 ? " extends s0" : "") + space() + "{" + pick(["", " # opens"]) + "\n"
            if next(2) == 0 {
                text += "  data {\n    regions \"data/r.csv\" key code" + pick(["", " synthetic", " source \"CBS\""]) + " {\n      inhabitants: count\n      score as s: score\n    }\n"
                text += "    table t \"data/t.csv\" vintage year = \"2022\" {\n      x: nonnegative\n    }\n  }\n"
            }
            for _ in 0..<next(4) { text += blank() + "  criterion \(pick(["c", "need"])) =\(space())\(expression())\n" }
            for measure in 0..<next(3) {
                text += blank() + "  measure m\(measure)" + pick(["", " \"Title \(measure)\""]) + " {\n"
                for _ in 0..<next(6) { text += blank() + space() + "    " + measureStatement() + pick(["", "   # trailing"]) + "\n" }
                text += "  }" + pick(["", " # end"]) + "\n"
            }
            if next(3) == 0 { text += "  assert budget(m0, 2026) + topslice(m0, a) == 1M \"label\"\n" }
            text += "}\n" + blank()
        }
        return text
    }
}
