/// What a column of one of the run's tables holds, and so how a workbook stores and shows
/// it and how a table read back is checked: text (never read as a number, e.g. a region
/// code `0014`), euros, euros with cents, a fraction shown as a percentage, a percentage already in percent (divided by 100 for
/// the percentage format), a count, a year or ordinal, or a plain decimal.
public enum ColumnKind: Equatable, Sendable {
    case text, euro, euroCents, fraction, percentage, count, ordinal, decimal

    /// The kind of `column` in the table `table` (a file name without `.csv`).
    public static func of(table: String, column: String) -> ColumnKind {
        switch column {
        case "scenario", "measure", "measure_name", "component", "region", "region_name", "name", "purpose", "met", "metric",
            "from", "to", "output", "factor", "factor_1", "factor_2", "parameter", "method", "provision", "reason":
            return .text
        case "amount", "required", "amount_from", "amount_to", "change", "contribution": return .euro
        case "exact", "amount_per_inhabitant", "change_per_inhabitant", "per_inhabitant", "loss_per_inhabitant", "standard_error": return .euroCents
        case "population_share", "amount_share", "p_below_baseline", "p_loss": return .fraction
        case "change_percent": return .percentage
        case "inhabitants": return .count
        case "year", "rank", "variant": return .ordinal
        case "mean", "sd", "p05", "p50", "p95": return table == "summary" ? .euro : .decimal
        default: return .decimal
        }
    }
}
