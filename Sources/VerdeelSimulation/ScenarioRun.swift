import Foundation
import VerdeelCore
import VerdeelData
import VerdeelModel

/// One scenario computed: its plan, the region table it read, what every measure
/// allocates, and the assertions that failed.
public struct ScenarioRun: Sendable {
    public let plan: ScenarioPlan
    public let table: RegionTable
    public let allocations: [MeasureAllocation]
    /// Failed assertions, as messages at the `assert` statement.
    public let failedAssertions: [SiteMessage]

    /// Runs a plan: loads its data (through `read`, by default from disk), allocates every
    /// measure, checks its assertions.
    /// `tables` keeps the tables loaded for earlier plans, by what they read: scenarios of
    /// one file mostly share their data, which is then read and checked once.
    public static func run(
        _ plan: ScenarioPlan, read: (String) -> [UInt8]? = ScenarioRun.readFromDisk, tables: TableCache? = nil
    ) throws(RunError) -> ScenarioRun {
        let key = tables.map { _ in TableCache.key(plan.data) }
        let table: RegionTable
        if let key, let known = tables?.tables[key] {
            table = known
        } else {
            table = try load(plan.data, read: read)
            if let key { tables?.tables[key] = table }
        }
        return try run(plan, on: table)
    }

    /// `plan` allocated on a region table already loaded (its data plan's), its assertions
    /// checked; nothing is read.
    public static func run(_ plan: ScenarioPlan, on table: RegionTable) throws(RunError) -> ScenarioRun {
        let allocations: [MeasureAllocation]
        do {
            allocations = try Allocator(table: table).allocate(plan.measures.map(\.measure))
        } catch {
            throw .allocation(scenario: plan.name, error)
        }
        var failures = [SiteMessage]()
        for assertion in plan.assertions {
            let evaluator = AssertionEvaluator(allocations: allocations, table: table)
            do {
                if let failure = try evaluator.check(assertion) { failures.append(failure) }
            } catch {
                failures.append(SiteMessage(at: assertion.site, error.description))
            }
        }
        return ScenarioRun(plan: plan, table: table, allocations: allocations, failedAssertions: failures)
    }

    /// Every warning of the allocation (e.g. bases scaled down), each naming the scenario,
    /// measure and year: `scenario 'baseline', measure 'wijk', 2026: ...`.
    public var warnings: [Words] {
        allocations.flatMap { $0.years.flatMap(\.warnings) }.map { Words(dutch: "scenario '\(plan.name)', \($0.dutch)", english: "scenario '\(plan.name)', \($0.english)") }
    }

    /// Reads a file's bytes from disk.
    public static func readFromDisk(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// The scenario's data: the regions table with its joins and districts, read and checked.
    public static func load(_ data: DataPlan, read: (String) -> [UInt8]?) throws(RunError) -> RegionTable {
        let regions = try source(data.regions, read: read)
        let joins = try data.joins.map { plan throws(RunError) in try source(plan, read: read) }
        let districts = try data.districts.map { plan throws(RunError) in
            (file: try file(plan, read: read),
                 spec: DistrictSpec(
                    keyColumn: plan.keyColumn, regionColumn: plan.regionColumn ?? "", nameColumn: plan.nameColumn, indicators: columns(plan),
                    missingAsZero: plan.missingAsZero, vintage: plan.vintage.map { Vintage(column: $0.column, value: $0.value) }, skipEmpty: plan.skipEmpty))
        }
        do { return try RegionTableLoader.load(regions: regions, joins: joins, districts: districts) } catch { throw .data(error) }
    }

    /// Where a table's file is: its path as written, from the directory of the file that names it.
    public static func path(_ table: TablePlan) -> String {
        table.resolvedPath
    }

    private static func columns(_ table: TablePlan) -> [IndicatorColumn] {
        table.columns.compactMap { column in
            let kind: ValueKind
            switch column.kind {
            case .count: kind = .count
            case .nonnegative: kind = .nonNegative
            case .score: kind = .real
            case .text: return nil
            }
            return IndicatorColumn(column.column, as: column.indicator, kind: kind)
        }
    }

    /// The table's file as CSV: ``RunError/missingFile(at:_:)`` when it cannot be read.
    private static func file(_ table: TablePlan, read: (String) -> [UInt8]?) throws(RunError) -> CSVFile {
        if let cbs = table.cbs {
            do { return try cbsFile(table, cbs, read: read) } catch { throw .data(error) }
        }
        guard let bytes = read(path(table)) else {
            let reason = FileManager.default.fileExists(atPath: path(table)) ? "cannot be read (check its permissions)" : "does not exist"
            throw .missingFile(
                at: table.declaredAt,
                "the data file '\(table.path)' \(reason) (looked for \(path(table))); paths are relative to the scenario file that names them")
        }
        do { return try CSVFile(name: table.path, bytes: bytes) } catch { throw .data(error) }
    }

    /// A table named as a CBS download: its rows at the table's level (municipalities, or
    /// districts for a districts table) as verdeel's region table, named as the scenario
    /// names the download.
    private static func cbsFile(_ table: TablePlan, _ cbs: CBSSourcePlan, read: (String) -> [UInt8]?) throws(DataError) -> CSVFile {
        let imported = try CBSDownload.table(path: path(table), table: cbs.table, read: read)
        let level: CBSRegionLevel = table.regionColumn == nil ? .municipality : .district
        return try CSVFile(name: "\(table.path) (CBS \(imported.id), as imported)", bytes: Array(CBSImport.regionTable(imported, level: level, file: table.path).utf8))
    }

    private static func source(_ table: TablePlan, read: (String) -> [UInt8]?) throws(RunError) -> RegionTableLoader.Source {
        let file = try file(table, read: read)
        let spec = TableSpec(
            keyColumn: table.keyColumn, nameColumn: table.nameColumn, indicators: columns(table),
            textColumns: table.columns.filter { $0.kind == .text }.map { TextColumn($0.column, as: $0.indicator) },
            vintage: table.vintage.map { Vintage(column: $0.column, value: $0.value) })
        return RegionTableLoader.Source(file, spec)
    }
}

/// Why a scenario could not be computed.
public enum RunError: SiteError, Sendable {
    case data(DataError)
    /// A data file the scenario names (at the site) cannot be read.
    case missingFile(at: Site, String)
    case allocation(scenario: String, AllocationError)

    public func described(by locator: any SiteLocator) -> String {
        switch self {
        case .data(let error): return error.description
        case .missingFile(let site, let message): return "\(locator.location(of: site)): \(message)"
        case .allocation(let scenario, let error): return "scenario '\(scenario)': \(error)"
        }
    }
}

/// Region tables already loaded, by everything that decides their contents (files,
/// vintages, key and name columns, indicator columns and kinds).
public final class TableCache {
    var tables: [String: RegionTable] = [:]

    public init() {}

    static func key(_ data: DataPlan) -> String {
        data.tables.map { table in
            let columns = table.columns.map { "\($0.column)>\($0.indicator):\($0.kind.rawValue)" }.joined(separator: ",")
            return [ScenarioRun.path(table), table.keyColumn, table.nameColumn ?? "", table.regionColumn ?? "",
                    table.vintage.map { "\($0.column)=\($0.value)" } ?? "", table.missingAsZero ? "zero" : "", table.skipEmpty ? "skip" : "", table.cbs.map { "cbs \($0.table ?? "")" } ?? "", columns].joined(separator: "|")
        }.joined(separator: "\n")
    }
}
