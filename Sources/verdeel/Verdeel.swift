import ArgumentParser

/// The `verdeel` command: scenario simulation for public funds-allocation models.
@main
struct Verdeel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate public budgets over regions by weighted keys (verdeelmodellen).",
        subcommands: [Run.self],
        defaultSubcommand: Run.self)
}
