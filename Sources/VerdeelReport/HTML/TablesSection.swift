import VerdeelTables

/// Every statistic over the draws that no other section draws (a table with a `variant`
/// column, e.g. `ranks` or one added later), for the variant the Monte Carlo section shows:
/// its declared columns as headings in the report's language and each cell shown by its
/// column's kind (euros, percentages, counts, numbers; a region's code by its name, a
/// measure by its title). So a new statistic appears in the report with no code of its own here.
enum TablesSection {
    /// The tables other sections show.
    static let shownElsewhere: Set = ["summary", "variants", "infeasible", "fairness_summary", "losses"]
    /// The most rows a table shows; the output folder has them all.
    static let maximumRows = 500

    static func build(_ context: ReportContext) -> [String: Any]? {
        let input = context.input
        guard let variant = MonteCarloSection.shownVariant(input, MonteCarloSection.Variants(input)) else { return nil }
        let tables = input.tables.values.filter { table in
            !shownElsewhere.contains(table.name) && table.columns.first?.id == SimulationTables.variant.id
        }.sorted { $0.name < $1.name }
        let built = tables.compactMap { table(of: $0, variant: variant, context) }
        return built.isEmpty ? nil : ["tables": built, "variant": variant]
    }

    private static func table(of table: ResultTable, variant: Int, _ context: ReportContext) -> [String: Any]? {
        let columns = Array(table.columns.dropFirst())
        let rows = table.rows.filter { $0.first == .whole(variant) }.map { Array($0.dropFirst()) }
        guard !rows.isEmpty else { return nil }
        let shown = rows.prefix(maximumRows).map { row in
            ["cells": zip(columns, row).map { cell($1, of: $0, context) }] as [String: Any]
        }
        let title = context.say(table.title.dutch, table.title.english)
        let more = rows.count > maximumRows
            ? context.say(" (de eerste \(maximumRows) van \(rows.count) rijen; alle in \(table.fileName))", " (the first \(maximumRows) of \(rows.count) rows; all in \(table.fileName))") : ""
        return [
            "caption": title + more,
            "head": columns.map { ["text": context.say($0.dutch, $0.english), "numeric": !$0.kind.isText] as [String: Any] },
            "rows": shown, "footer": [] as [Any],
        ]
    }

    private static func cell(_ cell: Cell, of column: Column, _ context: ReportContext) -> [String: Any] {
        let numbers = context.numbers
        switch cell {
        case .empty: return PageCell.text("–")
        case .text(let text):
            if column.kind == .regionCode { return PageCell.text(context.regionName(text)) }
            return PageCell.text(column.id == Column.measure.id ? context.measureTitle(text) : text)
        case .number(let value, let text):
            switch column.kind {
            case .euro: return PageCell.number(value, numbers.euros(value))
            case .euroCents: return PageCell.number(value, numbers.euros(value, cents: true))
            case .fraction: return PageCell.number(value, numbers.percent(value))
            case .percentage: return PageCell.number(value, numbers.percent(value / 100))
            case .count: return PageCell.number(value, numbers.number(value))
            case .ordinal, .text, .regionCode: return PageCell.number(value, text)
            case .decimal: return PageCell.number(value, numbers.number(value, decimals: 4))
            }
        }
    }
}
