import Benchmark
import Foundation
import VerdeelAnalysis
import VerdeelLanguage
import VerdeelReport
import VerdeelSimulation

/// Rendering what people read, from the tables of a finished run (the run itself is set up
/// once, outside the measurement): the HTML report and the xlsx workbook of w3 (1,000
/// variants x 13 regions: summary, variants and fairness over the draws) and the workbook
/// of the bundled scenario's seven plain scenarios. The report's target is under 1 s.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 20)
    let root = "/" + #filePath.split(separator: "/").dropLast(4).joined(separator: "/")

    struct Missing: Error { let what: String }

    /// w3's tables as `verdeel run --output` writes them, and its provenance.
    func w3Tables() throws -> (tables: [(name: String, contents: String)], provenance: Provenance, run: ScenarioRun) {
        let path = "\(root)/Benchmarks/workloads/w3-montecarlo.verdeel"
        guard let plan = ScenarioLoader.compile(path: path, read: ScenarioRun.readFromDisk).plans.last, let bytes = ScenarioRun.readFromDisk(path) else {
            throw Missing(what: path)
        }
        let run = try ScenarioRun.run(plan)
        guard let report = try ScenarioFairness.reports([run]).reports.first?.report else { throw Missing(what: "fairness") }
        let result = try MonteCarloEngine.run(plan, table: run.table, control: RunControl(threads: 2), statistics: [FairnessOverDraws(report.basis, baseline: report)])
        let tables = RunTables.simulation(result)
        return (tables, Provenance([run], scenarioFiles: [(path, bytes)]), run)
    }

    Benchmark("report-w3") { benchmark in
        let (tables, provenance, _) = try w3Tables()
        let bytes = tables.map { ($0.fileName, Array(CSVRenderer.text($0).utf8)) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let input = try ReportInput(tables: bytes, provenance: provenance.document(seed: 42), scenario: "w3", baseline: nil)
            blackHole(try HTMLReport(input).render())
        }
        benchmark.stopMeasurement()
    }

    Benchmark("workbook-w3") { benchmark in
        let (tables, provenance, _) = try w3Tables()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try WorkbookRenderer.workbook(tables, provenance: provenance, seed: 42, warnings: [], language: .nl))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("workbook-bundled") { benchmark in
        let path = "\(root)/Scenarios/sociale-agenda.verdeel"
        let runs = try ScenarioLoader.compile(path: path, read: ScenarioRun.readFromDisk).plans.map { try ScenarioRun.run($0) }
        let tables = RunTables.allocation(runs, fairness: [])
        let provenance = Provenance(runs, scenarioFiles: [])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try WorkbookRenderer.workbook(tables, provenance: provenance, seed: nil, warnings: [], language: .nl))
        }
        benchmark.stopMeasurement()
    }
}
