import Foundation
import VerdeelData
import VerdeelReport

/// CBS tables as downloaded, read from disk for ``CBSImport`` (`verdeel data import-cbs`):
/// each path's table with the SHA-256 of the bytes read, municipalities on older boundaries
/// merged into the current ones when a mergers file is given.
public enum CBSDownloads {
    /// The sources of an import: `table` names the CBS table of a StatLine CSV export,
    /// `mergers` is the path of a mergers file.
    public static func sources(_ paths: [String], table: String?, mergers: String?) throws(DataError) -> [CBSImport.Source] {
        var merging: MunicipalMergers?
        if let mergers { merging = try MunicipalMergers(name: mergers, bytes: try bytes(mergers)) }
        var sources = [CBSImport.Source]()
        for path in paths {
            let (read, hash) = try self.table(path, table: table)
            let merged = try merging?.apply(to: read, file: path)
            sources.append(CBSImport.Source(table: read, file: path, sha256: hash, merged: merged))
        }
        return sources
    }

    /// A path's table, and the SHA-256 of the bytes read (of every file read, by name, for a folder).
    static func table(_ path: String, table: String?) throws(DataError) -> (CBSTable, String) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(file: path, line: 0, column: 0, message: "no such file or folder")
        }
        var read = [(name: String, bytes: [UInt8])]()
        let found = try CBSDownload.table(path: path, table: table, read: { file in
            let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) }
            if let bytes { read.append((file, bytes)) }
            return bytes
        })
        let joined = read.sorted { $0.name < $1.name }.reduce(into: Data()) { data, file in
            if read.count > 1 { data.append(Data((file.name as NSString).lastPathComponent.utf8)) }
            data.append(Data(file.bytes))
        }
        return (found, ShardRecord.hash(joined))
    }

    private static func bytes(_ path: String) throws(DataError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, line: 0, column: 0, message: "cannot be read (missing, a folder, or no permission)")
        }
        return [UInt8](data)
    }
}
