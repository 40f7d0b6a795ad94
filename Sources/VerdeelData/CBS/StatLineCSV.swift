import Foundation

/// A StatLine CSV export (`;`-separated, every field quoted and padded): a `Perioden`
/// column (`2019`, `2022*`), the region's name (`Wijken en buurten`), its code (a header
/// ending in `(code)`, e.g. `Regiocode (gemeente, wijk, buurt) (code)`), then one column
/// per figure headed by its title path and unit (`SES-WOA/Totaalscore/Gemiddelde score
/// (Getal)`). The file does not say which table it is: the caller names it. An export
/// without the code column is refused (names alone do not identify a region).
public enum StatLineCSV {
    public static func read(name: String, bytes: [UInt8], table id: String) throws(DataError) -> CBSTable {
        let family = try CBSTableFamily.of(table: id, file: name)
        let csv = try CSVFile(name: name, bytes: bytes)
        let headers = csv.header.map { split($0.value) }
        func column(_ test: (String, String?) -> Bool) -> Int? { headers.firstIndex { test($0.path, $0.unit) } }
        guard let periodColumn = column({ path, _ in path.lowercased() == "perioden" }) else {
            throw DataError(file: name, line: 1, column: 0, message: "no 'Perioden' column; export the table with the periods shown")
        }
        guard let codeColumn = column({ _, unit in unit?.lowercased() == "code" }) else {
            throw DataError(
                file: name, line: 1, column: 0,
                message: "this export has no region codes (no column headed '... (code)'); in StatLine choose the region code to be shown (Regiocode) and export again: names alone do not identify a region")
        }
        let nameColumn = column({ path, unit in unit == nil && path.lowercased() != "perioden" })
        var figures = [(index: Int, measure: CBSMeasure, divisor: Double)]()
        for (index, header) in headers.enumerated() {
            guard let unit = header.unit, let measure = CBSMeasure.column(path: header.path, family: family) else { continue }
            guard !figures.contains(where: { $0.measure == measure }) else {
                throw DataError(file: name, line: 1, column: csv.header[index].column, message: "two columns are \(measure.description); export one")
            }
            figures.append((index, measure, try measure.divisor(unit: unit, file: name, column: csv.header[index].value)))
        }
        for measure in family.measures where !figures.contains(where: { $0.measure == measure }) {
            throw DataError(
                file: name, line: 1, column: 0,
                message: "no column for \(measure.description); the header has \(headers.map { "'\($0.path)'" }.joined(separator: ", ")). Is this table \(id.uppercased())? Export it with that figure")
        }
        var builder = CBSTableBuilder(file: name, family: family)
        for record in csv.records {
            let periodField = record[periodColumn], codeField = record[codeColumn]
            guard let period = CBSPeriodText.read(periodField.value) else {
                throw DataError(file: name, line: periodField.line, column: periodField.column, columnName: csv.header[periodColumn].value, message: "'\(periodField.value.trimmingSpaces)' is not a year (like 2019, or 2022* when provisional)")
            }
            let code = try RegionCode.normalize(codeField, file: name, column: csv.header[codeColumn].value)
            let place = (codeField.line, codeField.column)
            guard try builder.imports(code, at: place) else { continue }
            try builder.row(code: code, name: nameColumn.map { record[$0].value.trimmingSpaces } ?? "", period: period, at: place)
            for figure in figures {
                let field = record[figure.index]
                guard let (value, reason) = CBSNumber.read(field.value) else {
                    throw DataError(file: name, line: field.line, column: field.column, columnName: csv.header[figure.index].value, message: "'\(field.value.trimmingSpaces)' is not a number or one of CBS's marks ('.', 'x', '-')")
                }
                try builder.value(value.map { $0 / figure.divisor }, of: figure.measure, code: code, period: period, reason: reason, at: (field.line, field.column))
            }
        }
        return builder.table(id: id, title: CBSTableFamily.supported[id.uppercased()]?.title ?? id, form: .statLineCSV)
    }

    /// A header `Title path (Unit)` as its path and unit (nil without a unit).
    static func split(_ header: String) -> (path: String, unit: String?) {
        let trimmed = header.trimmingSpaces
        guard trimmed.hasSuffix(")"), let open = trimmed.range(of: " (", options: .backwards) else { return (trimmed, nil) }
        return (String(trimmed[..<open.lowerBound]), String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)]))
    }
}
