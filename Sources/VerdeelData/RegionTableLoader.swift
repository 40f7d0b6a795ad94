import Foundation

import VerdeelCore

/// Builds a ``RegionTable`` from CSV files: one table that defines the regions, further
/// tables joined to it by region code, and optionally a district table. Every problem is
/// a ``DataError`` that points at the file, line and column.
public enum RegionTableLoader {
    /// One file and what to read from it.
    public struct Source: Sendable {
        public let file: CSVFile
        public let spec: TableSpec

        public init(_ file: CSVFile, _ spec: TableSpec) {
            self.file = file
            self.spec = spec
        }
    }

    /// Loads the regions of `regions`, joins the indicators of `joins` by code and
    /// attaches the districts.
    public static func load(regions: Source, joins: [Source] = [], districts: (file: CSVFile, spec: DistrictSpec)? = nil) throws(DataError) -> RegionTable {
        let primary = try rows(of: regions)
        let codes = primary.rows.map(\.code)
        var lineOfCode = [String: Int]()
        for row in primary.rows { lineOfCode[row.code] = row.line }
        var columns = primary.columns
        var origin = [String: String]()
        for name in columns.keys { origin[name] = regions.file.name }
        for join in joins {
            let joined = try rows(of: join)
            var valuesByCode = [String: [String: Double]]()
            for row in joined.rows {
                guard lineOfCode[row.code] != nil else {
                    let hint = NearestName.find(row.code, among: codes).map { " Did you mean \($0)?" } ?? ""
                    throw DataError(
                        file: join.file.name, line: row.line, column: row.codeColumn, columnName: join.spec.keyColumn,
                        message: "unknown region \(row.code): it is not in \(regions.file.name).\(hint)")
                }
                valuesByCode[row.code] = row.values
            }
            for code in codes where valuesByCode[code] == nil {
                throw DataError(
                    file: join.file.name, line: 0, column: 0,
                    message: "region \(code) (line \(lineOfCode[code] ?? 0) of \(regions.file.name)) has no row here; add it or leave the region out")
            }
            for (name, _) in joined.columns {
                if let other = origin[name] {
                    throw DataError(
                        file: join.file.name, line: 1, column: 0, columnName: name,
                        message: "indicator '\(name)' is also read from \(other); give one of them another name")
                }
                origin[name] = join.file.name
                columns[name] = codes.map { valuesByCode[$0]?[name] ?? 0 }
            }
        }
        let districtTable = try districts.map { source throws(DataError) in
            try loadDistricts(source.file, source.spec, regionCodes: Set(codes), regionFile: regions.file.name)
        }
        var labels = [String: [String]]()
        for (index, column) in regions.spec.textColumns.enumerated() { labels[column.name] = primary.rows.map { $0.texts[index] } }
        do {
            return try RegionTable(
                regions: primary.rows.map { Region(code: $0.code, name: $0.name) }, indicators: columns, labels: labels, districts: districtTable)
        } catch {
            throw DataError(file: regions.file.name, line: 0, column: 0, message: error.description)
        }
    }

    /// One data row: its code, name, values and where it stands.
    private struct Row {
        let code: String
        let name: String
        let values: [String: Double]
        /// The text columns' values, in the spec's order.
        let texts: [String]
        let line: Int
        let codeColumn: Int
    }

    /// The vintage a table reads: the one named, or for `latest` the greatest value in the
    /// vintage column (years compare as numbers) and for `latest definitive` the greatest
    /// among rows whose `provisional` column says `no` (as `verdeel data import-cbs`
    /// writes it); a chosen vintage with provisional rows is refused for `latest definitive`.
    static func chosenVintage(_ value: String, in file: CSVFile, column index: Int) throws(DataError) -> String {
        let latest = value == Vintage.latest, definitive = value == Vintage.latestDefinitive
        guard latest || definitive else { return value }
        let provisional = definitive ? try file.columnIndex("provisional") : nil
        func isProvisional(_ record: [CSVFile.Field]) -> Bool { provisional.map { record[$0].value.trimmingSpaces != "no" } ?? false }
        let candidates = file.records.filter { !definitive || !isProvisional($0) }.map { $0[index].value }
        func order(_ a: String, _ b: String) -> Bool {
            if let x = Int(a.trimmingSpaces), let y = Int(b.trimmingSpaces) { return x < y }
            return a < b
        }
        guard let chosen = candidates.max(by: order) else {
            throw DataError(file: file.name, line: 0, column: 0, columnName: file.header[index].value, message: "no \(definitive ? "definitive " : "")vintage for '\(value)' (every row is provisional)")
        }
        if definitive, let record = file.records.first(where: { $0[index].value == chosen && isProvisional($0) }) {
            throw DataError(file: file.name, line: record[index].line, column: record[index].column, columnName: "provisional", message: "vintage \(chosen) has definitive and provisional rows; 'latest definitive' needs one status per vintage")
        }
        return chosen
    }

    private static func rows(of source: Source, skipEmpty: Bool = false) throws(DataError) -> (rows: [Row], columns: [String: [Double]]) {
        let file = source.file
        let spec = source.spec
        try file.checkUniqueColumns()
        let keyIndex = try file.columnIndex(spec.keyColumn)
        let nameIndex = try spec.nameColumn.map { name throws(DataError) in try file.columnIndex(name) }
        let vintageIndex = try spec.vintage.map { vintage throws(DataError) in try file.columnIndex(vintage.column) }
        var indicatorIndices = [Int]()
        for indicator in spec.indicators { indicatorIndices.append(try file.columnIndex(indicator.column)) }
        var textIndices = [Int]()
        for column in spec.textColumns { textIndices.append(try file.columnIndex(column.column)) }
        var rows = [Row]()
        var firstLine = [String: (line: Int, spelled: String)]()
        var vintagesSeen = Set<String>()
        let chosen = try vintageIndex.map { index throws(DataError) in try Self.chosenVintage(spec.vintage?.value ?? "", in: file, column: index) }
        for record in file.records {
            if let chosen, let index = vintageIndex {
                vintagesSeen.insert(record[index].value)
                if record[index].value != chosen { continue }
            }
            if skipEmpty && indicatorIndices.contains(where: { record[$0].value.trimmingSpaces.isEmpty }) { continue }
            let key = record[keyIndex]
            let code = try RegionCode.normalize(key, file: file.name, column: spec.keyColumn)
            guard !code.isEmpty else {
                throw DataError(file: file.name, line: key.line, column: key.column, columnName: spec.keyColumn, message: "the region code is empty; every row needs a code such as GM0014")
            }
            if let first = firstLine[code] {
                let spelled = RegionCode.trim(key.value)
                let message = spelled == first.spelled
                    ? "region \(code) occurs twice (first on line \(first.line)); keep one row per region"
                    : "region \(spelled) is region \(first.spelled) of line \(first.line): codes are compared without regard to letter case; keep one row per region"
                throw DataError(file: file.name, line: key.line, column: key.column, columnName: spec.keyColumn, message: message)
            }
            firstLine[code] = (key.line, RegionCode.trim(key.value))
            var values = [String: Double]()
            for (indicator, index) in zip(spec.indicators, indicatorIndices) {
                values[indicator.indicator] = try file.number(record[index], column: indicator.column, kind: indicator.kind)
            }
            var texts = [String]()
            for (column, index) in zip(spec.textColumns, textIndices) {
                let field = record[index]
                let text = RegionCode.trim(field.value)
                guard !text.isEmpty else {
                    throw DataError(
                        file: file.name, line: field.line, column: field.column, columnName: column.column,
                        message: "region \(code) has no value in the text column '\(column.column)'; every region needs one (it groups the regions)")
                }
                try Self.refuseControl(field, file: file.name, column: column.column)
                texts.append(text)
            }
            if let nameIndex { try Self.refuseControl(record[nameIndex], file: file.name, column: spec.nameColumn ?? "name") }
            let name = nameIndex.map { record[$0].value } ?? code
            rows.append(Row(code: code, name: name, values: values, texts: texts, line: key.line, codeColumn: key.column))
        }
        if rows.isEmpty {
            if let vintage = spec.vintage, !file.records.isEmpty {
                throw DataError(
                    file: file.name, line: 0, column: 0, columnName: vintage.column,
                    message: "no rows for vintage '\(vintage.value)'; the file has: \(vintagesSeen.sorted().joined(separator: ", "))")
            }
            throw DataError(file: file.name, line: 0, column: 0, message: "the file has a header but no data rows")
        }
        var columns = [String: [Double]]()
        for indicator in spec.indicators { columns[indicator.indicator] = rows.map { $0.values[indicator.indicator] ?? 0 } }
        return (rows, columns)
    }

    private static func loadDistricts(_ file: CSVFile, _ spec: DistrictSpec, regionCodes: Set<String>, regionFile: String) throws(DataError) -> DistrictTable {
        let tableSpec = TableSpec(keyColumn: spec.keyColumn, nameColumn: spec.nameColumn, indicators: spec.indicators, vintage: spec.vintage)
        let parsed = try rows(of: Source(file, tableSpec), skipEmpty: spec.skipEmpty)
        let regionIndex = try file.columnIndex(spec.regionColumn)
        // A row's record by where its code stands (rows of other vintages and skipped rows are not read).
        let keyIndex = try file.columnIndex(spec.keyColumn)
        let records = Dictionary(file.records.map { ("\($0[keyIndex].line):\($0[keyIndex].column)", $0) }, uniquingKeysWith: { first, _ in first })
        var districts = [District]()
        for row in parsed.rows {
            guard let record = records["\(row.line):\(row.codeColumn)"] else { continue }
            let field = record[regionIndex]
            let regionCode = try RegionCode.normalize(field, file: file.name, column: spec.regionColumn)
            guard regionCodes.contains(regionCode) else {
                let hint = NearestName.find(regionCode, among: regionCodes).map { " Did you mean \($0)?" } ?? ""
                throw DataError(
                    file: file.name, line: field.line, column: field.column, columnName: spec.regionColumn,
                    message: "unknown region '\(field.value)': it is not in \(regionFile).\(hint)")
            }
            districts.append(District(code: row.code, name: row.name, regionCode: regionCode))
        }
        do {
            return try DistrictTable(districts: districts, indicators: parsed.columns, missingAsZero: spec.missingAsZero)
        } catch {
            throw DataError(file: file.name, line: 0, column: 0, message: error.description)
        }
    }

    /// A name with a control character (ESC, a carriage return, ...) could hide or overwrite
    /// figures on a terminal or in a report: refused where it stands.
    static func refuseControl(_ field: CSVFile.Field, file: String, column: String) throws(DataError) {
        guard let control = Printable.firstControl(in: field.value) else { return }
        throw DataError(
            file: file, line: field.line, column: field.column + control.position - 1, columnName: column,
            message: "the name holds a control character (\(control.code)) at position \(control.position); retype it without")
    }
}
