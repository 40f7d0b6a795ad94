/// What a column of one of the run's tables holds, and so how a workbook stores and shows
/// it, how the report shows it and how a table read back is checked: text (never read as a
/// number), a region's code (text such as `GM0014` or `0014`, which the report shows by the
/// region's name), euros, euros with cents, a fraction shown as a percentage, a percentage
/// already in percent (divided by 100 for the percentage format), a count, a year or
/// ordinal, a plain decimal, or a yes-or-no (`true`/`false` in CSV and JSON).
public enum ColumnKind: String, Codable, Equatable, Sendable {
    case text, regionCode, euro, euroCents, fraction, percentage, count, ordinal, decimal, boolean

    /// Whether the column holds text (a region code too), never a number.
    public var isText: Bool { self == .text || self == .regionCode }
}
