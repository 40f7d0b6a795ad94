import Benchmark
import Foundation
import VerdeelAnalysis
import VerdeelData
import VerdeelDesign
import VerdeelLanguage
import VerdeelSimulation

/// The sensitivity analyses in process, on 2 threads: the 342-output Sobol analysis of
/// Benchmarks/peer/sensitivity.py without the file (12 factors in 6 groups, N = 1024, 100
/// resamples; throughput in outputs), reading its 8192 x 342 numbers as numpy.savetxt
/// writes them (throughput in numbers), the bundled sensitivity scenario (4,608 design rows,
/// each an exact allocation), and the Shapley attribution of baseline -> horizon_2030.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident], maxDuration: .seconds(5))
    let scenarios = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/Scenarios"

    struct Missing: Error { let what: String }

    let factors = (0..<12).map { SensitivityProblem.Factor(name: "x\($0)", lower: 0, upper: 1, group: "g\($0 / 2)") }
    let outputs = 342

    func table() throws -> (rows: Int, values: [Double]) {
        let design = try SaltelliDesign(problem: try SensitivityProblem(factors: factors), baseCount: 1024, secondOrder: false).matrix(seed: 3)
        var values = [Double]()
        values.reserveCapacity(design.rows * outputs)
        for r in 0..<design.rows {
            for o in 0..<outputs {
                let x = design[r, o % 12], y = design[r, (o * 7 + 3) % 12]
                values.append(sin(Double(o % 5 + 1) * x) + 0.1 * y * y)
            }
        }
        return (design.rows, values)
    }

    Benchmark("sobol-analysis-342-outputs", configuration: .init(scalingFactor: .one, maxIterations: 20)) { benchmark in
        let (rows, values) = try table()
        let analysis = try SobolAnalysis(groups: 6, secondOrder: false, resamples: 100, seed: 7)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try analysis.analyze(values: values, rows: rows, outputs: outputs, threads: 2)) }
        benchmark.stopMeasurement()
    }

    Benchmark("number-table-8192x342", configuration: .init(scalingFactor: .one, maxIterations: 20)) { benchmark in
        let (_, values) = try table()
        var text = ""
        text.reserveCapacity(values.count * 26)
        for (i, value) in values.enumerated() {
            text += String(format: "%.18e", value)
            text += (i + 1) % outputs == 0 ? "\n" : " "
        }
        let bytes = Array(text.utf8)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try NumberTable(name: "Y.txt", bytes: bytes, threads: 2)) }
        benchmark.stopMeasurement()
    }

    func run(_ file: String, _ scenario: String) throws -> ScenarioRun {
        let compilation = ScenarioLoader.compile(path: "\(scenarios)/\(file)", read: ScenarioRun.readFromDisk)
        guard let plan = compilation.plans.first(where: { $0.name == scenario }) else { throw Missing(what: scenario) }
        return try ScenarioRun.run(plan)
    }

    Benchmark("scenario-sensitivity-sociale-agenda", configuration: .init(maxIterations: 10)) { benchmark in
        let scenario = try run("sociale-agenda-sensitivity.verdeel", "sensitivity")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try ScenarioSensitivity.run(scenario.plan, table: scenario.table, threads: 2)) }
        benchmark.stopMeasurement()
    }

    Benchmark("shapley-baseline-horizon_2030", configuration: .init(maxIterations: 20)) { benchmark in
        let a = try run("sociale-agenda.verdeel", "baseline"), b = try run("sociale-agenda.verdeel", "horizon_2030")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try ShapleyAttribution.explain(a, b, read: ScenarioRun.readFromDisk)) }
        benchmark.stopMeasurement()
    }
}
