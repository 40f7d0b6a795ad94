import VerdeelCore
import Foundation
import VerdeelAnalysis
import VerdeelReport
import VerdeelSimulation
import VerdeelTables

/// What a run of any kind gives any client: its typed tables, where they come from
/// (provenance, seed), the warnings that go into `provenance.json` and the notes that go
/// into the output folder's manifest; and the computed results themselves for a client that
/// shows more than the tables (the command line's terminal summaries, a server's charts).
/// Render it with ``files(format:name:language:)`` or any renderer over ``tables``.
public struct RunResult: Sendable {
    public let kind: RunKind
    public let runs: [ScenarioRun]
    public let tables: [ResultTable]
    public let provenance: Provenance
    /// The scenario files (path and bytes) the plans were compiled from.
    public let scenarioFiles: [(path: String, bytes: [UInt8])]
    /// The seed of the draws or of the design; nil for a run without either.
    public let seed: UInt64?
    /// The warnings `provenance.json` records.
    public let warnings: [Words]
    /// Why the fairness of some scenario of a plain run cannot be measured.
    public let fairnessWarnings: [Words]
    public let notes: [String]
    /// The fairness metrics of a plain run (per scenario).
    public let fairness: [(scenario: String, report: FairnessReport)]
    /// The variants and draws of a simulation.
    public let simulation: SimulationResult?
    /// The analysis of a sensitivity run.
    public let sensitivity: ScenarioSensitivity?

    init(
        kind: RunKind, runs: [ScenarioRun], tables: [ResultTable], scenarioFiles: [(path: String, bytes: [UInt8])], seed: UInt64?, warnings: [Words], notes: [String],
        fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [Words]) = ([], []), simulation: SimulationResult? = nil,
        sensitivity: ScenarioSensitivity? = nil
    ) {
        (self.kind, self.runs, self.tables, self.scenarioFiles, self.seed) = (kind, runs, tables, scenarioFiles, seed)
        provenance = Provenance(runs, scenarioFiles: scenarioFiles)
        (self.warnings, self.notes, self.simulation, self.sensitivity) = (warnings, notes, simulation, sensitivity)
        (self.fairness, fairnessWarnings) = fairness
    }

    /// The run's output files in `format` (``RunFiles``): the one JSON document or workbook
    /// is named after the kind of run (`simulation`, `sensitivity`); a plain run's JSON is
    /// `allocations.json` (``AllocationJSON``).
    public func files(format: OutputFormat, language: ReportLanguage) throws -> [OutputFile] {
        if kind == .allocation, format == .json {
            return [OutputFile("allocations.json", data: Data(try allocationJSON().utf8)), OutputFile("provenance.json", data: Data(try provenance.json(warnings: warnings).utf8))]
        }
        return try RunFiles.files(tables, format: format, name: fileName, provenance: provenance, seed: seed, warnings: warnings, language: language, names: PeopleNames(runs))
    }

    /// A plain run's results as one text on standard output: the terminal's tables, the
    /// allocations as CSV (standard or Dutch), or the JSON document; the terminal's tables
    /// in `language`'s words and numbers.
    public func text(format: OutputFormat, language: ReportLanguage = .en) throws -> String {
        switch format {
        case .table: AllocationText.text(self, language: language)
        case .csv, .csvNL: try RunFiles.text(tables[0], style: format == .csvNL ? .dutch : .standard, names: PeopleNames(runs))
        case .json: try allocationJSON()
        case .xlsx, .html, .parquet: ""
        }
    }

    private var fileName: String {
        switch kind {
        case .allocation: "allocations"
        case .simulation: "simulation"
        case .sensitivity: "sensitivity"
        }
    }

    private func allocationJSON() throws -> String {
        try AllocationJSON(runs, scenarioFiles: scenarioFiles, fairness: fairness).render()
    }
}
