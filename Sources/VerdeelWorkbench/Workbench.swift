import Crypto
import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelModel
import VerdeelReport
import VerdeelSession
import VerdeelSimulation
import VerdeelTables

/// The what-if workbench's answers, without a socket: the scenarios it was started with
/// (read once, through the root-folder check, by its client) and, for a request, a
/// scenario allocated with parameter changes and compared with a baseline, as the typed
/// tables every format renders. Changes are the command line's settings
/// (`jongerenwerk.weight.need=70%`), read by the ``PlanChanges`` its client gives (the
/// language's), so the workbench needs no syntax of its own; every mistake is a ``WorkbenchError`` naming the field. A request can name a
/// scenario, never a file.
public struct Workbench: Sendable {
    /// One scenario file the workbench serves: its scenarios, each allocated once at start
    /// (so every one is known to run, and its data is read once), its bytes (for the
    /// provenance; the named file's SHA-256 hashed once) and the session that reads its data.
    public struct File: Sendable {
        public let path: String
        public let runs: [ScenarioRun]
        public let files: [(path: String, bytes: [UInt8])]
        public let session: ScenarioSession
        /// The SHA-256 of the file named, in lowercase hex.
        public let sha256: String

        public init(path: String, runs: [ScenarioRun], files: [(path: String, bytes: [UInt8])], session: ScenarioSession) {
            (self.path, self.runs, self.files, self.session) = (path, runs, files, session)
            let bytes = files.first { $0.path == path }?.bytes ?? files.first?.bytes ?? []
            sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        }

        var plans: [ScenarioPlan] { runs.map(\.plan) }
    }

    /// The most changes one request may stack.
    public static let maximumChanges = 64

    let files: [File]
    /// What reads a request's changes and writes them as a scenario.
    let changeReader: any PlanChanges

    /// The workbench over `files`, reading changes with `changes`; a scenario name found in
    /// two files is served from the first.
    public init(_ files: [File], changes: any PlanChanges) {
        (self.files, self.changeReader) = (files, changes)
    }

    /// Every scenario served, with its parameters; a scenario in two files (one includes the
    /// other) once, from the first.
    public func scenarios() -> ScenarioList {
        var seen = Set<String>()
        return ScenarioList(scenarios: files.flatMap { file in
            file.plans.filter { seen.insert($0.name).inserted }.map { ScenarioList.Scenario($0, file: file) }
        })
    }

    /// The SHA-256 of the file scenario `name` is served from; nil for no such scenario.
    public func fileSHA256(of name: String) -> String? {
        files.first { $0.runs.contains { $0.plan.name == name } }?.sha256
    }

    /// The scenario's run at start and its file, or a 404 naming what exists.
    func scenario(_ name: String, field: String) throws(WorkbenchError) -> (run: ScenarioRun, file: File) {
        for file in files {
            if let run = file.runs.first(where: { $0.plan.name == name }) { return (run, file) }
        }
        let known = files.flatMap { $0.plans.map(\.name) }
        let nearest = NearestName.find(name, among: known).map { "; did you mean '\($0)'?" } ?? ""
        throw WorkbenchError(.notFound, field: field, "there is no scenario '\(name)'\(nearest) (scenarios: \(known.joined(separator: ", ")))")
    }
}

extension Workbench {
    /// The map of the served scenarios' municipalities: `{"width", "height", "credit",
    /// "regions": {"GM0014": "M...Z", ...}}`, the regions of every scenario wholly on the map.
    public func mapJSON() -> String {
        let string = ColumnarJSONRenderer.string
        guard let map = MunicipalityMap.netherlands2024 else { return "{\"regions\":{}}" }
        let codes = Set(files.flatMap(\.runs).map { $0.table.regions.map(\.code) }.filter(map.covers).flatMap { $0 })
        let regions = codes.sorted().compactMap { code in map.paths[code].map { string(code) + ":" + string($0) } }
        let size = "\"width\":" + MunicipalityMap.number(map.width) + ",\"height\":" + MunicipalityMap.number(map.height)
        let credit = "\"credit\":" + string(MunicipalityMap.credit)
        return "{" + size + "," + credit + ",\"regions\":{" + regions.joined(separator: ",") + "}}"
    }
}
