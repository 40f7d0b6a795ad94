import Testing
import VerdeelLanguage
import VerdeelModel
import VerdeelTestSupport

/// `title "..."`: a scenario's name for people, its own (a child does not inherit it), given
/// once, kept by `fmt`.
struct ScenarioTitleTests {
    static let text = TwoRegions.byInhabitants("people", title: "Everyone the same per inhabitant") + """

        scenario child extends people {
            measure m {
                budget 2026: 2M
            }
        }

        """

    @Test func aScenarioHasItsOwnTitle() throws {
        let compilation = compile(Self.text, files: ["regions.csv": TwoRegions.handWorked])
        #expect(compilation.diagnostics.isEmpty, "\(messages(compilation))")
        #expect(compilation.plans.map(\.title) == ["Everyone the same per inhabitant", nil])
        #expect(Formatter.format(Self.text, name: "t.verdeel") == Self.text)
    }

    @Test func aTitleIsGivenOnce() {
        let twice = Self.text.replacingOccurrences(of: "    title \"Everyone the same per inhabitant\"\n", with: "    title \"A\"\n    title \"B\"\n")
        let compilation = compile(twice, files: ["regions.csv": TwoRegions.handWorked])
        #expect(messages(compilation).contains { $0.contains("title") })
        let unquoted = Self.text.replacingOccurrences(of: "\"Everyone the same per inhabitant\"", with: "42")
        #expect(!messages(compile(unquoted, files: ["regions.csv": TwoRegions.handWorked])).isEmpty)
    }
}
