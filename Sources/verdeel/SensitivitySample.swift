import ArgumentParser
import VerdeelDesign
import VerdeelReport
import VerdeelSession

/// `verdeel sensitivity sample sobol|morris --problem P -N n`: the rows to evaluate.
struct SensitivitySample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a design: Saltelli rows for Sobol (N (G + 2), or N (2G + 2) with --second-order) or Morris trajectories (N (G + 1)).")

    @Argument(help: "sobol or morris.")
    var method: SALibMethod

    @Option(name: .long, help: "The problem: 'name lower upper [group]' per line, or SALib's JSON.")
    var problem: String

    @Option(name: .customShort("N"), help: "Sobol: base points (a power of two, e.g. 1024). Morris: trajectories.")
    var count: Int

    @Flag(name: .customLong("second-order"), help: "Sobol: add the BA rows for second-order indices.")
    var secondOrder = false

    @Option(name: .long, help: "Morris: grid levels p (even).")
    var levels = 4

    @Option(name: .long, help: "The seed of the scrambling (Sobol) or of the trajectories (Morris).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Write the rows to this file (default: standard output).")
    var output: String?

    func run() throws {
        let problem = try SALibFiles.orExit { () throws(SALibFileError) in try SALibFiles.problem(self.problem) }
        let design: DesignMatrix
        do {
            switch method {
            case .sobol: design = try SaltelliDesign(problem: problem, baseCount: count, secondOrder: secondOrder).matrix(seed: seed)
            case .morris: design = try MorrisDesign(problem: problem, trajectories: count, levels: levels).matrix(seed: seed)
            }
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(1)
        }
        let text = SALibMatrix.text(design.values, columns: design.columns)
        guard let output else { return print(text, terminator: "") }
        try written { stop in try FileRewrite.create(output, with: text, stop: stop) }
    }
}
