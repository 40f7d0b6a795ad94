import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTables

extension Workbench {
    /// The scenario of `request` with its changes, allocated and compared with the baseline:
    /// the changed scenario's allocations, top-slices, earmarks, fairness and Lorenz
    /// curves, the change of every amount against the baseline (`compare`) and of every
    /// fairness metric (`compare_fairness`). Bad changes are refused with the index of the
    /// change at fault; a scenario that cannot be allocated so changed, with its reason.
    public func allocate(_ request: AllocationRequest) throws(WorkbenchError) -> Allocated {
        guard request.changes.count <= Self.maximumChanges else {
            throw WorkbenchError(.badRequest, field: "changes", "at most \(Self.maximumChanges) changes at once; remove some")
        }
        try request.checkTables()
        let (start, file) = try scenario(request.scenario, field: "scenario")
        let (baseRun, baseFile) = try scenario(request.baseline ?? request.scenario, field: "baseline")
        let changed = try applied(request.changes, to: start.plan)
        let runs: [ScenarioRun]
        do { runs = [baseRun, try file.session.reallocate(changed, on: start)] } catch {
            throw WorkbenchError(.unprocessable, field: request.changes.isEmpty ? "scenario" : "changes", "the scenario cannot be allocated so: \(error)")
        }
        let measured: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words])
        do { measured = try file.session.fairness(runs) } catch {
            throw WorkbenchError(.unprocessable, field: "changes", "the fairness metrics cannot be computed so: \(error)")
        }
        let read = ([file] + (baseFile.path == file.path ? [] : [baseFile])).flatMap(\.files)
        if let measure = request.measure, !changed.measures.contains(where: { $0.id == measure }) {
            let known = changed.measures.map(\.id)
            throw WorkbenchError(.notFound, field: "measure", "scenario '\(request.scenario)' has no measure '\(measure)' (measures: \(known.joined(separator: ", ")))")
        }
        let allocated = Allocated(
            runs: runs, fairness: measured.reports, warnings: runs.flatMap(\.warnings) + measured.warnings, files: read, wanted: request.tables, measure: request.measure)
        return allocated
    }

    /// `plan` with `changes` applied; the first diagnostic refused as the change it is in.
    func applied(_ changes: [String], to plan: ScenarioPlan) throws(WorkbenchError) -> ScenarioPlan {
        switch changeReader.apply(changes, to: plan) {
        case .success(let changed): return changed
        case .failure(let mistake):
            throw WorkbenchError(.unprocessable, field: "changes[\(mistake.index)]", mistake.message + (mistake.suggestion.map { "; \($0)" } ?? ""))
        }
    }
}

/// A scenario allocated with changes and its baseline (``Workbench/allocate(_:)``): the
/// typed tables, as one JSON document with the provenance (engine version, each scenario
/// file's SHA-256) or as the download a format gives.
public struct Allocated: Sendable {
    /// The baseline, then the changed scenario.
    public let runs: [ScenarioRun]
    public let fairness: [(scenario: String, report: FairnessReport)]
    public let warnings: [Words]
    public let files: [(path: String, bytes: [UInt8])]
    /// The tables asked for; nil for all.
    let wanted: [String]?
    /// The measure whose rows are asked for (with those of all measures together); nil for all.
    let measure: String?

    var changed: ScenarioRun { runs[1] }

    /// Every table an answer can hold, in order.
    public static let tableNames = ["allocations", "topslices", "earmarks", "fairness", "lorenz", "compare", "compare_fairness"]

    /// Every table, in order: the changed scenario's, then the comparison with the baseline.
    public var tables: [ResultTable] { tables(Self.tableNames) }

    /// The tables named, in ``tableNames`` order, each made only when named: the changed
    /// scenario's as a run writes them (``RunTables``), then the comparison with the baseline.
    func tables(_ names: [String]) -> [ResultTable] {
        // The reports follow the runs: the changed scenario's is the second when both are measured.
        let own = fairness.count == 2 ? [fairness[1]] : []
        var made = RunTables.allocation([changed], fairness: own, named: Set(names))
        if names.contains("compare") { made.append(Comparison(runs).table()) }
        if names.contains("compare_fairness"), fairness.count == 2 {
            made.append(FairnessTables.changesTable(FairnessTables.changes(from: fairness[0], to: fairness[1])))
        }
        return made
    }

    public var provenance: Provenance { Provenance(runs, scenarioFiles: files) }

    /// The table with only the rows of the measure asked for and of all measures together.
    private func rowsOfMeasure(_ table: ResultTable) -> ResultTable {
        guard let measure else { return table }
        return table.keepingRows(where: Column.measure.id) { $0 == measure || $0 == "all" }
    }

    private var parameterWords: ParameterWords {
        ParameterWords(measureTitles: Dictionary(changed.plan.measures.map { ($0.id, $0.title) }) { first, _ in first })
    }

    /// The answer of the API: the engine's version, the scenario as changed and its
    /// changes, the SHA-256 of its file, the provenance, the warnings in both languages, the
    /// names for people of the codes in the tables (scenarios, measures, fairness metrics),
    /// the parameters as changed (the weights not set share the rest), and the tables in
    /// columns (``ColumnarJSONRenderer``).
    public func json() throws -> String {
        let string = ColumnarJSONRenderer.string
        let provenance = self.provenance
        let words = { (words: Words) in "{\"nl\":" + string(words.dutch) + ",\"en\":" + string(words.english) + "}" }
        let scenarios = runs.map { string($0.plan.name) + ":" + string($0.plan.title ?? $0.plan.name) }
        let measures = changed.plan.measures.map { string($0.id) + ":" + string($0.title) } + ["\"all\":" + words(PeopleNames.allMeasures)]
        let metrics = (fairness.first?.report.basis.settings.metrics ?? []).map { string($0.description) + ":" + words($0.words) }
        let names = "{\"scenarios\":{" + scenarios.joined(separator: ",") + "},\"measures\":{" + measures.joined(separator: ",")
            + "},\"metrics\":{" + metrics.joined(separator: ",") + "}}"
        return "{\"engine_version\":" + string(AllocationJSON.engineVersion)
            + ",\"scenario\":" + string(changed.plan.name)
            + ",\"changes\":[" + (changed.plan.settings ?? []).map(string).joined(separator: ",") + "]"
            + ",\"scenario_sha256\":" + string(provenance.document().scenarioFiles.first?.sha256 ?? "")
            + ",\"provenance\":" + (try provenance.json(warnings: warnings))
            + ",\"warnings\":[" + warnings.map(words).joined(separator: ",") + "]"
            + ",\"names\":" + names
            + ",\"map\":" + mapJSON()
            + ",\"parameters\":" + String(decoding: try JSONKeyStyle.encoder().encode(changed.plan.measures.map { ScenarioList.Measure($0, words: parameterWords) }), as: UTF8.self)
            + ",\"tables\":" + ColumnarJSONRenderer.tables(tables(wanted ?? Self.tableNames).map(rowsOfMeasure)) + "}"
    }

    /// The download of `format`: `csv` and `csv-nl` the table `table` (default `allocations`),
    /// `xlsx` every table in one workbook in `language`.
    public func download(_ format: OutputFormat, table name: String?, language: ReportLanguage) throws(WorkbenchError) -> (name: String, data: Data) {
        switch format {
        case .csv, .csvNL:
            let wanted = name ?? "allocations"
            guard let table = tables.first(where: { $0.name == wanted }) else {
                throw WorkbenchError(.notFound, field: "table", "there is no table '\(wanted)' (tables: \(tables.map(\.name).joined(separator: ", ")))")
            }
            do {
                return (table.fileName, Data(try RunFiles.text(table, style: format == .csvNL ? .dutch : .standard, names: PeopleNames(runs)).utf8))
            } catch {
                throw WorkbenchError(.unprocessable, field: "table", "the table cannot be made: \(error)")
            }
        case .xlsx:
            do {
                let data = try WorkbookRenderer.workbook(tables, provenance: provenance, seed: nil, warnings: warnings, language: language, names: PeopleNames(runs))
                return ("workbench.xlsx", data)
            } catch {
                throw WorkbenchError(.unprocessable, field: "format", "the workbook cannot be made: \(error)")
            }
        case .table, .json, .html, .parquet:
            throw WorkbenchError(.badRequest, field: "format", "download csv, csv-nl, xlsx or verdeel")
        }
    }
}
