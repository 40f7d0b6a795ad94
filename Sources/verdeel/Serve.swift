import ArgumentParser
import Foundation
import VerdeelBundle
import VerdeelLanguage
import VerdeelServer
import VerdeelWorkbench

/// `verdeel serve [FILE...]`: the what-if workbench on http://127.0.0.1:PORT/ (a page and a
/// JSON API, docs/api.yaml) over the scenario files named (read once, through the
/// root-folder check), or the bundled scenario.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the what-if workbench: change weights, bases, budgets and top-slices and see every municipality's amount at once.",
        discussion: "Binds 127.0.0.1 unless --host says otherwise; the workbench has no login. Ctrl-C stops it.")

    @Argument(help: "Scenario files to serve (default: the bundled Sociale Agenda scenarios, with the one whose Monte Carlo block 'how sure?' runs).")
    var files: [String] = []

    @OptionGroup(title: "Files a scenario may read")
    var access: FileAccessOptions

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8321

    @Option(name: .long, help: "The address to bind (default 127.0.0.1, this machine only).")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        let inputs = files.isEmpty
            ? BundledScenario.workbenchFiles.map { ScenarioInput(file: nil, bundled: $0) } : files.map { ScenarioInput(file: $0, access: access.access) }
        let workbench = Workbench(try inputs.map(load), changes: LanguageChanges())
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            printError("warning: the workbench has no login: anyone who can reach \(host):\(port) can use it")
        }
        let server = WorkbenchServer(WorkbenchHandlers(workbench, page: WorkbenchPage.html), host: host, port: port)
        let host = self.host
        do {
            try server.serveUntilStopped { port in
                // Unbuffered, so that a script reading standard output learns the port at once.
                FileHandle.standardOutput.write(Data("verdeel workbench on http://\(host):\(port)/ (Ctrl-C stops it)\n".utf8))
            }
        } catch {
            printError("error: the workbench cannot serve on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
    }

    /// A scenario file compiled and its scenarios run once (diagnostics and errors printed,
    /// exit 1), as served.
    private func load(_ input: ScenarioInput) throws -> Workbench.File {
        let compilation = try input.compile()
        let runs = try input.run(compilation.plans, sources: compilation.sources)
        return Workbench.File(path: input.path, runs: runs, files: compilation.files, session: input.session)
    }
}
