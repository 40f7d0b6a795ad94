import Foundation
import VerdeelModel
import VerdeelSimulation

/// libFuzzer entry point for a plan read back from JSON (a client that builds or stores plans
/// without the language): any bytes decoded as a `ScenarioPlan`; a plan that decodes is run
/// (its data read from the repository, as the seeds name it) and, with variants or draws,
/// its first variant simulated on one thread. Every outcome must be a result or an error,
/// never a trap. Runs of more than a million draw-regions are left out (they are slow, not
/// wrong: the engine's memory check refuses the ones that do not fit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let plan = try? JSONDecoder().decode(ScenarioPlan.self, from: Data(bytes: data, count: size)) else { return 0 }
    do {
        let run = try ScenarioRun.run(plan)
        guard let simulation = plan.simulation, (simulation.monteCarlo?.draws ?? 1) * max(run.table.count, 1) <= 1_000_000 else { return 0 }
        _ = try MonteCarloEngine.run(plan, table: run.table, baseline: run.allocations, control: RunControl(threads: 1, variants: 0..<1))
    } catch {
        _ = "\(error)"
    }
    return 0
}
