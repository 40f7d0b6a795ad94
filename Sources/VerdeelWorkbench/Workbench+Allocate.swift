import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelLanguage
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
        let (plan, file) = try scenario(request.scenario, field: "scenario")
        let (basePlan, baseFile) = try scenario(request.baseline ?? request.scenario, field: "baseline")
        let changed = try Self.applied(request.changes, to: plan)
        let runs: [ScenarioRun]
        do { runs = try baseFile.session.allocate([basePlan]) + file.session.allocate([changed]) } catch {
            throw WorkbenchError(.unprocessable, field: request.changes.isEmpty ? "scenario" : "changes", "the scenario cannot be allocated so: \(error)")
        }
        let measured: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words])
        do { measured = try file.session.fairness(runs) } catch {
            throw WorkbenchError(.unprocessable, field: "changes", "the fairness metrics cannot be computed so: \(error)")
        }
        let read = ([file] + (baseFile.path == file.path ? [] : [baseFile])).flatMap(\.files)
        return Allocated(runs: runs, fairness: measured.reports, warnings: runs.flatMap(\.warnings) + measured.warnings, files: read)
    }

    /// `plan` with `changes` applied; the first diagnostic refused as the change it is in.
    static func applied(_ changes: [String], to plan: ScenarioPlan) throws(WorkbenchError) -> ScenarioPlan {
        switch ParameterSettings(changes).apply(to: plan) {
        case .success(let changed): return changed
        case .failure(let error):
            let diagnostic = error.diagnostics.first
            let index = diagnostic.flatMap { found in changes.firstIndex { $0 == found.sourceLine } } ?? 0
            let hint = diagnostic?.suggestion.map { "; \($0)" } ?? ""
            throw WorkbenchError(.unprocessable, field: "changes[\(index)]", (diagnostic?.message ?? "the change cannot be applied") + hint)
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

    var changed: ScenarioRun { runs[1] }

    /// The changed scenario's tables, then the comparison with the baseline.
    public var tables: [ResultTable] {
        // The reports follow the runs; the changed scenario's is the last when both are measured.
        let own = fairness.count == 2 ? [fairness[1]] : fairness.filter { $0.scenario == changed.plan.name }.prefix(1).map { $0 }
        var tables = RunTables.allocation([changed], fairness: own) + [Comparison(runs).table()]
        if fairness.count == 2 { tables.append(FairnessTables.changesTable(FairnessTables.changes(from: fairness[0], to: fairness[1]))) }
        return tables
    }

    public var provenance: Provenance { Provenance(runs, scenarioFiles: files) }

    /// `{"provenance": ..., "tables": {...}}`, the document `--format json` writes.
    public func json() throws -> String {
        try JSONRenderer.document(tables, provenance: provenance, seed: nil, warnings: warnings)
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
            return (table.fileName, Data(RunFiles.text(table, style: format == .csvNL ? .dutch : .standard, names: PeopleNames(runs)).utf8))
        case .xlsx:
            do {
                let data = try WorkbookRenderer.workbook(tables, provenance: provenance, seed: nil, warnings: warnings, language: language, names: PeopleNames(runs))
                return ("workbench.xlsx", data)
            } catch {
                throw WorkbenchError(.unprocessable, field: "format", "the workbook cannot be made: \(error)")
            }
        case .table, .json, .html:
            throw WorkbenchError(.badRequest, field: "format", "download csv, csv-nl or xlsx")
        }
    }
}
