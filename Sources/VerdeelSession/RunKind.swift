import VerdeelModel

/// What kind of run a plan asks for, decided in one place for every client: a sensitivity
/// block makes it an analysis, a variants or montecarlo block a simulation, and a plan with
/// neither is one allocation.
public enum RunKind: Sendable, Equatable {
    case allocation
    case simulation
    case sensitivity

    public init(_ plan: ScenarioPlan) {
        if plan.sensitivity != nil {
            self = .sensitivity
        } else if plan.simulation != nil {
            self = .simulation
        } else {
            self = .allocation
        }
    }

    /// Whether the run can be split into parts (`--shard I/N`) that `merge` joins.
    public var canBeSharded: Bool { self != .allocation }
}
