import Benchmark
import SocialeAgenda
import VerdeelCore

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
}
