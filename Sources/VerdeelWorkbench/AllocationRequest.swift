/// What a client asks the workbench to allocate: a scenario, the changes stacked on it (in
/// order, as `verdeel run --set` takes them: `jongerenwerk.weight.need=70%`), and the
/// scenario to compare with (default: the same scenario without the changes).
public struct AllocationRequest: Decodable, Sendable, Equatable {
    public let scenario: String
    public let changes: [String]
    public let baseline: String?

    public init(scenario: String, changes: [String] = [], baseline: String? = nil) {
        (self.scenario, self.changes, self.baseline) = (scenario, changes, baseline)
    }

    private enum CodingKeys: String, CodingKey { case scenario, changes, baseline }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try container.decode(String.self, forKey: .scenario)
        changes = try container.decodeIfPresent([String].self, forKey: .changes) ?? []
        baseline = try container.decodeIfPresent(String.self, forKey: .baseline)
    }
}
