import Foundation
import VerdeelCore

/// What the checker hands to the engine for one scenario: the data to load, the measures
/// in the core's terms, and the assertions to check on the results.
/// A plan holds no source text and no code: it can be built in Swift, encoded and read
/// back as JSON, and compared, and runs the same whichever way it was made.
public struct ScenarioPlan: Codable, Equatable, Sendable {
    /// The scenario's id (what scripts and the files' `scenario` columns use).
    public let name: String
    /// Its name for people (`title "..."`), if it has one.
    public let title: String?
    public let data: DataPlan
    public let measures: [PlannedMeasure]
    public let assertions: [PlannedAssertion]
    /// The variants and Monte Carlo draws to run, when the scenario declares them.
    public let simulation: SimulationPlan?
    /// How fairness is measured; `nil` when the scenario has no population to measure it by.
    public let fairness: FairnessPlan?
    /// The sensitivity analysis to run, when the scenario declares one.
    public var sensitivity: SensitivityPlan?
    /// The parameters set on top of the file (`--set NAME=VALUE`), as given; nil when none.
    public let settings: [String]?

    public init(
        name: String, title: String? = nil, data: DataPlan, measures: [PlannedMeasure], assertions: [PlannedAssertion] = [],
        simulation: SimulationPlan? = nil, fairness: FairnessPlan? = nil, sensitivity: SensitivityPlan? = nil, settings: [String]? = nil
    ) {
        self.name = name
        self.title = title
        self.data = data
        self.measures = measures
        self.assertions = assertions
        self.simulation = simulation
        self.fairness = fairness
        self.sensitivity = sensitivity
        self.settings = settings
    }
}

/// The settings of the fairness metrics: the population indicator, the text column that
/// groups regions, the reference criterion, the Atkinson epsilons, the generalised
/// entropy alphas and the losses (euros per inhabitant) whose probabilities a Monte Carlo
/// run reports.
public struct FairnessPlan: Codable, Equatable, Sendable {
    /// The criterion need is measured by: its name in the outputs and its expression.
    public struct Reference: Codable, Equatable, Sendable {
        public let name: String
        public let expression: VerdeelCore.Expression

        public init(name: String, expression: VerdeelCore.Expression) {
            self.name = name
            self.expression = expression
        }
    }

    public let population: String
    public let group: String?
    public let reference: Reference?
    public let epsilons: [Double]
    /// The parameters of the generalised entropy indices GE(alpha).
    public let alphas: [Double]
    public let losses: [Double]
    /// Where the scenario's fairness block is; `nil` for the defaults (no block).
    public let declaredAt: Site?

    public init(
        population: String, group: String? = nil, reference: Reference? = nil, epsilons: [Double] = Self.defaultEpsilons, alphas: [Double] = Self.defaultAlphas,
        losses: [Double] = [], declaredAt: Site? = nil
    ) {
        self.population = population
        self.group = group
        self.reference = reference
        self.epsilons = epsilons
        self.alphas = alphas
        self.losses = losses
        self.declaredAt = declaredAt
    }

    /// The epsilons when the scenario names none.
    public static let defaultEpsilons: [Double] = [0.5, 1, 2]
    /// The alphas when the scenario names none: GE(0), the mean log deviation, and GE(2),
    /// half the squared coefficient of variation (GE(1) is Theil's index, always reported).
    public static let defaultAlphas: [Double] = [0, 2]
}

/// The CSV files a scenario reads: the regions, tables joined to them, and districts.
public struct DataPlan: Codable, Equatable, Sendable {
    public let regions: TablePlan
    public let joins: [TablePlan]
    public let districts: TablePlan?

    public init(regions: TablePlan, joins: [TablePlan] = [], districts: TablePlan? = nil) {
        self.regions = regions
        self.joins = joins
        self.districts = districts
    }

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
        a.path == b.path && a.directory == b.directory && a.vintage == b.vintage
            && a.columns.map(\.column) == b.columns.map(\.column) && a.keyColumn == b.keyColumn && a.regionColumn == b.regionColumn
    }

    /// The same data with other vintages of the named tables.
    public func with(vintages: [String: String]) -> DataPlan {
        DataPlan(regions: regions.with(vintages: vintages), joins: joins.map { $0.with(vintages: vintages) }, districts: districts?.with(vintages: vintages))
    }
}

/// One CSV file and the columns read from it.
public struct TablePlan: Codable, Equatable, Sendable {
    /// The rows of one vintage: those whose `column` holds `value`.
    public struct Vintage: Codable, Equatable, Sendable {
        public let column: String
        public let value: String

        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    /// The same table with the vintage given for it in `vintages`, if any.
    public func with(vintages: [String: String]) -> TablePlan {
        guard let value = vintages[name], let vintage else { return self }
        var table = self
        table.vintage = Vintage(column: vintage.column, value: value)
        return table
    }

    /// Where the file is: its path as written, from the directory of the file that names it.
    public var resolvedPath: String { Self.resolved(path, in: directory) }

    /// `path` as written in a file in `directory`: absolute paths stay, relative ones are
    /// joined to the directory.
    public static func resolved(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    public let name: String
    /// The path as written, relative to the directory of the file that declares it.
    public let path: String
    /// That directory.
    public let directory: String
    public let keyColumn: String
    public let nameColumn: String?
    public let regionColumn: String?
    public private(set) var vintage: Vintage?
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
    /// Where the scenario names the file (its path), for messages about the file as a
    /// whole, such as one that cannot be read.
    public let declaredAt: Site

    public init(
        name: String, path: String, directory: String, keyColumn: String, nameColumn: String? = nil, regionColumn: String? = nil,
        vintage: Vintage? = nil, synthetic: Bool = false, source: String? = nil, columns: [ColumnPlan], missingAsZero: Bool = false,
        skipEmpty: Bool = false, cbs: CBSSourcePlan? = nil, declaredAt: Site
    ) {
        self.name = name
        self.path = path
        self.directory = directory
        self.keyColumn = keyColumn
        self.nameColumn = nameColumn
        self.regionColumn = regionColumn
        self.vintage = vintage
        self.synthetic = synthetic
        self.source = source
        self.columns = columns
        self.missingAsZero = missingAsZero
        self.skipEmpty = skipEmpty
        self.cbs = cbs
        self.declaredAt = declaredAt
    }
}

/// A column to read, the indicator it becomes, and what values it may hold.
public struct ColumnPlan: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case count, nonnegative, score, text }
    public let column: String
    public let indicator: String
    public let kind: Kind

    public init(column: String, indicator: String, kind: Kind) {
        self.column = column
        self.indicator = indicator
        self.kind = kind
    }
}

/// A measure with its identifier (used in outputs) and its title (shown to people).
public struct PlannedMeasure: Codable, Equatable, Sendable {
    public let id: String
    public let title: String
    public let measure: Measure

    public init(id: String, title: String, measure: Measure) {
        self.id = id
        self.title = title
        self.measure = measure
    }
}

/// An `assert` statement, ready to evaluate against a scenario's results.
public struct PlannedAssertion: Codable, Equatable, Sendable {
    /// How the two sides must compare.
    public enum Comparison: String, Codable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// Whether `left` compares to `right` this way.
        public func holds<Value: Comparable>(_ left: Value, _ right: Value) -> Bool {
            switch self {
            case .equal: left == right
            case .notEqual: left != right
            case .less: left < right
            case .lessOrEqual: left <= right
            case .greater: left > right
            case .greaterOrEqual: left >= right
            }
        }
    }

    public let left: ResultExpression
    public let comparison: Comparison
    public let right: ResultExpression
    public let label: String?
    /// Where the statement is, to report a failure.
    public let site: Site

    public init(left: ResultExpression, comparison: Comparison, right: ResultExpression, label: String? = nil, site: Site) {
        self.left = left
        self.comparison = comparison
        self.right = right
        self.label = label
        self.site = site
    }
}

/// A number computed from a scenario's results, exact (`Decimal`) so that stated amounts
/// are compared to the cent.
public indirect enum ResultExpression: Codable, Equatable, Sendable {
    /// The arithmetic an assertion's sides may use.
    public enum Operator: String, Codable, Sendable, CaseIterable { case add = "+", subtract = "-", multiply = "*", divide = "/" }

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
    case binary(Operator, ResultExpression, ResultExpression)

    /// Whether the value is an amount of money (shown as EUR): a result, or money combined
    /// with numbers; money divided by money is a ratio.
    public var isMoney: Bool {
        switch self {
        case .number: return false
        case .budget, .topslice, .amount, .component: return true
        case .negate(let inner): return inner.isMoney
        case .binary(let op, let left, let right): return op == .divide ? left.isMoney && !right.isMoney : left.isMoney || right.isMoney
        }
    }
}

/// A table read from a CBS download: the table's id when the download is a StatLine CSV
/// export (which does not say), nil for an OData folder (which does).
public struct CBSSourcePlan: Codable, Equatable, Sendable {
    public let table: String?

    public init(table: String?) {
        self.table = table
    }
}

extension ScenarioPlan {
    /// The same scenario under another name, reading the named tables in other vintages
    /// and everything else equal: the two sides `verdeel update-impact` compares.
    public func with(vintages: [String: String], name: String) -> ScenarioPlan {
        ScenarioPlan(
            name: name, data: data.with(vintages: vintages), measures: measures, assertions: assertions, simulation: simulation, fairness: fairness,
            sensitivity: sensitivity, settings: settings)
    }

    /// The same scenario under another name and title, with `measures` in place of its own
    /// when given: a scenario of another file named apart, or one with parameters set
    /// (`settings`, recorded with the ones set before).
    public func with(name: String, title: String?, measures: [PlannedMeasure]? = nil, settings: [String] = []) -> ScenarioPlan {
        let recorded = (self.settings ?? []) + settings
        return ScenarioPlan(
            name: name, title: title, data: data, measures: measures ?? self.measures, assertions: assertions, simulation: simulation, fairness: fairness,
            sensitivity: sensitivity, settings: recorded.isEmpty ? nil : recorded)
    }
}

extension ScenarioPlan {
    /// The scenario with its `montecarlo` block only (no variants): its draws around the
    /// scenario as it stands, what the workbench's "how sure?" runs; nil without the block.
    public var monteCarloOnly: ScenarioPlan? {
        guard let monteCarlo = simulation?.monteCarlo else { return nil }
        return ScenarioPlan(
            name: name, title: title, data: data, measures: measures, assertions: assertions,
            simulation: SimulationPlan(dimensions: [], monteCarlo: monteCarlo), fairness: fairness, sensitivity: nil, settings: settings)
    }
}
