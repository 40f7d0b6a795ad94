/// The formats a run's results are written in: a table on the terminal, CSV, Dutch CSV
/// (`;` and decimal commas), one JSON document, one workbook, a page, or a Parquet file per
/// table.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv
    case csvNL = "csv-nl"
    case json
    case xlsx
    /// A page in a browser (update-impact's report).
    case html
    /// A Parquet file per table (pandas, polars, DuckDB, R's arrow).
    case parquet

    /// Formats that are files, not text for a terminal: they need a folder to go into.
    public var needsFolder: Bool { self == .xlsx || self == .html || self == .parquet }
}
