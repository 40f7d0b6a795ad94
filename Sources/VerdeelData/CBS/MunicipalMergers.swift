/// Municipal mergers (gemeentelijke herindelingen): which old municipalities became which
/// current one, so a vintage on older boundaries can be compared with one on the current
/// boundaries. Read from a CSV with columns `old_code,old_name,new_code,new_name,date,whole`
/// (`whole` is `no` for a municipality split over several new ones, whose municipal
/// figures cannot be divided without inventing; such a vintage is refused).
///
/// Merging the parts `i` of one new municipality:
/// ```
/// counts and areas:  x = sum_i x_i
/// SES-WOA mean:      m = sum_i h_i m_i / sum_i h_i              (h = households)
/// SES-WOA spread:    s = sqrt( sum_i h_i (s_i^2 + (m_i - m)^2) / sum_i h_i )
/// ```
/// the last being exact for spreads that are standard deviations over the households
/// (divisor n): the merged households' squared deviations from `m` are each part's own
/// plus its households times the squared distance of its mean from `m`. A part score
/// combines as the mean. A figure missing in any part is missing in the merged row
/// (never filled in); the row is provisional when any part is.
public struct MunicipalMergers: Sendable {
    public struct Merger: Sendable, Equatable {
        public let oldCode: String
        public let oldName: String
        public let newCode: String
        public let newName: String
        public let date: String
        public let whole: Bool
    }

    public let mergers: [Merger]
    /// The file name, for messages.
    public let file: String

    public init(name: String, bytes: [UInt8]) throws(DataError) {
        file = name
        let csv = try CSVFile(name: name, bytes: bytes)
        let columns = try ["old_code", "old_name", "new_code", "new_name", "date", "whole"].map { name throws(DataError) in try csv.columnIndex(name) }
        var found = [Merger]()
        for record in csv.records {
            let wholeField = record[columns[5]]
            guard ["yes", "no"].contains(wholeField.value.trimmingSpaces) else {
                throw DataError(file: name, line: wholeField.line, column: wholeField.column, columnName: "whole", message: "write yes (the whole municipality) or no (a part)")
            }
            found.append(Merger(
                oldCode: try RegionCode.normalize(record[columns[0]], file: name, column: "old_code"), oldName: record[columns[1]].value.trimmingSpaces,
                newCode: try RegionCode.normalize(record[columns[2]], file: name, column: "new_code"), newName: record[columns[3]].value.trimmingSpaces,
                date: record[columns[4]].value.trimmingSpaces, whole: wholeField.value.trimmingSpaces == "yes"))
        }
        mergers = found
    }

    /// The municipality rows of `table` on the current boundaries: rows of old
    /// municipalities merged into their new one, the others unchanged (districts and
    /// neighbourhoods are left out: their codes change with the boundaries); and the
    /// figures that could not be merged because a part lacks them.
    public func apply(to table: CBSTable, file tableFile: String) throws(DataError) -> (rows: [CBSRow], missing: [CBSMissingValue]) {
        let byOld = Dictionary(mergers.map { ($0.oldCode, $0) }, uniquingKeysWith: { a, b in a.whole ? b : a })
        var result = [CBSRow]()
        var groups = [String: [CBSRow]]()
        var order = [String]()
        var missing = [CBSMissingValue]()
        for row in table.rows where CBSRegionLevel.of(row.code)?.level == .municipality {
            guard let merger = byOld[row.code] else {
                result.append(row)
                continue
            }
            guard merger.whole else {
                throw DataError(
                    file: tableFile, line: 0, column: 0,
                    message: "\(row.code) \(merger.oldName) (\(row.period.label)) was split over several municipalities on \(merger.date) (see \(file)); its figures cannot be divided without inventing them: import a vintage on the boundaries from \(merger.date) on")
            }
            let key = "\(merger.newCode) \(row.period.year)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        for key in order {
            guard let parts = groups[key], let first = parts.first, let merger = byOld[first.code] else { continue }
            let expected = Set(mergers.filter { $0.newCode == merger.newCode }.map(\.oldCode))
            let present = Set(parts.map(\.code))
            // A municipality that kept its code and is alone: already on the new boundaries.
            if present == [merger.newCode] {
                result.append(first)
                continue
            }
            guard present == expected else {
                throw DataError(
                    file: tableFile, line: 0, column: 0,
                    message: "\(first.period.label) has \(present.sorted().joined(separator: ", ")) but not \(expected.subtracting(present).sorted().joined(separator: ", ")), which together became \(merger.newCode) \(merger.newName) on \(merger.date) (\(file)): import the whole table")
            }
            let period = CBSPeriod(year: first.period.year, provisional: parts.contains { $0.period.provisional })
            let (values, lacking) = Self.merge(parts)
            for measure in lacking {
                missing.append(CBSMissingValue(code: merger.newCode, name: merger.newName, period: period, measure: measure, reason: "a merged part (\(parts.map(\.code).joined(separator: ", "))) lacks it"))
            }
            result.append(CBSRow(code: merger.newCode, name: merger.newName, period: period, values: values))
        }
        var seen = Set<String>()
        for row in result where !seen.insert("\(row.code) \(row.period.year)").inserted {
            throw DataError(file: tableFile, line: 0, column: 0, message: "\(row.code) appears in \(row.period.label) both itself and as the merger of its former municipalities")
        }
        return (result, missing)
    }

    /// The merged figures of the parts (the formulas above) and the figures left out
    /// because a part lacks them.
    static func merge(_ parts: [CBSRow]) -> (values: [String: Double], lacking: [String]) {
        let names = Set(parts.flatMap(\.values.keys)).sorted()
        var values = [String: Double](), lacking = [String]()
        let households = parts.map { $0.values[CBSMeasure.households.name] }
        let weights = households.allSatisfy { $0 != nil } ? households.compactMap { $0 } : nil
        let totalWeight = weights?.reduce(0, +) ?? 0
        for name in names {
            let figures = parts.map { $0.values[name] }
            guard figures.allSatisfy({ $0 != nil }) else {
                lacking.append(name)
                continue
            }
            let x = figures.compactMap { $0 }
            if name == CBSMeasure.sesWOASpread.name || name.hasSuffix("_mean") {
                guard let weights, totalWeight > 0 else {
                    lacking.append(name)
                    continue
                }
                let means = parts.map { $0.values[name.hasSuffix("_mean") ? name : CBSMeasure.sesWOAMean.name] }
                guard means.allSatisfy({ $0 != nil }) else {
                    lacking.append(name)
                    continue
                }
                let m = zip(weights, means.compactMap { $0 }).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
                if name.hasSuffix("_mean") {
                    values[name] = m
                } else {
                    let squares = zip(weights, zip(x, means.compactMap { $0 })).reduce(0) { $0 + $1.0 * ($1.1.0 * $1.1.0 + ($1.1.1 - m) * ($1.1.1 - m)) }
                    values[name] = (squares / totalWeight).squareRoot()
                }
            } else {
                values[name] = x.reduce(0, +)
            }
        }
        return (values, lacking.sorted())
    }
}
