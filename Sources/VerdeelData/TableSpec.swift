/// Which columns of a CSV file a region table takes and how to read them: the key
/// column, the label column, the indicator columns, and optionally one vintage of a
/// file that holds several (e.g. the SES-WOA scores of 2022).
public struct TableSpec: Sendable {
    /// The column with the region code (`code`).
    public var keyColumn: String
    /// The column with the region's name, if the table provides names.
    public var nameColumn: String?
    /// The numeric columns to read.
    public var indicators: [IndicatorColumn]
    /// The text columns to read (regions table only); each value must be non-empty.
    public var textColumns: [TextColumn]
    /// Only rows whose vintage column holds this value are read.
    public var vintage: Vintage?

    public init(
        keyColumn: String = "code", nameColumn: String? = "name", indicators: [IndicatorColumn], textColumns: [TextColumn] = [], vintage: Vintage? = nil
    ) {
        self.keyColumn = keyColumn
        self.nameColumn = nameColumn
        self.indicators = indicators
        self.textColumns = textColumns
        self.vintage = vintage
    }
}

/// The specification of a district table: like ``TableSpec`` plus the column that keys
/// each district to its region.
public struct DistrictSpec: Sendable {
    public var keyColumn: String
    public var regionColumn: String
    public var nameColumn: String?
    public var indicators: [IndicatorColumn]
    /// Whether a region without district rows sums to 0 (otherwise `sum_districts` over it is an error).
    public var missingAsZero: Bool
    /// Only the rows of this vintage are read.
    public var vintage: Vintage?
    /// Whether a district with an empty cell in a column read is left out (else an error there).
    public var skipEmpty: Bool

    public init(
        keyColumn: String = "code", regionColumn: String, nameColumn: String? = "name", indicators: [IndicatorColumn], missingAsZero: Bool = false,
        vintage: Vintage? = nil, skipEmpty: Bool = false
    ) {
        self.keyColumn = keyColumn
        self.regionColumn = regionColumn
        self.nameColumn = nameColumn
        self.indicators = indicators
        self.missingAsZero = missingAsZero
        self.vintage = vintage
        self.skipEmpty = skipEmpty
    }
}

/// One text column of a regions table (e.g. `province`) and the name it is known by.
public struct TextColumn: Sendable {
    public var column: String
    public var name: String

    public init(_ column: String, as name: String? = nil) {
        self.column = column
        self.name = name ?? column
    }
}

/// One numeric column of a table and the indicator name it is known by.
public struct IndicatorColumn: Sendable {
    /// The column's header in the file.
    public var column: String
    /// The indicator name criteria use; defaults to the column's header.
    public var indicator: String
    /// What values are allowed.
    public var kind: ValueKind

    public init(_ column: String, as indicator: String? = nil, kind: ValueKind) {
        self.column = column
        self.indicator = indicator ?? column
        self.kind = kind
    }
}

/// The values a numeric column may hold.
public enum ValueKind: Sendable {
    /// A whole number >= 0 (inhabitants, households, dwellings).
    case count
    /// Any number >= 0 (an area).
    case nonNegative
    /// Any finite number (a score such as SES-WOA).
    case real
}

/// Selects one vintage of a table that holds several, e.g. `year` = `2022`; `latest` is the
/// greatest in the column, `latest definitive` the greatest that is not provisional.
public struct Vintage: Sendable {
    public static let latest = "latest"
    public static let latestDefinitive = "latest definitive"

    public var column: String
    public var value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}
