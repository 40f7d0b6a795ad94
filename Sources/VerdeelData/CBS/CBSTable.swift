/// One CBS table as read from a download, whatever form it came in: which table it is,
/// its periods with their status, and per region and period the figures verdeel uses,
/// already under verdeel's names and units (``CBSMeasure``).
public struct CBSTable: Sendable, Equatable {
    /// How the table was downloaded.
    public enum Form: String, Sendable {
        case odataV3 = "OData v3, cbsodata"
        case odataV4 = "OData v4"
        case statLineCSV = "StatLine CSV export"
    }

    public let id: String
    public let title: String
    public let form: Form
    public let family: CBSTableFamily
    public let rows: [CBSRow]
    /// The figures the table has no value for (`.`, `null`, a value attribute), each
    /// named; never filled in.
    public let missing: [CBSMissingValue]

    public init(id: String, title: String, form: Form, family: CBSTableFamily, rows: [CBSRow], missing: [CBSMissingValue]) {
        self.id = id
        self.title = title
        self.form = form
        self.family = family
        self.rows = rows
        self.missing = missing
    }

    /// The table's periods, in order, with their status.
    public var periods: [CBSPeriod] {
        var seen = Set<CBSPeriod>()
        return rows.map(\.period).filter { seen.insert($0).inserted }.sorted { $0.year < $1.year }
    }
}

/// A period of a CBS table: the year it is about and whether CBS still calls its figures
/// provisional (`*` "voorlopig", `**` "nader voorlopig"; OData status "Voorlopig").
public struct CBSPeriod: Hashable, Sendable {
    public let year: String
    public let provisional: Bool

    public init(year: String, provisional: Bool) {
        self.year = year
        self.provisional = provisional
    }

    /// How CBS writes it: `2022*` when provisional.
    public var label: String { provisional ? "\(year)*" : year }
}

/// What a region code says it is: a municipality (`GM0014`), a district (`WK001401`) or
/// a neighbourhood (`BU00140101`); districts and neighbourhoods name their municipality
/// in their code's first four digits.
public enum CBSRegionLevel: String, Sendable, CaseIterable {
    case municipality = "municipalities"
    case district = "districts"
    case neighbourhood = "neighbourhoods"

    /// The level and municipality code of a CBS region code; nil for other codes (the
    /// country `NL01`, provinces `PV20`).
    public static func of(_ code: String) -> (level: CBSRegionLevel, municipality: String)? {
        let characters = Array(code)
        let digits = characters.dropFirst(2)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let municipality = "GM" + String(characters.dropFirst(2).prefix(4))
        switch (code.prefix(2), characters.count) {
        case ("GM", 6): return (.municipality, code)
        case ("WK", 8): return (.district, municipality)
        case ("BU", 10): return (.neighbourhood, municipality)
        default: return nil
        }
    }
}

/// One region in one period: its code (CBS's padding dropped), name, and figures.
public struct CBSRow: Sendable, Equatable {
    public let code: String
    public let name: String
    public let period: CBSPeriod
    /// Figures by ``CBSMeasure`` name; a figure the table lacks is absent (and listed in
    /// ``CBSTable/missing``).
    public let values: [String: Double]

    public init(code: String, name: String, period: CBSPeriod, values: [String: Double]) {
        self.code = code
        self.name = name
        self.period = period
        self.values = values
    }
}

/// A figure a CBS table does not give (unknown, secret, too few households), and why.
public struct CBSMissingValue: Sendable, Equatable {
    public let code: String
    public let name: String
    public let period: CBSPeriod
    public let measure: String
    public let reason: String

    public init(code: String, name: String, period: CBSPeriod, measure: String, reason: String) {
        self.code = code
        self.name = name
        self.period = period
        self.measure = measure
        self.reason = reason
    }
}
