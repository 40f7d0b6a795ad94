import Benchmark
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelModel
import VerdeelSimulation
import VerdeelTables

/// The workloads (Benchmarks/workloads/w1..w4, and w3-floor: w3 with a floor that binds)
/// in process: compile the scenario file, load its CSV data, allocate (w1) or run every
/// variant under every draw (the others) on 2 threads. Throughput is in variant x draw x region cells. `-fairness`: the
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

    for (name, iterations) in [("w2-simplex", 20), ("w3-montecarlo", 5), ("w3-floor", 5), ("w4-national", 2)] {
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

    // Fairness's own cost per draw: every metric of 10,000 draws of w3's 13 regions (w4's
    // 342), fed block by block to one variant's accumulator and summarised, without the
    // engine (the run's per-draw populations made once beforehand, as in a run). Time per
    // iteration / 10,000 = ns per draw.
    for (name, blockSize) in [("w3-montecarlo", 304), ("w4-national", 64)] {
        Benchmark("fairness-per-draw-\(name)", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 50)) { benchmark in
            let plan = try plan("\(name).verdeel")
            let run = try ScenarioRun.run(plan)
            guard let report = try ScenarioFairness.reports([run]).reports.first?.report else { throw WorkloadError(name: name) }
            let feed = FairnessFeed(run: run, draws: 10_000, blockSize: blockSize)
            let statistic = FairnessOverDraws(report.basis, baseline: report)
            blackHole(feed.summarise(statistic))
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(feed.summarise(statistic)) }
            benchmark.stopMeasurement()
        }
    }
}

/// Synthetic draws around a scenario's baseline for timing a statistic alone: each region's
/// amount and population moved by up to 5% in a fixed pattern.
struct FairnessFeed {
    let regions: Int
    let draws: Int
    let blockSize: Int
    let amounts: [Double]
    let people: [Double]
    let baseline: [Double]

    init(run: ScenarioRun, draws: Int, blockSize: Int) {
        let table = run.table
        regions = table.regions.count
        (self.draws, self.blockSize) = (draws, blockSize)
        let codes = table.regions.map(\.code)
        let years = run.allocations.compactMap { $0.years.first }
        baseline = codes.map { code in years.reduce(0) { $0 + Double($1.amount(for: code)?.cents ?? 0) / 100 } }
        let population = table.indicators["inhabitants"] ?? Array(repeating: 1, count: regions)
        var amounts = [Double](repeating: 0, count: regions * draws), people = amounts
        for d in 0..<draws {
            let total = (0..<regions).reduce(0.0) { $0 + population[$1] * (1 + 0.05 * Self.wave(d, $1, 3)) }
            for r in 0..<regions {
                amounts[r * draws + d] = (baseline[r] * (1 + 0.05 * Self.wave(d, r, 1))).rounded()
                people[r * draws + d] = population[r] * (1 + 0.05 * Self.wave(d, r, 3)) / total
            }
        }
        (self.amounts, self.people) = (amounts, people)
    }

    /// A number in [-1, 1) that depends on draw, region and a salt.
    static func wave(_ d: Int, _ r: Int, _ salt: Int) -> Double {
        Double((d &* 7_919 &+ r &* 104_729 &* salt) % 2_000) / 1_000 - 1
    }

    func summarise(_ statistic: FairnessOverDraws) -> [[Cell]] {
        let accumulator = statistic.accumulator(StatisticContext(measure: "m", year: 2028, regions: (0..<regions).map { "R\($0)" }, baselineEuros: baseline, draws: draws))
        var block = [Double](repeating: 0, count: regions * blockSize)
        people.withUnsafeBufferPointer { people in
            var start = 0
            while start < draws {
                let width = Swift.min(blockSize, draws - start)
                for r in 0..<regions {
                    for j in 0..<width { block[r * width + j] = amounts[r * draws + start + j] }
                }
                block.withUnsafeBufferPointer { block in
                    accumulator.add(DrawBlock(amounts: block.baseAddress!, unitEuros: 1, draws: draws, width: width, start: start, regions: regions, shareRows: [people]))
                }
                start += width
            }
        }
        return accumulator.rows()
    }
}
