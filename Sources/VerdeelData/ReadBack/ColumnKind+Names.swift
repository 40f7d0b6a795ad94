import VerdeelTables

/// The kinds of the run's table columns by table and column name: what a table read back is
/// checked against and a workbook shows. The statistics over the draws declare their columns
/// (``Column``) where they make them; until every table does, and the renderers and checks
/// read the declarations, this lookup decides.
extension ColumnKind {
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
