import ArgumentParser
import VerdeelModel
import VerdeelSession
import VerdeelSimulation

/// The scenarios a command names: `NAME` from the command's file, or `OTHER_FILE:NAME` from
/// another file, which is then called `OTHER_FILE:NAME` in the results. With settings
/// (`--set`) every scenario after the first has them; one scenario named alone is compared
/// with itself with the settings. Each file is compiled and its scenarios run once; a
/// scenario named twice is the same run.
struct NamedScenarios {
    struct Name: Hashable {
        let file: String
        let scenario: String
        /// Whether the settings apply.
        let set: Bool
    }

    let names: [Name]
    let settings: SettingOptions

    init(file: String, arguments: [String], settings: SettingOptions) {
        let named = arguments.map { argument in
            guard let colon = argument.lastIndex(of: ":"), colon != argument.startIndex else { return (file, argument) }
            return (String(argument[..<colon]), String(argument[argument.index(after: colon)...]))
        }
        let changed = settings.settings.isEmpty ? [] : named.count == 1 ? named : Array(named.dropFirst())
        names = named.prefix(1).map { Name(file: $0.0, scenario: $0.1, set: false) } + changed.map { Name(file: $0.0, scenario: $0.1, set: true) }
            + (changed.isEmpty ? named.dropFirst().map { Name(file: $0.0, scenario: $0.1, set: false) } : [])
        self.settings = settings
    }

    /// The files named, the command's first.
    var files: [String] { names.map(\.file).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// Runs every scenario named, in the order named, with the scenario files read; prints
    /// a file's diagnostics or a run's error (located in its file) and exits 1. The fairness
    /// of each file's runs is measured here once so that its errors are located too.
    func run(command file: String, access: FileAccess) throws -> (runs: [ScenarioRun], files: [(path: String, bytes: [UInt8])]) {
        var byName = [Name: ScenarioRun]()
        var read = [(path: String, bytes: [UInt8])]()
        for path in files {
            let input = ScenarioInput(file: path, access: access)
            let compilation = try input.compile()
            let wanted = names.filter { $0.file == path }.reduce(into: [Name]()) { if !$0.contains($1) { $0.append($1) } }
            let plans = try input.select(wanted.map(\.scenario), from: compilation.plans)
            var prepared = [ScenarioPlan]()
            for name in wanted {
                guard let plan = plans.first(where: { $0.name == name.scenario }) else { continue }
                let named = path == file ? plan : plan.with(name: "\(path):\(plan.name)", title: plan.title)
                prepared.append(name.set ? try settings.applied(to: named) : named)
            }
            let runs = try input.run(prepared, sources: compilation.sources)
            _ = try compilation.sources.orExit { try input.session.fairness(runs) }
            for (name, run) in zip(wanted, runs) { byName[name] = run }
            read += compilation.files.filter { file in !read.contains { $0.path == file.path } }
        }
        return (names.compactMap { byName[$0] }, read)
    }
}
