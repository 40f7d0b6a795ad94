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
    /// The seed of the draws or of the design; nil for a run without either.
    public let seed: UInt64?
    /// The warnings `provenance.json` records.
    public let warnings: [String]
    /// Why the fairness of some scenario of a plain run cannot be measured.
    public let fairnessWarnings: [String]
    public let notes: [String]
    /// The fairness metrics of a plain run (per scenario).
    public let fairness: [(scenario: String, report: FairnessReport)]
    /// The variants and draws of a simulation.
    public let simulation: SimulationResult?
    /// The analysis of a sensitivity run.
    public let sensitivity: ScenarioSensitivity?

    init(
        kind: RunKind, runs: [ScenarioRun], tables: [ResultTable], provenance: Provenance, seed: UInt64?, warnings: [String], notes: [String],
        fairness: (reports: [(scenario: String, report: FairnessReport)], warnings: [String]) = ([], []), simulation: SimulationResult? = nil,
        sensitivity: ScenarioSensitivity? = nil
    ) {
        (self.kind, self.runs, self.tables, self.provenance, self.seed) = (kind, runs, tables, provenance, seed)
        (self.warnings, self.notes, self.simulation, self.sensitivity) = (warnings, notes, simulation, sensitivity)
        (self.fairness, fairnessWarnings) = fairness
    }

    /// The run's output files in `format` (``RunFiles``), `name` naming the one file of a
    /// JSON document or workbook.
    public func files(format: OutputFormat, name: String, language: ReportLanguage) throws -> [(name: String, data: Data)] {
        try RunFiles.files(tables, format: format, name: name, provenance: provenance, seed: seed, warnings: warnings, language: language)
    }
}
