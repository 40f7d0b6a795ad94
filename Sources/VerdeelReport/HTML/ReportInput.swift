import Foundation
import VerdeelCore
import VerdeelData
import VerdeelTables

/// What a report shows, as tables: the typed tables a run makes (`allocations`, `fairness`,
/// `lorenz`, `summary`, `variants`, `fairness_summary`, `losses`, `sobol`, `morris`, ...)
/// and its provenance, plus what only the scenario file knows (measure titles, the
/// fairness block's loss thresholds, the assertions and their results). A report of an
/// output folder and one of a scenario run in memory are built the same way.
public struct ReportInput: Sendable {
    /// An assertion of the scenario and whether the results meet it.
    public struct Assertion: Sendable {
        public let scenario: String
        public let text: String
        public let met: Bool

        public init(scenario: String, text: String, met: Bool) {
            self.scenario = scenario
            self.text = text
            self.met = met
        }
    }

    public let tables: [String: ResultTable]
    /// Each table's rows as dictionaries by column name, made once for every section.
    private let records: [String: [[String: String]]]
    public let provenance: Provenance.Document
    public let scenario: String
    public let baseline: String?
    public let measureTitles: [String: String]
    /// Each scenario's title (`title "..."`) by its id, where it has one.
    public let scenarioTitles: [String: String]
    public let lossThresholds: [Double]
    public let assertions: [Assertion]
    /// The variant whose draws the Monte Carlo section shows (1-based); nil for the middle one.
    public let variant: Int?
    /// The municipality whose amount the heatmap shows; nil for the first.
    public let region: String?

    public init(
        tables: [ResultTable], provenance: Provenance.Document, scenario: String, baseline: String?, measureTitles: [String: String] = [:],
        scenarioTitles: [String: String] = [:],
        lossThresholds: [Double] = [], assertions: [Assertion] = [], variant: Int? = nil, region: String? = nil
    ) throws(ReportError) {
        self.tables = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        records = self.tables.mapValues(Self.records)
        self.provenance = provenance
        self.scenario = scenario
        self.baseline = baseline
        self.measureTitles = measureTitles
        self.scenarioTitles = scenarioTitles
        self.lossThresholds = lossThresholds
        self.assertions = assertions
        self.variant = variant
        self.region = region
        try check()
    }

    /// The rows of a table as dictionaries by column name (empty when the table is absent).
    func rows(_ table: String) -> [[String: String]] {
        records[table] ?? []
    }

    /// Each row as its cells' text by column id (a number as written, an empty cell absent).
    private static func records(_ table: ResultTable) -> [[String: String]] {
        let ids = table.columns.map(\.id)
        return table.rows.map { cells in
            var row = [String: String]()
            for (index, cell) in cells.enumerated() where index < ids.count && cell != .empty { row[ids[index]] = cell.csvText }
            return row
        }
    }

    /// A variant or region asked for must be in the results (a report never shows an empty
    /// section for a variant the run does not have).
    private func checkVariantAndRegion() throws(ReportError) {
        let summary = rows("summary")
        if let variant {
            let variants = Set(summary.compactMap { $0["variant"].flatMap(Int.init) })
            guard variants.contains(variant) else { throw .unknownVariant(variant, count: variants.max() ?? 0) }
        }
        if let region {
            let regions = Set(summary.compactMap { $0["region"] } + rows("allocations").compactMap { $0["region"] })
            guard regions.contains(region) else {
                let names = Dictionary((summary + rows("allocations")).compactMap { row in row["region"].map { ($0, row["region_name"] ?? "") } }, uniquingKeysWith: { first, _ in first })
                let known = names.keys.sorted().map { code in names[code].map { $0.isEmpty ? code : "\(code) \($0)" } ?? code }
                throw .unknownRegion(region, NearestName.find(region, among: Array(regions).sorted()), known)
            }
        }
    }

    /// The scenario and baseline must be in the allocations, on the same municipalities.
    private func check() throws(ReportError) {
        let allocations = rows("allocations")
        let scenarios = Set(allocations.compactMap { $0["scenario"] })
        if tables["allocations"] != nil, !scenarios.contains(scenario) {
            throw .unknownScenario(scenario, Array(scenarios).sorted())
        }
        if tables["allocations"] == nil, tables["summary"] == nil, tables["sobol"] == nil, tables["morris"] == nil {
            throw .nothingToReport
        }
        try checkVariantAndRegion()
        guard let baseline else { return }
        guard scenarios.contains(baseline) else { throw .unknownScenario(baseline, Array(scenarios).sorted()) }
        let regions = { (name: String) in Set(allocations.filter { $0["scenario"] == name }.compactMap { $0["region"] }) }
        let ours = regions(scenario), theirs = regions(baseline)
        if ours != theirs {
            throw .baselineRegions(baseline: baseline, scenario: scenario, onlyBaseline: theirs.subtracting(ours).sorted(), onlyScenario: ours.subtracting(theirs).sorted())
        }
    }
}

/// Why a report cannot be made; every message says what to do.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case unknownScenario(String, [String])
    case baselineRegions(baseline: String, scenario: String, onlyBaseline: [String], onlyScenario: [String])
    case nothingToReport
    case tooLarge(bytes: Int)
    case unknownVariant(Int, count: Int)
    case unknownRegion(String, String?, [String])

    public var description: String {
        switch self {
        case .unknownScenario(let name, let known):
            "the results have no scenario '\(name)'\(known.isEmpty ? "" : "; they have \(known.joined(separator: ", "))")"
        case .baselineRegions(let baseline, let scenario, let onlyBaseline, let onlyScenario):
            "the baseline '\(baseline)' has other municipalities than '\(scenario)'"
                + (onlyBaseline.isEmpty ? "" : " (only in the baseline: \(Self.list(onlyBaseline)))")
                + (onlyScenario.isEmpty ? "" : " (only in '\(scenario)': \(Self.list(onlyScenario)))")
                + "; a report compares the same municipalities: pick a baseline on the same region table, or use `verdeel compare`"
        case .nothingToReport: "the folder has no allocations, Monte Carlo summary or sensitivity indices to report on"
        case .unknownVariant(let variant, let count):
            count == 0 ? "--variant \(variant): the results have no Monte Carlo variants; leave out --variant"
                : "--variant \(variant): the results have variants 1 to \(count); pick one of them"
        case .unknownRegion(let region, let nearest, let known):
            "--region \(Printable.shown(region)): the results have no municipality with that code" + (nearest.map { " (did you mean \($0)?)" } ?? "")
                + "; they have " + (known.count > 20 ? known.prefix(20).joined(separator: ", ") + " and \(known.count - 20) more" : known.joined(separator: ", "))
        case .tooLarge(let bytes):
            "the report would be \(bytes / 1_000_000) MB, more than the 5 MB a report may embed; write the tables with `verdeel run --format xlsx` instead, or report on fewer variants"
        }
    }

    private static func list(_ codes: [String]) -> String {
        codes.prefix(5).joined(separator: ", ") + (codes.count > 5 ? " and \(codes.count - 5) more" : "")
    }
}
