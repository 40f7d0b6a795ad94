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
                budget 2026: 3M, 2027: 4M, 2028: 6.5M
                topslice ondersteuning 5%
                base 200k if infeasible error
                key inhabitants 100%
        \(extra)
            }
            variants {
                base wijk in 150k, 200k
            }
            montecarlo {
                draws 400
                seed 7
                perturb inhabitants normal sd 1%
            }
        }
        """
    }

    /// Three years, two variants, 400 draws in a block of 304 and one of 96 (13 regions):
    /// with an odd number of years the worker once carried an array of the narrow block
    /// into the wide one and indexed past its end.
    @Test func aFloorThatCannotBindChangesNothing() throws {
        let limited = try simulate(Self.wijk("        floor 150k"))
        let plain = try simulate(Self.wijk(""))
        #expect(limited.infeasible.isEmpty)
        #expect(try CSVRenderer.text(SimulationTables(limited).summary()) == CSVRenderer.text(SimulationTables(plain).summary()))
    }

    @Test func aTransitionThatCannotBindChangesNothing() throws {
        let limited = try simulate(Self.wijk("        transition 100M from previous year"))
        let plain = try simulate(Self.wijk(""))
        #expect(try CSVRenderer.text(SimulationTables(limited).summary()) == CSVRenderer.text(SimulationTables(plain).summary()))
    }
}
