import Foundation
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

/// A scenario file and its `regions.csv` held in memory: compiled and its scenarios run
/// without touching the disk.
struct InMemoryScenario {
    /// R1: 1,000 inhabitants and 30 km2; R2: 3,000 and 10 km2 (the hand-worked tests' regions).
    static let twoRegions = """
        code,name,inhabitants,land_area_km2
        R1,One,1000,30
        R2,Two,3000,10
        """

    let compilation: ScenarioLoader.Compilation
    let read: (String) -> [UInt8]?

    init(_ text: String, data: String = InMemoryScenario.twoRegions, folder: String) {
        let path = FileManager.default.temporaryDirectory.path + "/\(folder)/s.verdeel"
        read = { requested in
            requested == path ? Array(text.utf8) : requested.hasSuffix("/regions.csv") ? Array(data.utf8) : nil
        }
        compilation = ScenarioLoader.compile(path: path, read: read)
    }

    /// Every scenario run, in file order.
    func runs() throws -> [ScenarioRun] {
        try compilation.plans.map { try ScenarioRun.run($0, read: read) }
    }
}
