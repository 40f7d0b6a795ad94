/// Parameter changes written as text (`jongerenwerk.weight.need=70%`), read by whoever knows
/// their syntax: the language implements this, and a client that changes plans without
/// knowing the language (the workbench) is given one. It keeps the plan layer below the
/// syntax: the plan's user asks, the language answers.
public protocol PlanChanges: Sendable {
    /// `plan` with `changes` applied, in order; or the first mistake, with the index of the
    /// change it is in.
    func apply(_ changes: [String], to plan: ScenarioPlan) -> Result<ScenarioPlan, PlanChangeMistake>

    /// A scenario file that includes the file `included` and declares scenario `name`
    /// extending `plan` with `changes` as statements, so that running it allocates what the
    /// changes give; `header` lines come first as comments. Nil when a change has a mistake.
    func scenarioText(extending plan: ScenarioPlan, named name: String, title: String, included: String, header: [String], changes: [String]) -> String?
}

/// A change that cannot be applied: which one (its index in the changes given) and why, with
/// what to do where known.
public struct PlanChangeMistake: Error, Sendable, Equatable {
    public let index: Int
    public let message: String
    public let suggestion: String?

    public init(index: Int, message: String, suggestion: String?) {
        (self.index, self.message, self.suggestion) = (index, message, suggestion)
    }
}
