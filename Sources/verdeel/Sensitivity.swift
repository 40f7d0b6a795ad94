import ArgumentParser

/// `verdeel sensitivity`: designs and analyses compatible with SALib's files, for
/// researchers who run their own model.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sensitivity designs and analyses on SALib's file layouts (Sobol, Morris).",
        subcommands: [SensitivitySample.self, SensitivityAnalyze.self])
}

