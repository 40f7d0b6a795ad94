/// One column of a result table, declared by the code that makes the table: its id (the
/// CSV header), what it holds, its name for people in Dutch and English, and one line that
/// says what it means (for the output folder's schema and the docs).
public struct Column: Codable, Equatable, Sendable {
    public let id: String
    public let kind: ColumnKind
    public let dutch: String
    public let english: String
    public let description: String
    public init(_ id: String, _ kind: ColumnKind, dutch: String, english: String, _ description: String) {
        self.id = id
        self.kind = kind
        self.dutch = dutch
        self.english = english
        self.description = description
    }

    /// A column whose id is also its name for people (English: underscores as spaces), e.g.
    /// a varied parameter `jongerenwerk.weight.need` or a year.
    public static func named(_ id: String, _ kind: ColumnKind, _ description: String) -> Column {
        Column(id, kind, dutch: id, english: id.replacingOccurrences(of: "_", with: " "), description)
    }
}

extension Column {
    /// The measure's id.
    public static let measure = Column("measure", .text, dutch: "maatregel", english: "measure", "the measure's id in the scenario")
    /// The budget year.
    public static let year = Column("year", .ordinal, dutch: "jaar", english: "year", "the budget year")
    /// The region's code (`GM0014`); text, never a number.
    public static let region = Column("region", .regionCode, dutch: "code", english: "region", "the region's code, as in the data (text)")
    /// The region's name, next to its code in every table a person reads.
    public static let regionName = Column("region_name", .text, dutch: "gemeente", english: "region name", "the region's name, as in the data")
}
