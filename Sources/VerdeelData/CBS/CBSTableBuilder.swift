import Foundation
import VerdeelCore

/// Collects a CBS table's figures region by region and period by period, whatever form
/// they come in, and refuses what would be a silent wrong answer: a region given twice for
/// one period, a figure outside its kind (a negative count), a code that is no municipality,
/// district or neighbourhood (the country and provinces are skipped).
struct CBSTableBuilder {
    let file: String
    let family: CBSTableFamily
    private var order: [String] = []
    private var rows: [String: (code: String, name: String, period: CBSPeriod, values: [String: Double])] = [:]
    private(set) var missing: [CBSMissingValue] = []

    init(file: String, family: CBSTableFamily) {
        self.file = file
        self.family = family
    }

    /// Whether verdeel imports rows with this code: true for a municipality (`GM` + 4
    /// digits), district (`WK` + 6) or neighbourhood (`BU` + 8), false for CBS's other
    /// levels (two letters and digits: the country `NL01`, provinces `PV20`, `LD`, `CR`, ...).
    /// Any other code (too short or long for its level, extra or invisible characters) is
    /// refused where it stands, never dropped without a word.
    func imports(_ code: String, at place: (line: Int, column: Int)) throws(DataError) -> Bool {
        if CBSRegionLevel.of(code) != nil { return true }
        let scalars = Array(code.unicodeScalars)
        let letters = scalars.prefix(2), digits = scalars.dropFirst(2)
        let wellFormed = letters.count == 2 && letters.allSatisfy { ("A"..."Z").contains($0) } && !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
        if wellFormed, !["GM", "WK", "BU"].contains(String(String.UnicodeScalarView(letters))) { return false }
        let shown = Printable.shown(code).unicodeScalars.map { $0.isASCII || !RegionCode.isInvisible($0) ? String($0) : "<U+\(String($0.value, radix: 16, uppercase: true))>" }.joined()
        throw DataError(
            file: file, line: place.line, column: place.column,
            message: "'\(shown)' is not a CBS region code (a municipality is GM + 4 digits, a district WK + 6, a neighbourhood BU + 8); download the table again")
    }

    /// Starts (or continues, for a long-format table) a region's row in a period.
    mutating func row(code: String, name: String, period: CBSPeriod, at place: (line: Int, column: Int)) throws(DataError) {
        if let control = Printable.firstControl(in: name) {
            throw DataError(file: file, line: place.line, column: place.column, message: "the name of region \(code) holds a control character (\(control.code)); download the table again")
        }
        let key = "\(code) \(period.label)"
        if let known = rows[key] {
            guard known.name == name || name.isEmpty || known.name.isEmpty else {
                throw DataError(file: file, line: place.line, column: place.column, message: "region \(code) has two names in \(period.label): '\(known.name)' and '\(name)'")
            }
            if known.name.isEmpty { rows[key]?.name = name }
            return
        }
        order.append(key)
        rows[key] = (code, name, period, [:])
    }

    /// One figure of a region's row; `nil` is a figure the table does not give (`reason`).
    mutating func value(
        _ value: Double?, of measure: CBSMeasure, code: String, period: CBSPeriod, reason: String, at place: (line: Int, column: Int)
    ) throws(DataError) {
        let key = "\(code) \(period.label)"
        guard let row = rows[key] else { return }
        guard row.values[measure.name] == nil else {
            throw DataError(file: file, line: place.line, column: place.column, message: "\(measure.description) of region \(code) in \(period.label) is given twice")
        }
        guard let value else {
            missing.append(CBSMissingValue(code: code, name: row.name, period: period, measure: measure.name, reason: reason))
            return
        }
        guard value.isFinite else {
            throw DataError(file: file, line: place.line, column: place.column, message: "\(measure.description) of region \(code) in \(period.label) is not a finite number")
        }
        // Scores may be negative; counts, areas and spreads may not, and counts are whole.
        if !measure.name.hasSuffix("_mean") && value < 0 {
            throw DataError(file: file, line: place.line, column: place.column, message: "\(measure.description) of region \(code) in \(period.label) is negative (\(value))")
        }
        if measure.isCount && value.rounded() != value {
            throw DataError(file: file, line: place.line, column: place.column, message: "\(measure.description) of region \(code) in \(period.label) is not a whole number (\(value))")
        }
        rows[key]?.values[measure.name] = value
    }

    /// The table, rows in the order first seen. A family figure a row has no value for
    /// and no reason (a long-format table without that observation) is listed missing too.
    func table(id: String, title: String, form: CBSTable.Form) -> CBSTable {
        var missing = self.missing
        let built = order.compactMap { key -> CBSRow? in
            guard let row = rows[key] else { return nil }
            let code = row.code
            for measure in family.measures where row.values[measure.name] == nil
                && !missing.contains(where: { $0.code == code && $0.period == row.period && $0.measure == measure.name }) {
                missing.append(CBSMissingValue(code: code, name: row.name, period: row.period, measure: measure.name, reason: "no figure in the table"))
            }
            return CBSRow(code: code, name: row.name, period: row.period, values: row.values)
        }
        return CBSTable(id: id.uppercased(), title: title, form: form, family: family, rows: built, missing: missing)
    }
}

/// How CBS writes a figure in text (StatLine CSV, OData v3 untyped): padded with spaces,
/// a decimal point or comma, never digit grouping; `.` (unknown or secret), `x` (secret),
/// `-` (nil) and an empty field are no figure, with the reason.
enum CBSNumber {
    static func read(_ text: String) -> (value: Double?, reason: String)? {
        let trimmed = text.trimmingSpaces
        switch trimmed {
        case "", ".": return (nil, "unknown or secret (CBS '.')")
        case "x": return (nil, "secret (CBS 'x')")
        case "-": return (nil, "nil (CBS '-'); verdeel does not read it as 0")
        default:
            let spelled = trimmed.replacingOccurrences(of: ",", with: ".")
            guard NumberSyntax.isPlainNumber(spelled), let value = Double(spelled) else { return nil }
            return (value, "")
        }
    }
}

/// How CBS writes a period: `2019` definitive, `2022*` provisional, `2022**` revised
/// provisional; OData period keys `2019JJ00` with a status.
enum CBSPeriodText {
    static func read(_ text: String) -> CBSPeriod? {
        var trimmed = text.trimmingSpaces
        var provisional = false
        while trimmed.hasSuffix("*") {
            trimmed.removeLast()
            provisional = true
        }
        guard trimmed.count == 4, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return CBSPeriod(year: trimmed, provisional: provisional)
    }

    /// An OData period: key `2019JJ00` (a year) and its status ("Definitief", "Voorlopig",
    /// "Nader voorlopig").
    static func read(key: String, status: String) -> CBSPeriod? {
        let trimmed = key.trimmingSpaces
        guard trimmed.count == 8, trimmed.hasSuffix("JJ00"), let period = read(String(trimmed.prefix(4))) else { return nil }
        return CBSPeriod(year: period.year, provisional: status.lowercased().contains("voorlopig"))
    }
}
