/// A downloaded CBS table named by its path, in whichever form it is: a StatLine CSV export
/// (a path ending in `.csv`, whose table must be named), an OData v4 folder (it has
/// `Observations.json`) or an OData v3 folder from cbsodata (`DataProperties.json`).
/// `read` gives a file's bytes by path (nil when it cannot be read).
public enum CBSDownload {
    public static func table(path: String, table id: String?, read: (String) -> [UInt8]?) throws(DataError) -> CBSTable {
        let result: Result<CBSTable, DataError> = withoutActuallyEscaping(read) { read in
            Result { () throws(DataError) in try load(path: path, table: id, read: read) }
        }
        return try result.get()
    }

    private static func load(path: String, table id: String?, read: @escaping (String) -> [UInt8]?) throws(DataError) -> CBSTable {
        if path.lowercased().hasSuffix(".csv") {
            guard let id else {
                throw DataError(file: path, line: 0, column: 0, message: "a StatLine CSV export does not say which table it is: name it (import-cbs: add --table 85163NED; in a scenario: cbs \"85163NED\")")
            }
            guard let bytes = read(path) else { throw DataError(file: path, line: 0, column: 0, message: "cannot be read (missing, or outside the folders the scenario may read)") }
            return try StatLineCSV.read(name: path, bytes: bytes, table: id)
        }
        let folder = CBSFolder(name: path, read: { read(path.hasSuffix("/") ? path + $0 : path + "/" + $0) })
        if ODataV4.recognises(folder) { return try ODataV4.read(folder) }
        if ODataV3.recognises(folder) { return try ODataV3.read(folder) }
        throw DataError(
            file: path, line: 0, column: 0,
            message: "no CBS download here: a folder needs DataProperties.json (OData v3, cbsodata) or Observations.json (OData v4), a StatLine export ends in .csv")
    }
}
