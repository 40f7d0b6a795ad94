import Foundation
import Testing
import VerdeelModel
@testable import VerdeelSimulation
import VerdeelTestSupport

/// Inputs that once crashed verdeel (found by scripts/mutate.py and scripts/fuzz.sh), kept
/// in Regressions/: each must now end in a located error or a result, never a trap.
@Suite struct RegressionTests {
    static let folder = "\(repositoryRoot)/Tests/VerdeelSimulationTests/Regressions"

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".verdeel") }.sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(Self.inputs.contains("topslice-of-a-trillion-percent.verdeel"))
    }

    @Test(arguments: inputs)
    func foundInputEndsInOrder(_ name: String) throws {
        let text = try String(contentsOfFile: "\(Self.folder)/\(name)", encoding: .utf8)
        let compilation = compile(text)
        guard let plan = compilation.plans.first, !compilation.hasErrors else {
            #expect(compilation.diagnostics.allSatisfy { $0.location.line > 0 }, "every error has its place")
            return
        }
        do {
            let run = try ScenarioRun.run(plan) { read($0, files: [:]) }
            _ = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 1)) { read($0, files: [:]) }
        } catch {
            #expect(!"\(error)".isEmpty)
        }
    }

    /// The first one: a top-slice of 10^12 % overflowed while the amount was computed.
    @Test func aTopsliceOfATrillionPercentIsAnError() throws {
        let text = try String(contentsOfFile: "\(Self.folder)/topslice-of-a-trillion-percent.verdeel", encoding: .utf8)
        #expect(compile(text).diagnostics.first?.rendered.contains("test.verdeel:23:32: error: a top-slice of 1_000_000_000_000% is more than 100%") == true)
    }
}
