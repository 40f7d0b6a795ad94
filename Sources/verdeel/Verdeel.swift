import ArgumentParser

/// The `verdeel` command: scenario simulation for public funds-allocation models.
@main
struct Verdeel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate public budgets over regions by weighted keys (verdeelmodellen).",
        discussion: "Without a file, 'verdeel run' runs the bundled Sociale Agenda scenario.",
        subcommands: [Run.self, Check.self, Format.self, Compare.self],
        defaultSubcommand: Run.self)
}
