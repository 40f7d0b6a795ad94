import Foundation
import VerdeelData
import VerdeelReport
import VerdeelTables

/// An output folder verdeel wrote, read back for a report: the files its manifest lists,
/// written by this version of verdeel (an older engine's tables may mean other things), each
/// table checked against its declared columns in `schema.json` and read as typed rows.
public struct OutputFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The report's input: the folder's tables and provenance, for `scenario` (default: the
    /// folder's only one) against `baseline`, showing `variant` and `region`.
    public func reportInput(scenario: String?, baseline: String?, variant: Int?, region: String?) throws(OutputFolderError) -> ReportInput {
        let folder = URL(fileURLWithPath: path)
        guard let data = BoundedFile.read(folder.appendingPathComponent(OutputManifest.fileName), limit: BoundedFile.recordLimit),
            let manifest = OutputManifest(String(decoding: data, as: UTF8.self))
        else {
            throw OutputFolderError(description: "\(path) is not an output folder of verdeel (it has no \(OutputManifest.fileName)); name a scenario file or a folder written by 'verdeel run --output'")
        }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("provenance.json")) else {
            throw OutputFolderError(description: "\(path) has no provenance.json: it was written by a verdeel older than 0.3.0; run the scenario again with 'verdeel run FILE --output \(path)', or report on the scenario file")
        }
        let document: Provenance.Document
        do { document = try JSONKeyStyle.decoder().decode(Provenance.Document.self, from: data) } catch {
            throw OutputFolderError(description: "\(path)/provenance.json cannot be read (\(error)); run the scenario again with 'verdeel run FILE --output \(path)'")
        }
        guard document.engineVersion == AllocationJSON.engineVersion else {
            throw OutputFolderError(description: "\(path) was written by verdeel \(document.engineVersion); this is verdeel \(AllocationJSON.engineVersion), whose tables may differ: run the scenario again with 'verdeel run FILE --output \(path)', or report on the scenario file")
        }
        if let dutch = document.dutchWarnings, dutch.count != document.warnings.count {
            throw OutputFolderError(description: "\(path)/provenance.json has \(document.warnings.count) warnings but \(dutch.count) in Dutch; it is damaged: run the scenario again with 'verdeel run FILE --output \(path)'")
        }
        let schema = try readSchema(folder, listed: manifest.names)
        var tables = [ResultTable]()
        for name in manifest.names.filter({ $0.hasSuffix(".csv") }) {
            guard let bytes = BoundedFile.read(folder.appendingPathComponent(name), limit: Int(Int32.max)) else { throw OutputFolderError(description: "\(path)/\(name) is listed in its manifest but cannot be read; run the scenario again") }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw OutputFolderError(description: "\(path)/\(name) is in the Dutch CSV style; report on a folder written with --format csv (the default)") }
            guard let declared = schema.table(file: name) else { throw OutputFolderError(description: "\(path)/\(OutputSchema.fileName) does not describe \(name); run the scenario again") }
            do { tables.append(try ReadBackTable(name: name, columns: declared.columns, shown: "\(path)/\(name)").table(bytes, title: declared.title)) } catch {
                throw OutputFolderError(description: "\(error) (or report on the scenario file)")
            }
        }
        let scenarios = document.scenarios ?? []
        guard let name = scenario ?? (scenarios.count == 1 ? scenarios.first : nil) else {
            throw OutputFolderError(description: "\(path) holds the scenarios \(scenarios.joined(separator: ", ")); pick one with --scenario NAME")
        }
        let losses = Set(tables.first { $0.name == "losses" }.map(Self.lossThresholds) ?? [])
        do {
            return try ReportInput(tables: tables, provenance: document, scenario: name, baseline: baseline, lossThresholds: losses.sorted(), variant: variant, region: region)
        } catch {
            throw OutputFolderError(description: error.description)
        }
    }

    /// The folder's `schema.json`, which its manifest must list.
    private func readSchema(_ folder: URL, listed: [String]) throws(OutputFolderError) -> OutputSchema {
        guard listed.contains(OutputSchema.fileName), let data = BoundedFile.read(folder.appendingPathComponent(OutputSchema.fileName), limit: BoundedFile.recordLimit) else {
            throw OutputFolderError(description: "\(path) has no readable \(OutputSchema.fileName) (a verdeel older than this one wrote it); run the scenario again with 'verdeel run FILE --output \(path)', or report on the scenario file")
        }
        do { return try OutputSchema.read(data, shown: "\(path)/\(OutputSchema.fileName)") } catch { throw OutputFolderError(description: "\(error); or report on the scenario file") }
    }

    /// The loss thresholds of the `losses` table.
    private static func lossThresholds(_ table: ResultTable) -> [Double] {
        guard let index = table.columns.firstIndex(where: { $0.id == "loss_per_inhabitant" }) else { return [] }
        return table.rows.compactMap { row in
            guard index < row.count, case .number(let value, _) = row[index] else { return nil }
            return value
        }
    }

}

/// Why an output folder cannot be reported on; the message says what to do.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
