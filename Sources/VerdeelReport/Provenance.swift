import Crypto
import Foundation
import VerdeelCore
import VerdeelTables
import VerdeelSimulation

/// Where a run's results come from, written next to every output as `provenance.json`
/// and inside the JSON output: the engine and its version, every scenario file read with
/// its SHA-256, every data table (path, source, columns, whether synthetic), the seed of
/// the run's draws when it has one, the synthetic-data notice when any table is
/// synthetic, and the run's warnings.
public struct Provenance: Sendable {
    public struct FileProvenance: Codable, Sendable {
        public let path: String
        public let sha256: String
    }

    public struct DataProvenance: Codable, Sendable {
        public let scenario: String
        public let table: String
        public let path: String
        public let synthetic: Bool
        public let source: String?
        public let columns: [String]
    }

    /// provenance.json as written and read back (`verdeel report` of an output folder).
    public struct Document: Codable, Sendable {
        public let engine: String
        public let engineVersion: String
        /// The scenarios run (absent in folders of engines before 0.3.0).
        public let scenarios: [String]?
        public let scenarioFiles: [FileProvenance]
        public let dataFiles: [DataProvenance]
        public let syntheticData: Bool
        public let notice: String?
        public let seed: UInt64?
        /// The run's warnings, in English.
        public let warnings: [String]
        /// The same warnings in Dutch, in the same order (absent without warnings, and in
        /// folders written before Dutch warnings).
        public let dutchWarnings: [String]?
        /// The parameters set on top of the scenario files (`--set`), per scenario; absent when none.
        public let settings: [ScenarioSettings]?

        /// The warnings in the language asked for; English where the document has no Dutch
        /// ones (an older folder) or a different number of them.
        public func warnings(in language: ReportLanguage) -> [String] {
            guard language == .nl, let dutch = dutchWarnings, dutch.count == warnings.count else { return warnings }
            return dutch
        }
    }

    /// A scenario's parameters set on top of its file.
    public struct ScenarioSettings: Codable, Sendable {
        public let scenario: String
        public let settings: [String]
    }

    let scenarios: [String]
    let scenarioFiles: [FileProvenance]
    let dataFiles: [DataProvenance]
    let synthetic: Bool
    let settings: [ScenarioSettings]

    public init(_ runs: [ScenarioRun], scenarioFiles: [(path: String, bytes: [UInt8])]) {
        scenarios = runs.map(\.plan.name)
        self.scenarioFiles = scenarioFiles.map { FileProvenance(path: $0.path, sha256: SHA256.hash(data: $0.bytes).map { String(format: "%02x", $0) }.joined()) }
        dataFiles = runs.flatMap { run in
            run.plan.data.tables.map { DataProvenance(scenario: run.plan.name, table: $0.name, path: $0.path, synthetic: $0.synthetic, source: $0.source, columns: $0.columns.map(\.column)) }
        }
        synthetic = runs.contains { $0.plan.data.hasSyntheticData }
        settings = runs.compactMap { run in run.plan.settings.map { ScenarioSettings(scenario: run.plan.name, settings: $0) } }
    }

    public func document(seed: UInt64? = nil, warnings: [Words] = []) -> Document {
        Document(
            engine: "verdeel", engineVersion: AllocationJSON.engineVersion, scenarios: scenarios, scenarioFiles: scenarioFiles, dataFiles: dataFiles,
            syntheticData: synthetic, notice: synthetic ? AllocationJSON.syntheticNotice : nil, seed: seed, warnings: warnings.map(\.english),
            dutchWarnings: warnings.isEmpty ? nil : warnings.map(\.dutch), settings: settings.isEmpty ? nil : settings)
    }

    /// `provenance.json`, with the run's seed and warnings.
    public func json(seed: UInt64? = nil, warnings: [Words] = []) throws -> String {
        try Self.encode(document(seed: seed, warnings: warnings))
    }

    /// A results document with the provenance in front: `{"provenance": ..., "KEY": rows}`.
    public func json<Rows: Encodable>(_ key: String, _ rows: Rows, seed: UInt64? = nil, warnings: [Words] = []) throws -> String {
        try json([(key, rows)], seed: seed, warnings: warnings)
    }

    /// A results document with the provenance and several sections: `{"provenance": ..., "KEY": rows, ...}`.
    public func json(_ sections: [(key: String, rows: any Encodable)], seed: UInt64? = nil, warnings: [Words] = []) throws -> String {
        try Self.encode(Envelope(provenance: document(seed: seed, warnings: warnings), sections: sections))
    }

    /// A document in verdeel's one JSON key style (``JSONKeyStyle``).
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONKeyStyle.encoder().encode(value), as: UTF8.self) + "\n"
    }

    private struct Envelope: Encodable {
        let provenance: Document
        let sections: [(key: String, rows: any Encodable)]

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(provenance, forKey: Key(stringValue: "provenance"))
            for (key, rows) in sections { try container.encode(rows, forKey: Key(stringValue: key)) }
        }
    }
}
