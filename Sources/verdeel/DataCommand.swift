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
            let sources = try CBSDownloads.sources(paths, table: table, mergers: mergers)
            let date = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
            let files = try CBSImport.files(sources, imported: date, mergers: mergers)
            try OutputSet(output).write(files: files.map { OutputFile($0.name, data: Data($0.contents.utf8)) })
            for source in sources {
                let periods = source.table.periods.map(\.label).joined(separator: ", ")
                print("\(source.file): CBS \(source.table.id) (\(source.table.form.rawValue)), \(source.table.rows.count) rows, periods \(periods), \(source.table.missing.count) figures missing")
            }
            for (name, _) in files { print("wrote \((output as NSString).appendingPathComponent(name))") }
        } catch let error as DataError {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
