/// `dictionary.md`, written into every output folder of CSV tables next to `schema.json`:
/// the same declarations for people. Per table its file and title, and per column its id,
/// its names in Dutch and English, its kind, its unit and what it means.
public enum DataDictionary {
    public static let fileName = "dictionary.md"

    /// The dictionary of a folder's schema.
    public static func markdown(_ schema: OutputSchema) -> String {
        var text = "# The tables of this folder\n\n"
        text += "Each table is a CSV file with a header row; `\(OutputSchema.fileName)` holds the same declarations for programs.\n"
        for table in schema.tables {
            text += "\n## \(table.file): \(table.title.english) (\(table.title.dutch))\n\n"
            text += "| column | name (nl) | name (en) | kind | unit | meaning |\n|---|---|---|---|---|---|\n"
            for column in table.columns {
                let cells = [
                    "`\(column.id)`", column.dutch, column.english, column.kind.rawValue, unit(column.kind), column.description,
                ]
                text += "| " + cells.map(escaped).joined(separator: " | ") + " |\n"
            }
        }
        return text
    }

    /// The unit a kind's values are in.
    public static func unit(_ kind: ColumnKind) -> String {
        switch kind {
        case .euro: "EUR"
        case .euroCents: "EUR (to the cent)"
        case .fraction: "share from 0 to 1"
        case .percentage: "percent"
        case .count: "count"
        case .ordinal: "whole number"
        case .boolean: "true or false"
        case .text, .regionCode, .decimal: ""
        }
    }

    /// A cell's text with the table's separator escaped.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
