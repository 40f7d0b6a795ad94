import Foundation
import Testing
import VerdeelModel
import VerdeelReport
import VerdeelSimulation
import VerdeelTables
import VerdeelTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Kept draws through their working file (``DrawSpill``): the same rows as held in memory,
/// no file left in the folder, and a disk that fails on writing or reading stops the run or
/// the table with the system's reason instead of losing rows.
struct DrawSpillTests {
    static let text = threeRegionScenario(key: "land_area_km2 60%, inhabitants 40%", blocks: """
        variants {
            base m in 0, 10k, 20k
        }
        montecarlo {
            draws 70
            seed 13
            perturb land_area_km2 normal sd 10%
        }
        """)

    func run(_ statistic: KeptDraws) throws -> SimulationResult {
        let compilation = compile(Self.text, files: ["three.csv": threeRegions])
        let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
        let run = try ScenarioRun.run(plan) { read($0, files: ["three.csv": threeRegions]) }
        return try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2, chunk: 1), statistics: [statistic]) {
            read($0, files: ["three.csv": threeRegions])
        }
    }

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "spill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// 3 variants x 70 draws x 3 regions, with the perturbed area: every row as in memory,
    /// read back in any range (the table's chunks cut variants anywhere), and the folder stays
    /// empty (the file's name is removed when it is made).
    @Test func spilledRowsAreTheRowsHeldInMemory() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let held = try run(KeptDraws(count: 1_000, inputs: ["land_area_km2"]))
        let spill = try DrawSpill(folder: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let spilled = try run(KeptDraws(count: 1_000, inputs: ["land_area_km2"], spill: spill))
        let (ours, theirs) = (try #require(spilled.tables.first), try #require(held.tables.first))
        #expect(ours.rows.map(\.count) == [210, 210, 210])
        #expect(ours.rows == theirs.rows)
        var pieces = [[Cell]]()
        for range in [0..<7, 7..<8, 8..<150, 150..<210] { ours.variantRows[1].forEach(in: range) { pieces.append($0) } }
        #expect(pieces == theirs.rows[1])
        #expect(spill.failure == nil)
    }

    /// /dev/full takes no byte ("No space left on device"): the run stops with that reason.
    @Test func aFullDiskStopsTheRun() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        let spill = DrawSpill(descriptor: descriptor, folder: "/dev")
        #expect {
            try run(KeptDraws(count: 10, spill: spill))
        } throws: { error in
            "\(error)".contains("No space left on device") && "\(error)".contains("no output was written")
        }
    }

    /// A file that can be written but not read: the run ends, and its table cannot be
    /// written (CSV throws the reason) rather than be written without the rows.
    @Test func aFileThatCannotBeReadBackFailsTheTable() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let descriptor = open(folder + "/draws", O_WRONLY | O_CREAT, 0o600)
        try #require(descriptor >= 0)
        let result = try run(KeptDraws(count: 10, spill: DrawSpill(descriptor: descriptor, folder: folder)))
        let table = SimulationTables.table(try #require(result.tables.first))
        #expect {
            try CSVRenderer.text(table)
        } throws: { error in
            "\(error)".contains("the rows of draws could not be read back") && "\(error)".contains("Bad file descriptor")
        }
    }
}
