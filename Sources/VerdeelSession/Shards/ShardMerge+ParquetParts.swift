import Foundation
import VerdeelData
import VerdeelParquet
import VerdeelReport
import VerdeelTables

extension ShardMerge {
    /// The merged folder's files of a variant or Monte Carlo run in `format` (csv or parquet):
    /// CSV parts joined byte for byte (``files(_:)``), as Parquet re-encoded (``parquet(_:)``);
    /// Parquet parts joined by row group (``parquetFiles(_:)``), which only `parquet` writes.
    public static func files(_ parts: [PartFolder], format: OutputFormat) throws(MergeError) -> [OutputFile] {
        if try parquetParts(parts) {
            guard format == .parquet else { throw MergeError("the parts wrote Parquet; merge them with --format parquet") }
            return try parquetFiles(parts)
        }
        let joined = try files(parts)
        return format == .parquet ? try parquet(joined) : joined
    }

    /// Whether the parts wrote their tables as Parquet (`--shard I/N --format parquet`);
    /// parts of both kinds are refused.
    static func parquetParts(_ parts: [PartFolder]) throws(MergeError) -> Bool {
        let kinds = Set(parts.map { part in part.record.files.contains { $0.name.hasSuffix(".parquet") } })
        guard kinds.count <= 1 else { throw MergeError("some parts wrote CSV and some Parquet; run every part with the same --format") }
        return kinds.first ?? false
    }

    /// The merged folder of Parquet parts: each table one Parquet file holding every part's
    /// row groups in variant order, their pages copied as they are (a whole-euro column that
    /// is INT64 in some parts and DOUBLE in others is DOUBLE, as the whole run writes it,
    /// and its INT64 chunks are written again as doubles), then `schema.json` and
    /// `provenance.json`. Every part's file is checked first (``checkedFooter``), and read
    /// again, checked against its SHA-256, when its row groups are copied; memory holds one
    /// part's file at a time.
    static func parquetFiles(_ parts: [PartFolder]) throws(MergeError) -> [OutputFile] {
        let names = tableNames(parts)
        var provenances = [String]()
        for part in parts { provenances.append(String(decoding: try part.file("provenance.json"), as: UTF8.self)) }
        var files = [OutputFile]()
        for name in names {
            let holding = parts.indices.filter { index in parts[index].record.files.contains { $0.name == name } }
            var kinds = [[ParquetColumn.Kind]]()
            for index in holding { kinds.append(try checkedFooter(name, parts[index], provenance: provenances[index]).columns.map(\.kind)) }
            let columns = try mergedColumns(name, kinds, declared: try parts[holding[0]].columns(of: csvName(name)))
            let (provenance, holders) = (provenances[holding[0]], holding.map { parts[$0] })
            files.append(OutputFile(name) { stream in
                var writer = try ParquetFileWriter(
                    columns: columns, metadata: [("verdeel.provenance", provenance), ("verdeel.table", stem(name))],
                    createdBy: "verdeel version \(AllocationJSON.engineVersion)") { try stream(Data($0)) }
                for part in holders {
                    let bytes = [UInt8](try part.file(name))
                    try writer.append(rowGroupsOf: try ParquetFooter(file: bytes), in: bytes)
                }
                try writer.finish()
            })
        }
        do { files += try RunFiles.described(schema(names, parts)) } catch let error as MergeError { throw error } catch {
            throw MergeError("the merged \(OutputSchema.fileName) cannot be written (\(error))")
        }
        if let first = parts.first { files.append(OutputFile("provenance.json", data: try first.file("provenance.json"))) }
        return files
    }

    /// A part's Parquet table checked as input: its footer read back (``ParquetFooter``), its
    /// columns the declared columns of `schema.json` by name and type, its key-value
    /// metadata naming this table and the part's provenance, its variants (the chunks'
    /// statistics) within the range the part holds, and then every value: each column chunk
    /// decoded and found encoded as verdeel encodes it, with true statistics
    /// (``ParquetFooter/checkedCells(ofColumn:in:)``), and the variants in order, none empty.
    static func checkedFooter(_ name: String, _ part: PartFolder, provenance: String) throws(MergeError) -> ParquetFooter {
        let again = "run part \(part.record.shard) of \(part.record.shards) again"
        let shown = "\(part.path)/\(name)"
        let footer: ParquetFooter
        let bytes = [UInt8](try part.file(name))
        do { footer = try ParquetFooter(file: bytes) } catch {
            throw MergeError("\(shown) is not a Parquet file verdeel wrote: \(error); \(again)")
        }
        let declared = try part.columns(of: csvName(name))
        guard footer.columns.map(\.name) == declared.map(\.id) else { throw MergeError("\(shown) has other columns than \(OutputSchema.fileName) declares; \(again)") }
        for (column, kind) in zip(declared, footer.columns.map(\.kind)) where !ParquetRenderer.kinds(of: column.kind).contains(kind) {
            throw MergeError("\(shown): column \(column.id) is \(kind), which a \(column.kind) column is never written as; \(again)")
        }
        guard footer.value(of: "verdeel.table") == stem(name), footer.value(of: "verdeel.provenance") == provenance else {
            throw MergeError("\(shown) is not this part's table \(stem(name)) (its metadata names another table or run); \(again)")
        }
        if let variant = footer.columns.firstIndex(where: { $0.name == "variant" }), footer.rows > 0 {
            let held = Int64(part.record.firstVariant)...Int64(part.record.lastVariant)
            guard let bounds = footer.integerBounds(of: variant), held.contains(bounds.lowerBound), held.contains(bounds.upperBound) else {
                throw MergeError("\(shown) holds variants outside the \(held.lowerBound)-\(held.upperBound) this part holds; \(again)")
            }
        }
        try checkValues(footer, bytes, shown: shown, again: again)
        return footer
    }

    /// Every column's values of a part's table decoded and checked (see ``checkedFooter``);
    /// the variants (given by the statistics checked there) must not decrease or be empty.
    private static func checkValues(_ footer: ParquetFooter, _ bytes: [UInt8], shown: String, again: String) throws(MergeError) {
        for (index, column) in footer.columns.enumerated() {
            let groups: [[ParquetCell]]
            do { groups = try footer.checkedCells(ofColumn: index, in: bytes) } catch {
                throw MergeError("\(shown) is not a Parquet file verdeel wrote: \(error); \(again)")
            }
            guard column.name == "variant" else { continue }
            var previous = Int64.min
            for cell in groups.joined() {
                guard case .integer(let variant) = cell, variant >= previous else {
                    throw MergeError("\(shown) has its variants out of order or empty; \(again)")
                }
                previous = variant
            }
        }
    }

    /// The merged file's columns: the parts' types where they agree; a whole-euro column
    /// INT64 in some and DOUBLE in others is DOUBLE.
    static func mergedColumns(_ name: String, _ kinds: [[ParquetColumn.Kind]], declared: [Column]) throws(MergeError) -> [ParquetColumn] {
        try declared.enumerated().map { index, column throws(MergeError) in
            let seen = Set(kinds.map { $0[index] })
            if seen.count == 1, let kind = seen.first { return ParquetColumn(name: column.id, kind: kind) }
            guard seen == [.int64, .double] else { throw MergeError("the parts write column \(column.id) of \(name) as different types; merge the parts of one run") }
            return ParquetColumn(name: column.id, kind: .double)
        }
    }

    static func stem(_ name: String) -> String { (name as NSString).deletingPathExtension }

    /// The name `schema.json` describes a table's file by (its CSV file's).
    static func csvName(_ name: String) -> String { stem(name) + ".csv" }
}
