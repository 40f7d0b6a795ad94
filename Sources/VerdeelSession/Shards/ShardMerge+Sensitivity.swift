import Foundation
import VerdeelTables
import VerdeelCore
import VerdeelData
import VerdeelReport

/// The parts of a sharded sensitivity analysis: the scenario they name, read only as
/// allowed and as recorded, and their joined design rows' outputs.
extension ShardMerge {
    /// Where the parts' analysis is (one for all of them).
    public static func sensitivityLocation(_ parts: [PartFolder]) throws(MergeError) -> ShardRecord.SensitivityPart {
        guard let first = parts.first, let location = first.record.sensitivity, parts.allSatisfy({ $0.record.sensitivity == location }) else {
            throw MergeError("\(parts.first?.path ?? "the first part") and the other parts are not parts of one sensitivity analysis; merge the parts of one run")
        }
        return location
    }

    /// The scenario file the parts name, read only when `access` permits it and its SHA-256
    /// is the one the parts' provenance records for it: a part never decides which file on
    /// the machine merge reads.
    public static func scenarioFile(_ location: ShardRecord.SensitivityPart, _ part: PartFolder, access: FileAccess) throws(MergeError) -> String {
        let file = location.file, shown = Printable.shown(location.file)
        guard Printable.isPrintable(file), Printable.isPrintable(location.scenario), !file.isEmpty else {
            throw MergeError("\(part.path)/\(ShardRecord.fileName) names a scenario with control characters ('\(shown)'); run the parts again")
        }
        guard access.permits(file) else {
            throw MergeError("the parts name the scenario file \(shown), which is outside the root folder \(access.root); merge in the folder the parts ran in, or give --root DIR")
        }
        let document: Provenance.Document
        do { document = try JSONKeyStyle.decoder().decode(Provenance.Document.self, from: try part.file("provenance.json")) } catch {
            throw MergeError("\(part.path)/provenance.json cannot be read (\(error)); run the parts again")
        }
        guard let recorded = document.scenarioFiles.first(where: { $0.path == file }) else {
            throw MergeError("\(part.path)/provenance.json does not record the scenario file \(shown) its \(ShardRecord.fileName) names; run the parts again")
        }
        guard let bytes = BoundedFile.read(URL(fileURLWithPath: file), limit: BoundedFile.recordLimit) else {
            throw MergeError("the scenario file \(shown) is not here; merge in the folder the parts ran in (\(Printable.shown(location.directory)))")
        }
        guard ShardRecord.hash(Data(bytes)) == recorded.sha256 else {
            throw MergeError("scenario '\(Printable.shown(location.scenario))' in \(shown) changed since the parts were run; run the parts again")
        }
        return file
    }

    /// The joined `design_outputs.csv` of the parts: the output names and every row's
    /// values, which must be rows 1 to `rows` in order with one number per output.
    public static func designOutputs(_ parts: [PartFolder]) throws(MergeError) -> (names: [String], values: [Double]) {
        let data = try join(designOutputsFile, parts)
        let rows = parts.first?.record.variantCount ?? 0
        guard let text = String(data: data, encoding: .utf8) else { throw MergeError("\(designOutputsFile) of the parts is not UTF-8; run the parts again") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first, header.hasPrefix("row") else { throw MergeError("\(designOutputsFile) of the parts has no header; run the parts again") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var values = [Double]()
        values.reserveCapacity(rows * names.count)
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = fields.dropFirst().compactMap { Double($0) }
            guard fields.first.flatMap({ Int($0) }) == index + 1, fields.count == names.count + 1, numbers.count == names.count else {
                throw MergeError("line \(index + 2) of the joined \(designOutputsFile) is not design row \(index + 1) with \(names.count) numbers; run its part again")
            }
            values += numbers
        }
        guard values.count == rows * names.count else {
            throw MergeError("the parts hold \(values.count / Swift.max(names.count, 1)) design rows, not \(rows); run the missing parts")
        }
        return (names, values)
    }
}
