import Foundation

extension CSVFile {
    /// Reads and parses the file at `path`; `name` is what messages call it (default: the path).
    public static func read(path: String, name: String? = nil) throws(DataError) -> CSVFile {
        let label = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (check its permissions)" : "does not exist"
            throw DataError(file: label, line: 0, column: 0, message: "the file \(reason)")
        }
        return try CSVFile(name: label, bytes: [UInt8](data))
    }
}
