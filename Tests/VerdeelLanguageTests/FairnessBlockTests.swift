import Foundation
import Testing
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// The fairness block: defaults, every line checked with a located message, and the text
/// columns it groups by. Layout: the header takes lines 1-9 (regions table with a text
/// column `province`), `criterion need` is line 9, the block opens on line 10 and its
/// statements start on line 11 at column 9.
struct FairnessBlockTests {
    static let header = """
        scenario s {
            data {
                regions "data/municipalities-2024.csv" {
                    province: text
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            criterion need = inhabitants * land_area_km2

        """

    static func block(_ lines: String...) -> String {
        header + "    fairness {\n" + lines.map { "        " + $0 }.joined(separator: "\n") + "\n    }\n}\n"
    }

    func plan(_ text: String) -> ScenarioPlan? { compile(text).plans.first }

    func diagnostics(_ text: String) -> [String] {
        messages(compile(text)).map { rendered in
            let lines = rendered.split(separator: "\n").map(String.init)
            return ([lines[0]] + lines.filter { $0.hasPrefix("    help: ") }.map { $0.trimmingCharacters(in: .whitespaces) }).joined(separator: " | ")
        }
    }

    @Test func everyLine() throws {
        let compilation = compile(Self.block("population inhabitants", "group province", "reference need", "atkinson 0.25, 3", "entropy 0.5, 1, 3", "losses 7.50, 15"))
        let fairness = try #require(compilation.plans.first?.fairness)
        #expect(fairness.population == "inhabitants")
        #expect(fairness.group == "province")
        #expect(fairness.reference?.name == "need")
        #expect(fairness.epsilons == [0.25, 3])
        #expect(fairness.alphas == [0.5, 1, 3])
        #expect(fairness.losses == [7.5, 15])
        #expect(fairness.declaredAt.map(compilation.sources.location(of:))?.hasSuffix("test.verdeel:11:9") == true)
    }

    /// No block: inhabitants, the three default epsilons, nothing else; a block without a
    /// population line takes inhabitants too.
    @Test func defaults() throws {
        let fairness = try #require(plan(Self.header + "}\n")?.fairness)
        #expect(fairness.population == "inhabitants")
        #expect(fairness.epsilons == [0.5, 1, 2])
        #expect(fairness.alphas == [0, 2])
        #expect(fairness.group == nil && fairness.reference == nil && fairness.losses.isEmpty && fairness.declaredAt == nil)
        #expect(try #require(plan(Self.block("group province"))?.fairness).population == "inhabitants")
    }

    @Test func locatedErrors() {
        #expect(diagnostics(Self.block("population inhabitant")) == ["test.verdeel:11:20: error: unknown indicator 'inhabitant' for the population | help: did you mean 'inhabitants'?"])
        #expect(diagnostics(Self.block("group land_area_km2")) == [
            "test.verdeel:11:15: error: 'land_area_km2' is not a text column of the regions table | help: 'land_area_km2' is read as a number; a grouping needs a text column (in the regions table: land_area_km2: text)",
        ])
        #expect(diagnostics(Self.block("group provinse")) == ["test.verdeel:11:15: error: 'provinse' is not a text column of the regions table | help: did you mean 'province'?"])
        #expect(diagnostics(Self.block("reference inhabitants")) == [
            "test.verdeel:11:19: error: unknown criterion 'inhabitants' for the fairness reference | help: 'inhabitants' is an indicator; declare a criterion for it: criterion inhabitants_reference = inhabitants",
        ])
        #expect(diagnostics(Self.block("reference ned")) == ["test.verdeel:11:19: error: unknown criterion 'ned' for the fairness reference | help: did you mean 'need'?"])
        #expect(diagnostics(Self.block("atkinson 200")).first?.hasPrefix("test.verdeel:11:18: error: an Atkinson inequality aversion must be a number from 0 to 100, not 200") == true)
        #expect(diagnostics(Self.block("atkinson -1")).first?.hasPrefix("test.verdeel:11:18: error: expected an inequality aversion (e.g. 0.5, 1, 2), found '-'") == true)
        #expect(diagnostics(Self.block("atkinson 1, 1")) == ["test.verdeel:11:21: error: the Atkinson aversion 1 is named twice | help: name each once"])
        #expect(diagnostics(Self.block("entropy 11")) == ["test.verdeel:11:17: error: a generalised entropy parameter must be a number from 0 to 10, not 11 | help: e.g. entropy 0, 1, 2"])
        #expect(diagnostics(Self.block("entropy 2, 2")) == ["test.verdeel:11:20: error: the entropy parameter 2 is named twice | help: name each once"])
        #expect(diagnostics(Self.block("losses 5%")) == ["test.verdeel:11:16: error: a loss is an amount in euros per inhabitant above 0, not 5% | help: e.g. losses 7.50, 15"])
        #expect(diagnostics(Self.block("group province", "group province")).first?.hasPrefix("test.verdeel:12:9: error: the fairness block declares group twice (first at test.verdeel:11:9)") == true)
        #expect(diagnostics(Self.block("weights 1")).first?.hasPrefix("test.verdeel:11:9: error: unknown statement 'weights' in a fairness block") == true)
    }

    /// No inhabitants and no population line: the block must name one.
    @Test func noPopulation() {
        let text = Self.block("group province").replacingOccurrences(of: "inhabitants: count", with: "inhabitants as residents: count")
            .replacingOccurrences(of: "criterion need = inhabitants * land_area_km2", with: "criterion need = residents")
        #expect(diagnostics(text) == ["test.verdeel:11:9: error: the fairness block names no population and the data has no 'inhabitants' | help: add: population INDICATOR (a count of persons)"])
        #expect(plan(Self.header.replacingOccurrences(of: "inhabitants: count", with: "inhabitants as residents: count")
            .replacingOccurrences(of: "criterion need = inhabitants * land_area_km2", with: "criterion need = residents") + "}\n")?.fairness == nil)
    }

    /// A text column is no number: a criterion cannot use it, and only the regions table has them.
    @Test func textColumns() {
        #expect(diagnostics(Self.header + "    criterion p = province\n}\n").first?.contains("unknown") == true)
        let joined = """
            scenario s {
                data {
                    regions "data/municipalities-2024.csv" {
                        inhabitants: count
                    }
                    table extra "data/municipalities-2024.csv" {
                        name: text
                    }
                }

            """
        #expect(diagnostics(joined + "}\n").contains { $0.contains("text columns are read from the regions table only") })
    }

    @Test func formatsAndReadsBack() throws {
        let text = Self.block("population inhabitants", "group province", "reference need", "atkinson 0.5, 1, 2", "entropy 0, 2", "losses 7.50, 15")
        let formatted = try #require(Formatter.format(text, name: "test.verdeel"))
        #expect(formatted == text)
    }
}
