import Foundation
import Testing
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// Malformed scenario files: each gets the expected message at the expected place (worked
/// out by hand from the text), nothing crashes or hangs, and independent errors are all
/// reported in one run. Layout of the helpers: the scenario header takes lines 1-7, a
/// scenario statement starts on line 8 at column 5, and a measure's statements start on
/// line 9 at column 9.
struct MalformedInputTests {
    static let header = """
        scenario s {
            data {
                regions "data/municipalities-2024.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }

        """

    /// Scenario statements from line 8, column 5.
    static func scenario(_ lines: String...) -> String {
        header + lines.map { "    " + $0 }.joined(separator: "\n") + "\n}\n"
    }

    /// Measure statements from line 9, column 9, in `measure m` (line 8).
    static func measure(_ lines: String...) -> String {
        header + "    measure m {\n" + lines.map { "        " + $0 }.joined(separator: "\n") + "\n    }\n}\n"
    }

    /// Every diagnostic's first line (location and message) and help line.
    func diagnostics(_ text: String) -> [String] {
        messages(compile(text)).map { rendered in
            let lines = rendered.split(separator: "\n").map(String.init)
            return ([lines[0]] + lines.filter { $0.hasPrefix("    help: ") }.map { $0.trimmingCharacters(in: .whitespaces) }).joined(separator: " | ")
        }
    }

    static let cases: [(name: String, text: String, expected: [String])] = [
        ("empty file", "", ["test.verdeel:1:1: error: the file is empty | help: a scenario file declares at least one scenario: scenario baseline { ... }"]),
        ("only whitespace", "  \n\n\t\n", ["test.verdeel:1:1: error: the file is empty | help: a scenario file declares at least one scenario: scenario baseline { ... }"]),
        ("control character", "\u{0}scenario s {\n}\n", ["test.verdeel:1:1: error: unexpected character U+0000"]),
        ("misspelt scenario keyword", "scenari s {\n}\n", ["test.verdeel:1:1: error: unknown statement 'scenari' in a scenario file; expected one of: scenario, include | help: did you mean 'scenario'?"]),
        ("unclosed scenario", "scenario s {\n", ["test.verdeel:1:12: error: the scenario 's' opened here on line 1 is never closed | help: add a '}' at its end"]),
        ("stray closing brace", "}\n", ["test.verdeel:1:1: error: this '}' closes nothing | help: remove it, or check the braces above"]),
        ("unterminated string", "include \"abc\n", ["test.verdeel:1:9: error: this string is not closed before the end of the line | help: add the closing \""]),
        ("no scenario at all", "# nothing here\n", ["test.verdeel:1:1: error: the file declares no scenario | help: add one: scenario baseline { ... }"]),
        ("missing include", "include \"nowhere.verdeel\"\n", ["test.verdeel:1:9: error: cannot read the included file 'nowhere.verdeel' | help: paths are relative to the including file, and every file must be inside the root folder (see --root)"]),
        ("unknown unit", measure("budget 2026: 10X", "key inhabitants 100%"), ["test.verdeel:9:24: error: unknown unit 'X' after a number | help: write amounts as 200k or 9.4M (thousand, million), percentages as 5%"]),
        ("currency sign", measure("budget 2026: €10M", "key inhabitants 100%"), ["test.verdeel:9:22: error: unexpected character '€' | help: write amounts without a currency sign, e.g. 200k"]),
        ("misspelt measure statement", measure("budgt 2026: 10M", "key inhabitants 100%"), ["test.verdeel:9:9: error: unknown statement 'budgt' in a measure; expected one of: budget, topslice, base, key, component, earmark, floor, cap, transition, rounding | help: did you mean 'budget'?"]),
        ("misspelt scenario statement", scenario("measur m {", "}"), ["test.verdeel:8:5: error: unknown statement 'measur' in a scenario; expected one of: title, data, criterion, measure, assert, variants, montecarlo, fairness, sensitivity, set | help: did you mean 'measure'?"]),
        ("missing colon in budget", measure("budget 2026 10M", "key inhabitants 100%"), ["test.verdeel:9:21: error: expected ':' after the year (budget 2026: 10M), found an amount"]),
        ("year that is not a year", measure("budget 26: 10M", "key inhabitants 100%"), ["test.verdeel:9:16: error: expected a year such as 2026, found a number"]),
        ("key without weight", measure("budget 2026: 10M", "key inhabitants"), ["test.verdeel:10:24: error: expected the weight of 'inhabitants' (e.g. 50%), found the end of the line | help: amounts look like 200k or 9.4M, percentages like 5%"]),
        ("text after a statement", measure("budget 2026: 10M", "key inhabitants 100%", "topslice a 5% extra"), ["test.verdeel:11:23: error: expected the end of the statement, found 'extra' | help: put each statement on its own line"]),
        ("single = in an assertion", measure("budget 2026: 10M", "key inhabitants 100%") + "scenario t extends s {\n    assert budget(m) = 10M\n}\n", ["test.verdeel:14:22: error: use '==' to compare | help: assert LEFT == RIGHT"]),
        ("unclosed call", scenario("criterion c = max(0, inhabitants"), ["test.verdeel:8:37: error: expected ')' to close the arguments of max(, found the end of the line"]),
        ("a base with cents under euro rounding", measure("budget 2026: 79", "base 3.95", "key inhabitants 100%"), ["test.verdeel:10:14: error: under euro rounding a base is whole euros, not 3.95 (it cannot be paid to every region and still add up to the budget) | help: write 3 or 4, or give the measure 'rounding cent'"]),
        ("unknown parent scenario", measure("budget 2026: 10M", "key inhabitants 100%") + "scenario t extends ss {\n}\n", ["test.verdeel:13:20: error: scenario 't' extends unknown scenario 'ss' | help: did you mean 's'?"]),
        ("cyclic extends", "scenario a extends b {\n}\nscenario b extends a {\n}\n", [
            "test.verdeel:1:20: error: scenario 'a' extends itself: a -> b -> a | help: remove one 'extends' from the cycle",
            "test.verdeel:3:20: error: scenario 'b' extends itself: b -> a -> b | help: remove one 'extends' from the cycle",
        ]),
        ("scenario declared twice", measure("budget 2026: 10M", "key inhabitants 100%") + "scenario s {\n}\n", ["test.verdeel:13:10: error: scenario 's' is declared twice (first at test.verdeel:1:10) | help: give one of them another name"]),
        ("misspelt indicator in a key", measure("budget 2026: 10M", "key inhabitans 100%"), ["test.verdeel:10:13: error: unknown criterion 'inhabitans' in the key of measure 'm' | help: did you mean 'inhabitants'?"]),
        ("key not summing to 100%", measure("budget 2026: 10M", "key inhabitants 50%, land_area_km2 40%"), ["test.verdeel:10:13: error: the key of measure 'm' sums to 90%, not 100% | help: change the weights so that they add up to 100%"]),
        ("key weight without %", measure("budget 2026: 10M", "key inhabitants 100"), ["test.verdeel:10:25: error: a key weight is a percentage | help: write it with %, e.g. 100%"]),
        ("key weight as a share of 1", measure("budget 2026: 10M", "key inhabitants 0.8, land_area_km2 0.2"), [
            "test.verdeel:10:25: error: a key weight is a percentage | help: weights are percentages: write 80% for 0.8 of the whole",
            "test.verdeel:10:44: error: a key weight is a percentage | help: weights are percentages: write 20% for 0.2 of the whole",
        ]),
        ("a number after a statement", measure("budget 2026: 10M", "key inhabitants 100% 5"), ["test.verdeel:10:30: error: expected the end of the statement, found a number | help: put each statement on its own line"]),
        ("unclosed data block", "scenario s {\n    data {\n        regions \"data/municipalities-2024.csv\" {\n            inhabitants: count\n        }\n\n    measure m {\n        budget 2026: 1M\n        key inhabitants 100%\n    }\n}\n", [
            "test.verdeel:2:10: error: the data block opened here on line 2 is not closed before the 'measure' on line 7 | help: add a '}' before line 7",
        ]),
        ("unclosed scenario before the next one", measure("budget 2026: 10M", "key inhabitants 100%").replacingOccurrences(of: "    }\n}\n", with: "    }\n") + "scenario t extends s {\n}\n", [
            "test.verdeel:1:12: error: the scenario 's' opened here on line 1 is not closed before the 'scenario' on line 12 | help: add a '}' before line 12",
        ]),
        ("a criterion with a broken definition is not also unknown", scenario("criterion area = land_area_km2 + nonsense", "measure m {", "    budget 2026: 1M", "    key inhabitants 50%, area 50%", "}"), [
            "test.verdeel:8:38: error: unknown indicator or criterion 'nonsense'",
        ]),
        ("a criterion lost to a syntax error is not also unknown", scenario("criterion area = land_area_km2 *", "measure m {", "    budget 2026: 1M", "    key inhabitants 50%, area 50%", "}"), [
            "test.verdeel:8:37: error: expected a value (a number, an indicator or a function), found the end of the line",
        ]),
        ("Dutch thousands in a base", measure("budget 2026: 10M", "key inhabitants 100%", "base 200.000"), ["test.verdeel:11:14: error: '200.000' is ambiguous: 200000 if '.' groups thousands (the Dutch way), or 200.0 with a decimal point | help: write 200_000 or 200k for thousands, or 200.0 for a decimal point"]),
        ("Dutch thousands in a budget", measure("budget 2026: 1.250", "key inhabitants 100%"), ["test.verdeel:9:22: error: '1.250' is ambiguous: 1250 if '.' groups thousands (the Dutch way), or 1.25 with a decimal point | help: write 1_250 for thousands, or 1.25 for a decimal point"]),
        ("two groups of Dutch thousands", measure("budget 2026: 1.000.000", "key inhabitants 100%"), ["test.verdeel:9:22: error: '1.000.000' groups thousands with '.'; verdeel reads '.' as a decimal point | help: write 1_000_000 (digits may be grouped with _), or use k and M such as 200k or 9.4M"]),
        ("Dutch thousands in the draws", scenario("montecarlo {", "    draws 10.000", "}"), ["test.verdeel:9:15: error: '10.000' is ambiguous: 10000 if '.' groups thousands (the Dutch way), or 10.0 with a decimal point | help: write 10_000 or 10k for thousands, or 10.0 for a decimal point"]),
        ("decimal comma in an amount", measure("budget 2026: 6,5M", "key inhabitants 100%"), ["test.verdeel:9:22: error: '6,5M' has a decimal comma; use a decimal point | help: write 6.5M; in a list, put a space after each comma (150k, 200k)"]),
        ("decimal comma in a percentage", measure("budget 2026: 10M", "key inhabitants 100%", "topslice a 5,0%"), ["test.verdeel:11:20: error: '5,0%' has a decimal comma; use a decimal point | help: write 5.0%; in a list, put a space after each comma (150k, 200k)"]),
        ("a decimal with three places in a criterion is a decimal", scenario("criterion c = inhabitants * 1.250", "measure m {", "    budget 2026: 1M", "    key c 100%", "}"), []),
        ("commas between arguments need no space", scenario("criterion c = clamp(inhabitants,0,1)", "measure m {", "    budget 2026: 1M", "    key c 100%", "}"), []),
        ("a criterion declared twice in one scenario", scenario("criterion c = inhabitants", "criterion c = land_area_km2", "measure m {", "    budget 2026: 1M", "    key c 100%", "}"), ["test.verdeel:9:5: error: scenario 's' declares criterion 'c' twice (first at test.verdeel:8:5) | help: remove one of them, or change it in a scenario that extends this one"]),
        ("a key declared twice in one measure", measure("budget 2026: 10M", "key inhabitants 100%", "key land_area_km2 100%"), ["test.verdeel:11:9: error: measure 'm' declares key twice (first at test.verdeel:10:9) | help: remove one of them, or change it in a scenario that extends this one"]),
        ("a measure declared twice in one scenario", scenario("measure m {", "    budget 2026: 1M", "    key inhabitants 100%", "}", "measure m {", "    cap 1M", "}"), ["test.verdeel:12:5: error: scenario 's' declares measure 'm' twice (first at test.verdeel:8:5) | help: remove one of them, or change it in a scenario that extends this one"]),
        ("a simplex over a key lost to a syntax error", scenario("measure m {", "    budget 2026: 1M", "    key inhabitants 50%, land_area_km2 50% $", "}", "variants {", "    simplex m step 10%", "}"), ["test.verdeel:10:48: error: unexpected character '$'"]),
        ("an amount finer than a cent", measure("budget 2026: 1000.3751", "key inhabitants 100%"), ["test.verdeel:9:22: error: a budget of 1000.3751 has a fraction of a cent; amounts are never cut off | help: write it in whole cents, e.g. 1000.38"]),
        ("a floor finer than a cent", measure("budget 2026: 10M", "key inhabitants 100%", "floor 2.5051 per inhabitants"), ["test.verdeel:11:15: error: a floor of 2.5051 has a fraction of a cent; amounts are never cut off | help: write it in whole cents, e.g. 2.51"]),
        ("an amount above the largest", measure("budget 2026: 20_000_000_000_000_000", "key inhabitants 100%"), ["test.verdeel:9:22: error: a budget of 20_000_000_000_000_000 is above the largest amount verdeel accepts, EUR 1,000,000,000,000"]),
        ("a key weight above 100%", measure("budget 2026: 10M", "key inhabitants 9223372036854775807%, land_area_km2 50%"), ["test.verdeel:10:25: error: a key weight of 9223372036854775807% is more than 100% | help: it is a share of a whole, at most 100%"]),
        ("a top-slice above 100%", measure("budget 2026: 9.4M", "key inhabitants 100%", "topslice a 1_000_000_000_000%"), ["test.verdeel:11:20: error: a top-slice of 1_000_000_000_000% is more than 100% | help: it is a share of a whole, at most 100%"]),
        ("key weight as an amount", measure("budget 2026: 10M", "key inhabitants 100k"), ["test.verdeel:10:25: error: a key weight is a percentage | help: write it with %, e.g. 50%"]),
        ("budget as a percentage", measure("budget 2026: 10%", "key inhabitants 100%"), ["test.verdeel:9:22: error: a budget is an amount, not a percentage | help: write an amount such as 200k or 9.4M"]),
        ("budget year given twice", measure("budget 2026: 1M, 2026..2027: 2M", "key inhabitants 100%"), ["test.verdeel:9:26: error: measure 'm' has two budgets for 2026 (the other at line 9) | help: give each year one budget"]),
        ("budget year gap", measure("budget 2026: 1M, 2028: 1M", "key inhabitants 100%"), ["test.verdeel:8:13: error: measure 'm' has no budget for 2027 between 2026 and 2028; budget years must follow each other | help: add: budget 2027: 0 if nothing is spent"]),
        ("backwards year range", measure("budget 2028..2026: 1M", "key inhabitants 100%"), ["test.verdeel:9:16: error: the year range 2028..2026 runs backwards | help: write 2026..2028"]),
        ("top-slice without unit", measure("budget 2026: 10M", "key inhabitants 100%", "topslice a 5"), ["test.verdeel:11:20: error: a top-slice of 5 needs a unit | help: write 5% for a percentage, or an amount such as 5k"]),
        ("unknown base policy", measure("budget 2026: 10M", "key inhabitants 100%", "base 200k if infeasible scal"), ["test.verdeel:11:33: error: unknown policy 'scal'; use 'error' or 'scale' | help: did you mean 'scale'?"]),
        ("unknown function", scenario("criterion c = maxx(0, inhabitants)"), ["test.verdeel:8:19: error: unknown function 'maxx' | help: did you mean 'max'?"]),
        ("wrong number of arguments", scenario("criterion c = clamp(inhabitants, 0)"), ["test.verdeel:8:19: error: clamp takes 3 arguments, got 2"]),
        ("district sum without districts", scenario("criterion c = sum_districts(inhabitants)"), ["test.verdeel:8:19: error: sum_districts needs a districts table | help: add to the data block: districts \"data/districts.csv\" region municipality_code { ... }"]),
        ("unknown column kind", "scenario s {\n    data {\n        regions \"data/municipalities-2024.csv\" {\n            inhabitants: cnt\n        }\n    }\n}\n", ["test.verdeel:4:26: error: unknown column kind 'cnt'; use count, nonnegative, score or text"]),
        ("measure without key", measure("budget 2026: 10M"), ["test.verdeel:8:13: error: measure 'm' has no key | help: add: key inhabitants 100%"]),
        ("measure without budget", measure("key inhabitants 100%"), ["test.verdeel:8:13: error: measure 'm' has no budget | help: add: budget 2026: 10M"]),
        ("scenario without regions", "scenario s {\n}\n", ["test.verdeel:1:10: error: scenario 's' has no regions table | help: add: data { regions \"data/municipalities.csv\" { inhabitants: count } }"]),
        ("assertion on an unknown measure", measure("budget 2026: 10M", "key inhabitants 100%") + "scenario t extends s {\n    assert budget(mm) == 10M\n}\n", ["test.verdeel:14:19: error: unknown measure 'mm' | help: did you mean 'm'?"]),
        ("unknown result in an assertion", measure("budget 2026: 10M", "key inhabitants 100%") + "scenario t extends s {\n    assert budgets(m) == 10M\n}\n", ["test.verdeel:14:12: error: unknown result 'budgets'; use budget, topslice, amount or component | help: did you mean 'budget'?"]),
        ("components mixing % and amounts", measure("budget 2026: 10M", "key inhabitants 100%", "component a 50%", "component b 1M"), ["test.verdeel:11:19: error: give every component of measure 'm' as a percentage, or every one as an amount, not a mix"]),
        ("components not summing to 100%", measure("budget 2026: 10M", "key inhabitants 100%", "component a 50%", "component b 40%"), ["test.verdeel:11:19: error: the components of measure 'm' sum to 90%, not 100%"]),
        ("percentage change per indicator", measure("budget 2026: 10M", "key inhabitants 100%", "transition 10% per inhabitants from previous year"), ["test.verdeel:11:28: error: a percentage change cannot be 'per' an indicator"]),
    ]

    @Test(arguments: cases.indices)
    func malformedInputGetsItsMessage(_ index: Int) {
        let (name, text, expected) = Self.cases[index]
        #expect(diagnostics(text) == expected, "\(name)")
    }

    @Test func binaryGarbageIsNotUTF8() {
        let compilation = ScenarioLoader.compile(path: "garbage.verdeel") { _ in [0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE, 0x00, 0x80] }
        #expect(compilation.diagnostics.map { $0.rendered.split(separator: "\n")[0] } == [
            "garbage.verdeel:1:1: error: the file is not valid UTF-8 text (first bad byte at line 1, column 5); is this a scenario file?",
        ])
    }

    @Test func deeplyNestedExpression() {
        let text = Self.scenario("criterion c = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000))
        #expect(diagnostics(text).first == "test.verdeel:8:119: error: this expression is nested too deeply (more than 100 levels) | help: split it into named criteria")
    }

    @Test func megabyteLine() {
        let text = Self.scenario("criterion c = " + String(repeating: "1 + ", count: 262_144) + "1")
        // The expression starts at column 19; the k-th '+' stands at 21 + 4 * (k - 1), the 1,001st at 4,021.
        #expect(diagnostics(text) == ["test.verdeel:8:4021: error: this expression is too long (more than 1000 operators in a row) | help: split it into named criteria"])
    }

    @Test func megabyteWord() {
        let text = Self.scenario(String(repeating: "a", count: 1_048_576))
        #expect(diagnostics(text) == ["test.verdeel:8:5: error: unknown statement '\(String(repeating: "a", count: 40))...' in a scenario; expected one of: title, data, criterion, measure, assert, variants, montecarlo, fairness, sensitivity, set"])
    }

    @Test func independentErrorsAreAllReportedInOneRun() {
        let text = Self.measure("budgt 2026: 10M", "key inhabitans 100%", "topslice a 5") + "scenario t extends s {\n    criterion c = maxx(1)\n}\n"
        #expect(diagnostics(text) == [
            "test.verdeel:9:9: error: unknown statement 'budgt' in a measure; expected one of: budget, topslice, base, key, component, earmark, floor, cap, transition, rounding | help: did you mean 'budget'?",
            "test.verdeel:10:13: error: unknown criterion 'inhabitans' in the key of measure 'm' | help: did you mean 'inhabitants'?",
            "test.verdeel:11:20: error: a top-slice of 5 needs a unit | help: write 5% for a percentage, or an amount such as 5k",
            "test.verdeel:15:19: error: unknown function 'maxx' | help: did you mean 'max'?",
        ])
    }

    @Test func renderedDiagnosticShowsTheLineAndACaret() {
        let rendered = messages(compile(Self.measure("budget 2026: 10M", "key inhabitans 100%")))
        #expect(rendered == ["""
            test.verdeel:10:13: error: unknown criterion 'inhabitans' in the key of measure 'm'
                        key inhabitans 100%
                            ^^^^^^^^^^
                help: did you mean 'inhabitants'?

            """])
    }
}
