import Foundation
import VerdeelCore

/// What the checker hands to the engine for one scenario: the data to load, the measures
/// in the core's terms, and the assertions to check on the results.
public struct ScenarioPlan: Sendable {
    public let name: String
    public let data: DataPlan
    public let measures: [PlannedMeasure]
    public let assertions: [PlannedAssertion]
    /// The variants and Monte Carlo draws to run, when the scenario declares them.
    public let simulation: SimulationPlan?
    /// How fairness is measured; `nil` when the scenario has no population to measure it by.
    public let fairness: FairnessPlan?
    /// The sensitivity analysis to run, when the scenario declares one.
    public var sensitivity: SensitivityPlan? = nil
}

/// The settings of the fairness metrics: the population indicator, the text column that
/// groups regions, the reference criterion, the Atkinson epsilons and the losses (euros per
/// inhabitant) whose probabilities a Monte Carlo run reports.
public struct FairnessPlan: Sendable {
    public let population: String
    public let group: String?
    public let reference: (name: String, expression: VerdeelCore.Expression)?
    public let epsilons: [Double]
    public let losses: [Double]
    /// Where the scenario's fairness block is; `nil` for the defaults (no block).
    public let declaredAt: SourceLocation?

    /// The epsilons when the scenario names none.
    public static let defaultEpsilons: [Double] = [0.5, 1, 2]
}

/// The CSV files a scenario reads: the regions, tables joined to them, and districts.
public struct DataPlan: Sendable {
    public let regions: TablePlan
    public let joins: [TablePlan]
    public let districts: TablePlan?

    /// True when any table is marked `synthetic`: every output must say so.
    public var hasSyntheticData: Bool { ([regions] + joins + (districts.map { [$0] } ?? [])).contains { $0.synthetic } }

    /// Every table, regions first.
    public var tables: [TablePlan] { [regions] + joins + (districts.map { [$0] } ?? []) }
}

extension DataPlan {
    /// The same data with the table named like `table` replaced by it (the regions, a
    /// joined table or the districts).
    public func replacing(_ table: TablePlan) -> DataPlan {
        DataPlan(
            regions: regions.name == table.name ? table : regions,
            joins: joins.map { $0.name == table.name ? table : $0 },
            districts: districts.map { $0.name == table.name ? table : $0 })
    }

    /// Whether two plans read a table the same way: the same file, vintage and columns.
    public static func sameSource(_ a: TablePlan, _ b: TablePlan) -> Bool {
        a.path == b.path && a.directory == b.directory && a.vintage?.column == b.vintage?.column && a.vintage?.value == b.vintage?.value
            && a.columns.map(\.column) == b.columns.map(\.column) && a.keyColumn == b.keyColumn && a.regionColumn == b.regionColumn
    }

    /// The same data with other vintages of the named tables.
    public func with(vintages: [String: String]) -> DataPlan {
        DataPlan(regions: regions.with(vintages: vintages), joins: joins.map { $0.with(vintages: vintages) }, districts: districts?.with(vintages: vintages))
    }
}

/// One CSV file and the columns read from it.
public struct TablePlan: Sendable {
    /// The same table with the vintage given for it in `vintages`, if any.
    public func with(vintages: [String: String]) -> TablePlan {
        guard let value = vintages[name], let vintage else { return self }
        return TablePlan(
            name: name, path: path, directory: directory, keyColumn: keyColumn, nameColumn: nameColumn, regionColumn: regionColumn,
            vintage: (vintage.column, value), synthetic: synthetic, source: source, columns: columns, missingAsZero: missingAsZero,
            skipEmpty: skipEmpty, cbs: cbs, declaredAt: declaredAt)
    }

    public let name: String
    /// The path as written, relative to the directory of the file that declares it.
    public let path: String
    /// That directory.
    public let directory: String
    public let keyColumn: String
    public let nameColumn: String?
    public let regionColumn: String?
    public let vintage: (column: String, value: String)?
    public let synthetic: Bool
    /// Where the figures come from, as the scenario states it.
    public let source: String?
    public let columns: [ColumnPlan]
    /// A districts table's `missing_as_zero`: regions without districts sum to 0.
    public let missingAsZero: Bool
    /// A districts table's `skip_empty`: districts with an empty cell in a column read are left out.
    public let skipEmpty: Bool
    /// Set when the path is a CBS download (`cbs`), read as `verdeel data import-cbs` reads it.
    public let cbs: CBSSourcePlan?
    /// Where the scenario names the file (its path's file:line:column), for messages
    /// about the file as a whole, such as one that cannot be read.
    public let declaredAt: SourceLocation
}

/// A column to read, the indicator it becomes, and what values it may hold.
public struct ColumnPlan: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case count, nonnegative, score, text }
    public let column: String
    public let indicator: String
    public let kind: Kind
}

/// A measure with its identifier (used in outputs) and its title (shown to people).
public struct PlannedMeasure: Sendable {
    public let id: String
    public let title: String
    public let measure: Measure
}

/// An `assert` statement, ready to evaluate against a scenario's results.
public struct PlannedAssertion: Sendable {
    public let left: ResultExpression
    public let comparison: String
    public let right: ResultExpression
    public let label: String?
    /// Where the statement is, to report a failure.
    public let file: SourceFile
    public let range: SourceRange
}

/// A number computed from a scenario's results, exact (`Decimal`) so that stated amounts
/// are compared to the cent.
public indirect enum ResultExpression: Sendable {
    case number(Decimal)
    /// The budget of a measure in one year, or over all its years.
    case budget(measure: String, year: Int?)
    /// A named top-slice of a measure in one year, or over all years.
    case topslice(measure: String, name: String, year: Int?)
    /// What a measure distributes to all regions, or to one, in one year or all.
    case amount(measure: String, year: Int?, region: String?)
    /// What a component distributes in one year or all.
    case component(measure: String, name: String, year: Int?)
    case negate(ResultExpression)
    case binary(String, ResultExpression, ResultExpression)

    /// Whether the value is an amount of money (shown as EUR): a result, or money combined
    /// with numbers; money divided by money is a ratio.
    public var isMoney: Bool {
        switch self {
        case .number: return false
        case .budget, .topslice, .amount, .component: return true
        case .negate(let inner): return inner.isMoney
        case .binary(let op, let left, let right): return op == "/" ? left.isMoney && !right.isMoney : left.isMoney || right.isMoney
        }
    }
}

/// A table read from a CBS download: the table's id when the download is a StatLine CSV
/// export (which does not say), nil for an OData folder (which does).
public struct CBSSourcePlan: Sendable, Equatable {
    public let table: String?
}

extension ScenarioPlan {
    /// The same scenario under another name, reading the named tables in other vintages
    /// and everything else equal: the two sides `verdeel update-impact` compares.
    public func with(vintages: [String: String], name: String) -> ScenarioPlan {
        var plan = ScenarioPlan(
            name: name, data: data.with(vintages: vintages), measures: measures, assertions: assertions, simulation: simulation, fairness: fairness)
        plan.sensitivity = sensitivity
        return plan
    }
}
