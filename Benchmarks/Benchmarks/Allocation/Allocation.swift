import Benchmark
import Foundation
import SocialeAgenda
import VerdeelCore
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation

/// The Sociale Agenda baseline: three measures, 2026-2032, 13 municipalities (the
/// allocation only; loading the CSV files is outside the measurement).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal], maxDuration: .seconds(3))

    Benchmark("SocialeAgendaBaseline") { benchmark in
        let data = #filePath.split(separator: "/").dropLast(4).joined(separator: "/")
        let table = try SocialeAgendaData.load(directory: "/\(data)/Scenarios/data")
        let measures = SocialeAgenda.baseline()
        let allocator = Allocator(table: table)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try allocator.allocate(measures))
        }
        benchmark.stopMeasurement()
    }

    /// Lexing, parsing and checking the bundled scenario file (7 scenarios, 3 measures).
    Benchmark("CompileBundledScenario") { benchmark in
        let path = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/Scenarios/sociale-agenda.verdeel"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(ScenarioLoader.compile(path: path, read: ScenarioRun.readFromDisk))
        }
        benchmark.stopMeasurement()
    }

    /// The whole `verdeel check` of the source-document figures: compile two files, load
    /// the CSV data and allocate 8 scenarios, evaluate 7 assertions.
    Benchmark("CheckSourceDocumentFigures") { benchmark in
        let path = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/Scenarios/source-document-figures.verdeel"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let compilation = ScenarioLoader.compile(path: path, read: ScenarioRun.readFromDisk)
            for plan in compilation.plans { blackHole(try ScenarioRun.run(plan)) }
        }
        benchmark.stopMeasurement()
    }
}
