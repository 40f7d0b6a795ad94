import ArgumentParser
import SocialeAgenda
import VerdeelCore
import VerdeelData
import VerdeelReport

/// `verdeel run`: allocates the Sociale Agenda baseline (SPEC 1.4) on the bundled CBS data
/// and prints a table per measure, municipality and year.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate the Sociale Agenda baseline and print the amounts per measure, municipality and year.")

    @Option(name: .long, help: "The directory with municipalities-2024.csv, ses-woa-synthetic.csv and districts-2024.csv.")
    var data = "Scenarios/data"

    func run() throws {
        let table: RegionTable
        do {
            table = try SocialeAgendaData.load(directory: data)
        } catch {
            throw CommandFailure("\(data)/\(error)\nRun verdeel from the repository root, or pass --data DIR.")
        }
        let allocations: [MeasureAllocation]
        do {
            allocations = try Allocator(table: table).allocate(SocialeAgenda.baseline())
        } catch {
            throw CommandFailure(error.description)
        }
        for allocation in allocations {
            print(AllocationTable(allocation).render())
            for warning in allocation.years.flatMap(\.warnings) { print("warning: \(warning)") }
        }
        if SocialeAgendaData.sesWoaIsSynthetic { print(SocialeAgendaData.syntheticNotice) }
    }
}

/// An error already explained to the user: printed once as `error: ...`, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
