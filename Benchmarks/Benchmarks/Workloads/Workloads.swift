import Benchmark
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelSimulation

/// The four workloads (Benchmarks/workloads/w1..w4) in process: compile the
/// scenario file, load its CSV data, allocate (w1) or run every variant under every draw
/// (w2-w4) on 2 threads. Throughput is in variant x draw x region cells. `-fairness`: the
/// same Monte Carlo runs with every fairness metric computed per draw (the scenarios'
/// default fairness, by inhabitants), next to the runs without.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident], maxDuration: .seconds(5))
    let directory = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/workloads"

    struct WorkloadError: Error { let name: String }

    func plan(_ name: String) throws -> ScenarioPlan {
        guard let plan = ScenarioLoader.compile(path: "\(directory)/\(name)", read: ScenarioRun.readFromDisk).plans.last else {
            throw WorkloadError(name: name)
        }
        return plan
    }

    Benchmark("w1-baseline", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ScenarioRun.run(try plan("w1-baseline.verdeel")))
        }
    }

    for (name, iterations) in [("w2-simplex", 20), ("w3-montecarlo", 5), ("w4-national", 2)] {
        Benchmark(name, configuration: .init(maxIterations: iterations)) { benchmark in
            for _ in benchmark.scaledIterations {
                let plan = try plan("\(name).verdeel")
                let run = try ScenarioRun.run(plan)
                blackHole(try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2)))
            }
        }
    }

    for (name, iterations) in [("w3-montecarlo", 5), ("w4-national", 2)] {
        Benchmark("\(name)-fairness", configuration: .init(maxIterations: iterations)) { benchmark in
            for _ in benchmark.scaledIterations {
                let plan = try plan("\(name).verdeel")
                let run = try ScenarioRun.run(plan)
                guard let report = try ScenarioFairness.reports([run]).reports.first?.report else { throw WorkloadError(name: name) }
                let statistics = [FairnessOverDraws(report.basis, baseline: report)]
                blackHole(try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: statistics))
            }
        }
    }
}
