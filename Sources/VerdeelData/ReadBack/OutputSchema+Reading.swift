import Foundation
import VerdeelCore
import VerdeelTables

/// Reading `schema.json` back: it is input like any file, so it is decoded strictly (no key
/// given twice, every field present, known column kinds) and checked: each table named once,
/// by a plain name, in the file `NAME.csv`; each column id given once, not empty, without
/// control characters or quotes (a header verdeel writes never needs them).
extension OutputSchema {
    public static func read(_ data: Data, shown: String) throws(DataError) -> OutputSchema {
        func fail(_ message: String) -> DataError {
            DataError(file: shown, line: 0, column: 0, message: message + "; write the folder again")
        }
        let schema: OutputSchema
        do { schema = try JSONKeyStyle.decoder().decode(OutputSchema.self, from: data) } catch {
            throw fail("it is not the schema verdeel writes (\(Self.reason(error)))")
        }
        if let duplicate = JSONDuplicateKeys.first(in: Array(data)) {
            throw DataError(file: shown, line: duplicate.line, column: 0, message: "the key '\(Printable.shown(duplicate.key))' is given twice in one object; write the folder again")
        }
        var names = Set<String>()
        for table in schema.tables {
            guard PlainFileName.isPlain(table.file), table.file == table.name + ".csv" else {
                throw fail("table '\(Printable.shown(table.name))' is in the file '\(Printable.shown(table.file))', not in NAME.csv")
            }
            guard names.insert(table.name).inserted else { throw fail("table '\(table.name)' is described twice") }
            var ids = Set<String>()
            for column in table.columns {
                guard !column.id.isEmpty, Printable.firstControl(in: column.id) == nil, !column.id.contains("\""), !column.id.contains(",") else {
                    throw fail("table '\(table.name)' has a column id '\(Printable.shown(column.id))' that no header verdeel writes has")
                }
                guard ids.insert(column.id).inserted else { throw fail("table '\(table.name)' declares the column '\(column.id)' twice") }
            }
        }
        return schema
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "it has no '\(JSONKeyStyle.snakeCased(key.stringValue))'"
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            (context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
        default: "\(error)"
        }
    }
}
