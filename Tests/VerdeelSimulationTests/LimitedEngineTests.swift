import Testing
import VerdeelReport
@testable import VerdeelSimulation

/// Monte Carlo runs of measures with limits take the core's pool distribution draw by draw.
/// A floor that can never bind (at or below the base) must give exactly what the fast
/// path gives without it, for every variant, year and block of draws.
@Suite struct LimitedEngineTests {
    static func wijk(_ extra: String) -> String {
        """
        scenario s {
            data {
                regions "data/municipalities-2024.csv" {
                    inhabitants: count
                }
            }
            measure wijk {
                budget 2026: 3M, 2027: 4M, 2028..2029: 6.5M
                topslice ondersteuning 5%
                base 200k if infeasible error
                key inhabitants 100%
        \(extra)
            }
            variants {
                base wijk in 150k, 200k
            }
            montecarlo {
                draws 1_000
                seed 7
                perturb inhabitants normal sd 1%
            }
        }
        """
    }

    /// Four years, two variants, 1,000 draws in blocks of 304 (13 regions): the case that
    /// once indexed past a reused array of a narrower block.
    @Test func aFloorThatCannotBindChangesNothing() throws {
        let limited = try simulate(Self.wijk("        floor 150k"))
        let plain = try simulate(Self.wijk(""))
        #expect(limited.infeasible.isEmpty)
        #expect(SimulationCSV(limited).summary() == SimulationCSV(plain).summary())
    }

    @Test func aTransitionThatCannotBindChangesNothing() throws {
        let limited = try simulate(Self.wijk("        transition 100M from previous year"))
        let plain = try simulate(Self.wijk(""))
        #expect(SimulationCSV(limited).summary() == SimulationCSV(plain).summary())
    }
}
