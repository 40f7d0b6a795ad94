import Foundation
import VerdeelModel
import VerdeelSimulation
import VerdeelTestSupport

/// Compiles, loads the data and runs the one scenario's variants and draws.
func simulate(_ text: String, files: [String: String] = [:], control: RunControl = RunControl(threads: 2)) throws -> SimulationResult {
    let compilation = compile(text, files: files)
    guard let plan = compilation.plans.first, !compilation.hasErrors else {
        throw TestFailure(compilation.diagnostics.map(\.rendered).joined())
    }
    let run = try ScenarioRun.run(plan) { read($0, files: files) }
    return try MonteCarloEngine.run(plan, table: run.table, control: control) { read($0, files: files) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Three regions with round numbers, so expected amounts can be worked out by hand.
let threeRegions = """
    code,name,inhabitants,land_area_km2
    GM0001,A,100,50
    GM0002,B,300,30
    GM0003,C,600,20
    """

let threeRegionData = """
    data {
        regions "three.csv" {
            inhabitants: count
            land_area_km2: nonnegative
        }
    }
    """

/// Scenario `s` over the three regions: measure `m` shares 1M in 2026 by `key` (plus
/// `measure` lines such as a cap), followed by `blocks` (variants, montecarlo).
func threeRegionScenario(key: String, measure: [String] = [], blocks: String) -> String {
    let statements = (["budget 2026: 1M", "key \(key)"] + measure).map { "        \($0)\n" }.joined()
    let indented = blocks.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    \($0)" }.joined(separator: "\n")
    return "scenario s {\n\(threeRegionData)\n    measure m {\n\(statements)    }\n\(indented)\n}\n"
}
