/// The fixed parts of a workbook (ECMA-376 part 1): content types, relationships, the
/// workbook with its sheet list, and the styles behind `Workbook.CellStyle`.
enum WorkbookParts {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    static let rootRelationships = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// The sheet list, and for each `headed` sheet its header row as the print title that
    /// every printed page repeats (`_xlnm.Print_Titles`, ECMA-376 18.2.6).
    static func workbook(sheetNames: [String], headed: [Bool]) -> String {
        var xml = header + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (index, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(SheetXML.escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets>"
        let titled = sheetNames.indices.filter { $0 < headed.count && headed[$0] }
        guard !titled.isEmpty else { return xml + "</workbook>" }
        xml += "<definedNames>"
        for index in titled {
            // A sheet name in a reference is quoted, a quote in it doubled.
            let quoted = "'" + sheetNames[index].replacingOccurrences(of: "'", with: "''") + "'"
            xml += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">\#(SheetXML.escaped(quoted))!$1:$1</definedName>"#
        }
        return xml + "</definedNames></workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 0..<sheetCount {
            xml += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Number formats: euro `€ 1.234` (whole) and `€ 1.234,56`, percent `12,3%`, decimals
    /// `0,0000`, counts `1.234`, years `2026`; Excel shows the separators of the reader's locale.
    static let numberFormats: [(id: Int, code: String)] = [
        (164, #"&quot;€&quot;\ #,##0;&quot;€&quot;\ \-#,##0"#),
        (165, #"&quot;€&quot;\ #,##0.00;&quot;€&quot;\ \-#,##0.00"#),
        (166, "0.0%"),
        (167, "0.0000"),
        (168, "#,##0"),
        (169, "0"),
    ]

    static var styles: String {
        var xml = header + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<numFmts count="\#(numberFormats.count)">"#
        for format in numberFormats { xml += #"<numFmt numFmtId="\#(format.id)" formatCode="\#(format.code)"/>"# }
        xml += "</numFmts>"
        xml += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        xml += #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        xml += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        // The order of Workbook.CellStyle: general, header, euro, euroCents, percent, decimal, count, year, bold.
        let formats: [(numberFormat: Int, font: Int)] = [(0, 0), (0, 1), (164, 0), (165, 0), (166, 0), (167, 0), (168, 0), (169, 0), (0, 1)]
        xml += #"<cellXfs count="\#(formats.count)">"#
        for format in formats {
            let applied = (format.numberFormat != 0 ? #" applyNumberFormat="1""# : "") + (format.font != 0 ? #" applyFont="1""# : "")
            xml += #"<xf numFmtId="\#(format.numberFormat)" fontId="\#(format.font)" fillId="0" borderId="0" xfId="0"\#(applied)/>"#
        }
        xml += "</cellXfs>"
        xml += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return xml + "</styleSheet>"
    }
}
