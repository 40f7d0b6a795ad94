import Testing
import VerdeelSession

/// How a comparison's scenario arguments are read: `NAME` of the main file, `FILE:NAME` of
/// another, settings on all but the first, one scenario alone compared with itself changed.
struct ScenarioReferencesTests {
    @Test func namesOfTheMainFileAndOfAnother() {
        let references = ScenarioReferences(mainFile: "a.verdeel", arguments: ["baseline", "old/b.verdeel:baseline", "v2", "baseline"], hasSettings: false)
        #expect(references.references.map { "\($0.file)|\($0.scenario)|\($0.isSet)" } == [
            "a.verdeel|baseline|false", "old/b.verdeel|baseline|false", "a.verdeel|v2|false", "a.verdeel|baseline|false",
        ])
        #expect(references.files == ["a.verdeel", "old/b.verdeel"])
        #expect(references.references(to: "a.verdeel").map(\.scenario) == ["baseline", "v2"])
        #expect(references.references.map(references.name) == ["baseline", "old/b.verdeel:baseline", "v2", "baseline"])
    }

    @Test func settingsApplyToAllButTheFirst() {
        let three = ScenarioReferences(mainFile: "a.verdeel", arguments: ["baseline", "v2", "v3"], hasSettings: true)
        #expect(three.references.map(\.isSet) == [false, true, true])
        let alone = ScenarioReferences(mainFile: "a.verdeel", arguments: ["baseline"], hasSettings: true)
        #expect(alone.references.map { "\($0.file)|\($0.scenario)|\($0.isSet)" } == ["a.verdeel|baseline|false", "a.verdeel|baseline|true"])
        #expect(alone.references(to: "a.verdeel").count == 2)
    }

    /// A colon at the start is no file name.
    @Test func aLeadingColonIsPartOfTheName() {
        #expect(ScenarioReferences(mainFile: "a.verdeel", arguments: [":x"], hasSettings: false).references.map(\.scenario) == [":x"])
    }
}
