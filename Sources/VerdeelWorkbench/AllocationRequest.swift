/// What a client asks the workbench to allocate: a scenario, the changes stacked on it (in
/// order, as `verdeel run --set` takes them: `jongerenwerk.weight.need=70%`), the scenario to
/// compare with (default: the same scenario without the changes), the tables it wants in
/// the answer (default: all) and the measure whose rows it wants (default: every measure's;
/// rows of all measures together stay): a page asks only for what it draws. A
/// municipality's page names its region (`region`, a code).
public struct AllocationRequest: Decodable, Sendable, Equatable {
    public let scenario: String
    public let changes: [String]
    public let baseline: String?
    public let tables: [String]?
    public let measure: String?
    public let region: String?

    public init(scenario: String, changes: [String] = [], baseline: String? = nil, tables: [String]? = nil, measure: String? = nil, region: String? = nil) {
        (self.scenario, self.changes, self.baseline, self.tables, self.measure, self.region) = (scenario, changes, baseline, tables, measure, region)
    }

    private enum CodingKeys: String, CodingKey { case scenario, changes, baseline, tables, measure, region }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try container.decode(String.self, forKey: .scenario)
        changes = try container.decodeIfPresent([String].self, forKey: .changes) ?? []
        baseline = try container.decodeIfPresent(String.self, forKey: .baseline)
        tables = try container.decodeIfPresent([String].self, forKey: .tables)
        measure = try container.decodeIfPresent(String.self, forKey: .measure)
        region = try container.decodeIfPresent(String.self, forKey: .region)
    }
}
