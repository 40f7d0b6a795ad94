import Testing
import VerdeelSimulation

/// The check that the running processor has the vector instructions the engine was built for.
@Suite struct ProcessorCheckTests {
    @Test func missingFlagsAreNamed() {
        let info = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 bmi2\nbugs\t\t: none\n"
        #expect(ProcessorCheck.missing(["avx2", "fma", "bmi2"], cpuinfo: info) == ["fma"])
        #expect(ProcessorCheck.missing(["avx2", "bmi2"], cpuinfo: info).isEmpty)
        #expect(ProcessorCheck.missing(["avx2"], cpuinfo: "no flags here").isEmpty)
    }

    /// The machine that built the tests runs them: nothing is missing here.
    @Test func thisMachineRunsThisBuild() {
        #expect(ProcessorCheck.problem() == nil)
    }
}
