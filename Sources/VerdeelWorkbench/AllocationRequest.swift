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

    /// Keys may be left out; a key given is a value of its type (`null` is refused, as the
    /// API's schema says).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func optional<Value: Decodable>(_ type: Value.Type, _ key: CodingKeys) throws -> Value? {
            guard container.contains(key) else { return nil }
            return try container.decode(type, forKey: key)
        }
        scenario = try container.decode(String.self, forKey: .scenario)
        changes = try optional([String].self, .changes) ?? []
        baseline = try optional(String.self, .baseline)
        tables = try optional([String].self, .tables)
        measure = try optional(String.self, .measure)
        region = try optional(String.self, .region)
    }
}

extension AllocationRequest {
    /// Refuses a table the answers do not have, naming it (`tables[1]`, 400).
    public func checkTables() throws(WorkbenchError) {
        guard let wanted = tables, let index = wanted.firstIndex(where: { !Allocated.tableNames.contains($0) }) else { return }
        throw WorkbenchError(.badRequest, field: "tables[\(index)]", "there is no table '\(wanted[index])' (tables: \(Allocated.tableNames.joined(separator: ", ")))")
    }
}
