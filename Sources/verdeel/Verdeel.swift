import ArgumentParser
import Foundation
import VerdeelLinearAlgebra
import VerdeelReport
import VerdeelSession

/// The `verdeel` command: scenario simulation for public funds-allocation models.
@main
struct Verdeel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate public budgets over regions by weighted keys (verdeelmodellen).",
        discussion: "Without a file, 'verdeel run' runs the bundled Sociale Agenda scenario.",
        version: "verdeel \(AllocationJSON.engineVersion)",
        subcommands: [Run.self, Check.self, Format.self, Compare.self, Sensitivity.self, Report.self, Merge.self, DataCommand.self, UpdateImpact.self, Serve.self],
        defaultSubcommand: Run.self)

    /// verdeel runs its own threads; BLAS gets one from the start, so its idle worker
    /// threads do not spin on the cores while a scenario is read and run.
    static func main() {
        BlockProduct.setLibraryThreads(1)
        Interruption.shared.install {
            printError("\(Interruption.shared.signalName): stopped")
            Verdeel.exit(withError: ExitCode(Interruption.shared.exitCode))
        }
        main(nil)
    }
}
