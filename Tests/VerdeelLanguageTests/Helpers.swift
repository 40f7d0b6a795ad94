import Foundation
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

/// The repository's root, found from this file's path.
let repositoryRoot: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/")
}()

func readFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

/// Compiles scenario text given in the test, as file `test.verdeel` in the repository's
/// Scenarios directory (so `data/...` paths find the bundled data).
func compile(_ text: String, name: String = "test.verdeel") -> ScenarioLoader.Compilation {
    let path = "\(repositoryRoot)/Scenarios/\(name)"
    return ScenarioLoader.compile(path: path) { requested in
        requested == path ? Array(text.utf8) : readFile(requested)
    }
}

/// The rendered diagnostics with the repository path removed, for exact comparison.
func messages(_ compilation: ScenarioLoader.Compilation) -> [String] {
    compilation.diagnostics.map { $0.rendered.replacingOccurrences(of: "\(repositoryRoot)/Scenarios/", with: "") }
}

/// Euro amounts per region code of one measure and year, summed over components.
func euros(_ run: ScenarioRun, _ measure: String, _ year: Int, component: String? = nil) -> [String: Int64] {
    var result = [String: Int64]()
    let allocation = run.allocations.first { $0.measure == measure }?.year(year)
    for part in allocation?.components ?? [] where component == nil || part.component == component {
        for region in part.regions { result[region.region.code, default: 0] += region.amount.cents / 100 }
    }
    return result
}
