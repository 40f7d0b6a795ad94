import Foundation
import VerdeelCore
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTables

extension Workbench {
    /// "How sure?": the scenario of `request` with its changes, ready to run its
    /// `montecarlo` block (its draws only, no variants) around that setting. Everything a
    /// client can get wrong is refused here, before a run starts: an unknown scenario, bad
    /// changes, a scenario without a `montecarlo` block.
    public func howSure(_ request: AllocationRequest) throws(WorkbenchError) -> HowSureRun {
        guard request.changes.count <= Self.maximumChanges else {
            throw WorkbenchError(.badRequest, field: "changes", "at most \(Self.maximumChanges) changes at once; remove some")
        }
        let (start, file) = try scenario(request.scenario, field: "scenario")
        let changed = try applied(request.changes, to: start.plan)
        guard let plan = changed.monteCarloOnly else {
            let others = files.flatMap(\.plans).filter { $0.simulation?.monteCarlo != nil }.map(\.name)
            let hint = others.isEmpty ? "no scenario served has one" : "scenarios with one: \(others.joined(separator: ", "))"
            throw WorkbenchError(.unprocessable, field: "scenario", "scenario '\(request.scenario)' has no montecarlo block to run; \(hint)")
        }
        if let measure = request.measure, !plan.measures.contains(where: { $0.id == measure }) {
            throw WorkbenchError(.notFound, field: "measure", "scenario '\(request.scenario)' has no measure '\(measure)' (measures: \(plan.measures.map(\.id).joined(separator: ", ")))")
        }
        let run: ScenarioRun
        do { run = try file.session.reallocate(plan, on: start) } catch {
            throw WorkbenchError(.unprocessable, field: request.changes.isEmpty ? "scenario" : "changes", "the scenario cannot be allocated so: \(error)")
        }
        return HowSureRun(run: run, session: file.session, files: file.files, measure: request.measure)
    }
}

/// A "how sure?" run waiting to start (``Workbench/howSure(_:)``): the changed scenario
/// allocated, its Monte Carlo block, and the measure whose rows the answer holds.
public struct HowSureRun: Sendable {
    let run: ScenarioRun
    let session: ScenarioSession
    let files: [(path: String, bytes: [UInt8])]
    let measure: String?

    /// The number of draws the run makes.
    public var draws: Int { run.plan.simulation?.monteCarlo?.draws ?? 0 }

    /// Runs the draws under `control` (its threads, progress and cancellation): each
    /// municipality's P5, P50 and P95 over the draws and, with the fairness block's loss
    /// thresholds, the probability of losing more than each per inhabitant against the
    /// setting's own allocation. Results depend only on the scenario's seed, never on
    /// `control`'s threads.
    public func callAsFunction(control: RunControl) throws(WorkbenchError) -> HowSureAnswer {
        let statistics: (statistics: [any DrawStatistic], warnings: [Words])
        do { statistics = try session.drawStatistics(run, fairness: run.plan.fairness != nil) } catch {
            throw WorkbenchError(.unprocessable, field: "scenario", "the fairness over the draws cannot be measured: \(error)")
        }
        do {
            let result = try session.simulate(run, statistics: statistics.statistics, control: control)
            return HowSureAnswer(run: run, result: result, files: files, warnings: run.warnings + statistics.warnings, measure: measure)
        } catch SimulationError.interrupted {
            throw WorkbenchError(.cancelled, field: "body", "the run was cancelled")
        } catch {
            throw WorkbenchError(.unprocessable, field: "scenario", "the Monte Carlo run cannot be made: \(error)")
        }
    }
}

/// What a "how sure?" run found, as one JSON document: the engine's version, the scenario
/// as changed, its file's SHA-256, the draws and the seed that fix them, the synthetic
/// notice where the data is synthetic, and the tables `summary` (each amount's mean, sd, P5,
/// P50, P95 and probability of being below the setting's own allocation) and `losses` (each
/// region's probability of losing more than each threshold per inhabitant), in columns.
public struct HowSureAnswer: Sendable {
    let run: ScenarioRun
    let result: SimulationResult
    let files: [(path: String, bytes: [UInt8])]
    let warnings: [Words]
    let measure: String?

    public var tables: [ResultTable] {
        let wanted: Set<String> = ["summary", "losses"]
        let tables = RunTables.simulation(result, words: ParameterWords(run)).filter { wanted.contains($0.name) }
        guard let measure else { return tables }
        return tables.map { $0.keepingRows(where: Column.measure.id) { $0 == measure || $0 == "all" } }
    }

    public func json() throws -> String {
        let string = ColumnarJSONRenderer.string
        let words = { (words: Words) in "{\"nl\":" + string(words.dutch) + ",\"en\":" + string(words.english) + "}" }
        let provenance = Provenance([run], scenarioFiles: files)
        let monteCarlo = run.plan.simulation?.monteCarlo
        return "{\"engine_version\":" + string(AllocationJSON.engineVersion)
            + ",\"scenario\":" + string(run.plan.name)
            + ",\"changes\":[" + (run.plan.settings ?? []).map(string).joined(separator: ",") + "]"
            + ",\"scenario_sha256\":" + string(provenance.document().scenarioFiles.first?.sha256 ?? "")
            + ",\"draws\":" + String(monteCarlo?.draws ?? 0) + ",\"seed\":" + String(monteCarlo?.seed ?? 0)
            + ",\"synthetic\":" + (run.plan.data.hasSyntheticData ? "true" : "false")
            + ",\"losses\":[" + (run.plan.fairness?.losses ?? []).sorted().map { Cell.shortest($0) }.joined(separator: ",") + "]"
            + ",\"warnings\":[" + warnings.map(words).joined(separator: ",") + "]"
            + ",\"tables\":" + ColumnarJSONRenderer.tables(tables) + "}"
    }
}
