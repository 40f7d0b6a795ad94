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
        // A region's code is shown by its name already: its name column would say it twice,
        // so the code column takes the name column's heading and the name column goes.
        let kept = table.columns.indices.dropFirst().filter { !isNameColumn(table.columns[$0]) }
        let columns = kept.map { table.columns[$0] }
        let headings = kept.map { index in
            let next = index + 1 < table.columns.count ? table.columns[index + 1] : nil
            return table.columns[index].kind == .regionCode && next.map(isNameColumn) == true ? next ?? table.columns[index] : table.columns[index]
        }
        let rows = table.rows.filter { $0.first == .whole(variant) }.map { row in kept.map { row[$0] } }
        guard !rows.isEmpty else { return nil }
        let shown = rows.prefix(maximumRows).map { row in
            ["cells": zip(columns, row).map { cell($1, of: $0, context) }] as [String: Any]
        }
        let title = context.say(table.title.dutch, table.title.english)
        let more = rows.count > maximumRows
            ? context.say(" (de eerste \(maximumRows) van \(rows.count) rijen; alle in \(table.fileName))", " (the first \(maximumRows) of \(rows.count) rows; all in \(table.fileName))") : ""
        return [
            "caption": title + more,
            "head": headings.map { ["text": context.label($0), "numeric": !$0.kind.isText] as [String: Any] },
            "rows": shown, "footer": [] as [Any],
        ]
    }

    /// A region name column (`region_name`, `worst_region_name`).
    private static func isNameColumn(_ column: Column) -> Bool { column.id.hasSuffix(Column.regionName.id) }

    private static func cell(_ cell: Cell, of column: Column, _ context: ReportContext) -> [String: Any] {
        let numbers = context.numbers
        switch cell {
        case .empty: return PageCell.text("–")
        case .boolean(let value): return PageCell.text(value ? context.say("ja", "yes") : context.say("nee", "no"))
        case .words(let words): return PageCell.text(context.language.pick(words))
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
            case .ordinal, .text, .regionCode, .boolean: return PageCell.number(value, text)
            case .decimal: return PageCell.number(value, numbers.number(value, decimals: 4))
            }
        }
    }
}
