/// What a column of one of the run's tables holds, and so how a workbook stores and shows
/// it and how a table read back is checked: text (never read as a number, e.g. a region
/// code `0014`), euros, euros with cents, a fraction shown as a percentage, a percentage already in percent (divided by 100 for
/// the percentage format), a count, a year or ordinal, or a plain decimal.
public enum ColumnKind: String, Codable, Equatable, Sendable {
    case text, euro, euroCents, fraction, percentage, count, ordinal, decimal
}
