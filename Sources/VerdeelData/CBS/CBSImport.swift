import Foundation

/// verdeel's region tables from imported CBS tables: per family and level one CSV
/// (`ses_woa_municipalities.csv`, `kerncijfers_districts.csv`, ...) with the columns
/// `code,[municipality_code,]name,year,provisional,<figures>,source`, all vintages one
/// after the other (a scenario picks one with `vintage year = "2022"`); `missing.csv`
/// listing every figure CBS does not give (left empty, never filled in); and `SOURCES.md`
/// with an entry per file (table, title, form, periods and status, SHA-256, date).
///
/// Two files with the same region and year: a definitive figure replaces a provisional
/// one (said in SOURCES.md); two of the same status are an error naming both files.
public enum CBSImport {
    /// One imported file or folder.
    public struct Source: Sendable {
        public let table: CBSTable
        public let file: String
        public let sha256: String
        /// Municipality rows on the current boundaries (after ``MunicipalMergers``), if applied.
        public let merged: (rows: [CBSRow], missing: [CBSMissingValue])?

        public init(table: CBSTable, file: String, sha256: String, merged: (rows: [CBSRow], missing: [CBSMissingValue])? = nil) {
            self.table = table
            self.file = file
            self.sha256 = sha256
            self.merged = merged
        }
    }

    /// The files to write, name and contents.
    public static func files(_ sources: [Source], imported date: String, mergers: String? = nil) throws(DataError) -> [(name: String, contents: String)] {
        var kept = [String: (row: CBSRow, source: Int)]()
        var order = [String]()
        var superseded = [Int: Int]()
        for (index, source) in sources.enumerated() {
            for row in rows(of: source) {
                guard let level = CBSRegionLevel.of(row.code)?.level else { continue }
                let key = "\(source.table.family.rawValue) \(level.rawValue) \(row.code) \(row.period.year)"
                if let known = kept[key] {
                    guard known.row.period.provisional != row.period.provisional else {
                        throw DataError(
                            file: source.file, line: 0, column: 0,
                            message: "\(row.code) \(row.period.label) is also in \(sources[known.source].file); import the two into separate folders, or only one of them")
                    }
                    if known.row.period.provisional {
                        kept[key] = (row, index)
                        superseded[known.source, default: 0] += 1
                    } else {
                        superseded[index, default: 0] += 1
                    }
                    continue
                }
                order.append(key)
                kept[key] = (row, index)
            }
        }
        var files = [(name: String, contents: String)]()
        for family in [CBSTableFamily.sesWOA, .keyFigures] {
            for level in CBSRegionLevel.allCases {
                let prefix = "\(family.rawValue) \(level.rawValue) "
                let chosen = order.filter { $0.hasPrefix(prefix) }.compactMap { kept[$0] }
                    .sorted { ($0.row.period.year, $0.row.code) < ($1.row.period.year, $1.row.code) }
                guard !chosen.isEmpty else { continue }
                files.append(("\(family.rawValue)_\(level.rawValue).csv", table(chosen.map { ($0.row, sources[$0.source]) }, family: family, level: level)))
            }
        }
        var missingText = "table,period,code,name,figure,reason\n"
        for source in sources {
            for item in missing(of: source) {
                missingText += [source.table.id, item.period.label, item.code, item.name, item.measure, item.reason].map(field).joined(separator: ",") + "\n"
            }
        }
        files.append(("missing.csv", missingText))
        files.append(("SOURCES.md", sourcesText(sources, imported: date, superseded: superseded, mergers: mergers)))
        return files
    }

    /// One level of one table as verdeel's region table (CSV text), as ``files`` writes it:
    /// what a scenario reads from a CBS download named in its data block.
    public static func regionTable(_ table: CBSTable, level: CBSRegionLevel, file: String) -> String {
        let source = Source(table: table, file: file, sha256: "")
        let rows = table.rows.filter { CBSRegionLevel.of($0.code)?.level == level }.sorted { ($0.period.year, $0.code) < ($1.period.year, $1.code) }
        return self.table(rows.map { ($0, source) }, family: table.family, level: level)
    }

    /// The municipality rows (merged when asked) and the district and neighbourhood rows.
    static func rows(of source: Source) -> [CBSRow] {
        guard let merged = source.merged else { return source.table.rows }
        return merged.rows + source.table.rows.filter { CBSRegionLevel.of($0.code)?.level != .municipality }
    }

    /// The figures missing from a source's rows: with mergers, those of the municipalities
    /// left as they were and those a merged part lacked.
    static func missing(of source: Source) -> [CBSMissingValue] {
        guard let merged = source.merged else { return source.table.missing }
        let unchanged = Set(merged.rows.map(\.code)).intersection(source.table.rows.map(\.code))
        return source.table.missing.filter { CBSRegionLevel.of($0.code)?.level != .municipality || unchanged.contains($0.code) } + merged.missing
    }

    static func table(_ rows: [(row: CBSRow, source: Source)], family: CBSTableFamily, level: CBSRegionLevel) -> String {
        let parts = Set(rows.flatMap { $0.row.values.keys }).subtracting(family.measures.map(\.name)).sorted()
        let figures = family.measures.map(\.name) + parts
        let header = ["code"] + (level == .municipality ? [] : ["municipality_code"]) + ["name", "year", "provisional"] + figures + ["source"]
        var text = header.joined(separator: ",") + "\n"
        for (row, source) in rows {
            var fields = [row.code]
            if level != .municipality { fields.append(CBSRegionLevel.of(row.code)?.municipality ?? "") }
            fields += [row.name, row.period.year, row.period.provisional ? "yes" : "no"]
            fields += figures.map { row.values[$0].map(number) ?? "" }
            fields.append("CBS \(source.table.id) (\(source.table.form.rawValue)), period \(row.period.label)")
            text += fields.map(field).joined(separator: ",") + "\n"
        }
        return text
    }

    static func sourcesText(_ sources: [Source], imported date: String, superseded: [Int: Int], mergers: String?) -> String {
        var text = "# Imported CBS tables\n\nImported by `verdeel data import-cbs` on \(date). Figures are CBS's own; a figure CBS does not give is left empty and listed in missing.csv.\n"
        if let mergers { text += "Municipalities on older boundaries are merged into the current ones with \(mergers) (counts add, SES-WOA means are household-weighted, spreads combine from the parts' means and spreads).\n" }
        for (index, source) in sources.enumerated() {
            let table = source.table
            let periods = table.periods.map { $0.provisional ? "\($0.year) (provisional)" : "\($0.year) (definitive)" }.joined(separator: ", ")
            let counts = CBSRegionLevel.allCases.map { level in "\(table.rows.filter { CBSRegionLevel.of($0.code)?.level == level }.count) \(level.rawValue)" }.joined(separator: ", ")
            text += "\n## CBS \(table.id): \(table.title)\n\n- file: \(source.file) (\(table.form.rawValue))\n- SHA-256: \(source.sha256)\n- periods: \(periods)\n- rows: \(counts)\n- figures CBS does not give: \(table.missing.count)\n"
            if let count = superseded[index] { text += "- \(count) rows not used: another file gives the same region and year with definitive (or already kept) figures\n" }
        }
        return text
    }

    /// A figure as its shortest decimal: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func field(_ text: String) -> String { CSVFile.quoted(text) }
}
