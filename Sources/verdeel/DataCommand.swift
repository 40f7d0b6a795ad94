import ArgumentParser
import Foundation
import VerdeelData
import VerdeelReport
import VerdeelSession

/// `verdeel data`: bringing outside figures into verdeel's region tables.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Bring outside figures (CBS tables) into verdeel's region tables.",
        subcommands: [ImportCBS.self])
}

/// `verdeel data import-cbs PATH... --output DIR`: CBS tables as downloaded (a cbsodata
/// OData v3 folder, an OData v4 folder, or a StatLine CSV export) into region tables with
/// a vintage column, missing.csv and SOURCES.md, written as one set.
struct ImportCBS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-cbs",
        abstract: "Import CBS tables (SES-WOA scores 85163NED, 85539NED, 85900NED, 86092NED; Kerncijfers wijken en buurten 85984NED) as region tables.",
        discussion: """
            Each PATH is a folder written by cbsodata.download_data(table_id, dir, typed=True) (OData v3), \
            a folder of an OData v4 download (Observations.json and its codes), or a StatLine CSV export \
            with region codes (give its table with --table). docs/cbs-import.md says what each form holds.
            """)

    @Argument(help: "The downloaded tables: folders (OData) or CSV files (StatLine).")
    var paths: [String] = []

    @Option(name: .long, help: "The folder to write the region tables into (replaced as a whole).")
    var output: String

    @Option(name: .long, help: "The CBS table a StatLine CSV export is (e.g. 85163NED); a CSV file does not say.")
    var table: String?

    @Option(name: .long, help: "A mergers file (old_code,old_name,new_code,new_name,date,whole): municipalities on older boundaries merged into the current ones.")
    var mergers: String?

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name the downloaded tables, e.g. verdeel data import-cbs 85900NED/ --output data") }
    }

    func run() throws {
        do {
            let merging = try mergers.map { path throws in try MunicipalMergers(name: path, bytes: try Self.bytes(path)) }
            var sources = [CBSImport.Source]()
            for path in paths {
                let (table, hash) = try read(path)
                let merged = try merging.map { try $0.apply(to: table, file: path) }
                sources.append(CBSImport.Source(table: table, file: path, sha256: hash, merged: merged))
            }
            let date = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
            let files = try CBSImport.files(sources, imported: date, mergers: mergers)
            try OutputSet(output).write(files)
            for source in sources {
                let periods = source.table.periods.map(\.label).joined(separator: ", ")
                print("\(source.file): CBS \(source.table.id) (\(source.table.form.rawValue)), \(source.table.rows.count) rows, periods \(periods), \(source.table.missing.count) figures missing")
            }
            for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        } catch let error as DataError {
            printError("error: \(error)")
            throw ExitCode(1)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }

    /// A path's table, and the SHA-256 of the bytes read (of every file read, by name, for a folder).
    private func read(_ path: String) throws -> (CBSTable, String) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(file: path, line: 0, column: 0, message: "no such file or folder")
        }
        var read = [(name: String, bytes: [UInt8])]()
        let table = try CBSDownload.table(path: path, table: self.table, read: { file in
            let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) }
            if let bytes { read.append((file, bytes)) }
            return bytes
        })
        let joined = read.sorted { $0.name < $1.name }.reduce(into: Data()) { data, file in
            if read.count > 1 { data.append(Data((file.name as NSString).lastPathComponent.utf8)) }
            data.append(Data(file.bytes))
        }
        return (table, ShardRecord.hash(joined))
    }

    private static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, line: 0, column: 0, message: "cannot be read (missing, a folder, or no permission)")
        }
        return [UInt8](data)
    }
}
