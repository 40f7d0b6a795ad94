import Testing
import VerdeelData
import VerdeelTestSupport

/// Reading CSV bytes: quoting, line endings, byte-order mark, encoding; every error with
/// file:line:column.
struct CSVFileTests {
    func parse(_ text: String) throws -> CSVFile {
        try CSVFile(name: "t.csv", bytes: Array(text.utf8))
    }

    func error(_ bytes: [UInt8]) -> String {
        do {
            _ = try CSVFile(name: "t.csv", bytes: bytes)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let file = try parse("code,note\nGM1,\"a, b\"\nGM2,\"say \"\"hi\"\"\nthere\"\n")
        #expect(file.records.map { $0.map(\.value) } == [["GM1", "a, b"], ["GM2", "say \"hi\"\nthere"]])
        #expect(file.records[1][1].line == 3)
        #expect(file.records[1][1].column == 5)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let file = try CSVFile(name: "t.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("code,x\r\nGM1,2\r\nGM2,3\r\n".utf8))
        #expect(file.header.map(\.value) == ["code", "x"])
        #expect(file.records.map { $0.map(\.value) } == [["GM1", "2"], ["GM2", "3"]])
        #expect(file.records[1][1].line == 3)
    }

    @Test func emptyLastFieldWithoutFinalLineBreak() throws {
        let file = try parse("code,x,y\nGM1,,")
        #expect(file.records.map { $0.map(\.value) } == [["GM1", "", ""]])
    }

    @Test func emptyFile() {
        #expect(error([]) == "t.csv: the file is empty; it needs a header line naming its columns, e.g. code,name,inhabitants")
        #expect(error([0xEF, 0xBB, 0xBF, 0x0A]) == "t.csv: the file is empty; it needs a header line naming its columns, e.g. code,name,inhabitants")
    }

    @Test func notUTF8PointsAtTheFirstBadByte() {
        // Latin-1 "é" (0xE9) in "Hé" on line 2, column 6.
        let bytes = Array("code,name\nGM1,H".utf8) + [0xE9] + Array(",x\n".utf8)
        #expect(error(bytes) == "t.csv:2:6: the file is not valid UTF-8 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8)")
    }

    @Test func wrongNumberOfFields() {
        #expect(error(Array("code,x\nGM1,2,3\n".utf8))
            == "t.csv:2: this line has 3 fields but the header has 2; check for a missing or extra ',', or quote a value that contains one")
    }

    @Test func unclosedQuote() {
        #expect(error(Array("code,x\nGM1,\"2\n".utf8)) == "t.csv:2:5: a quoted value is never closed; add the closing \"")
    }

    @Test func textAfterClosingQuote() {
        #expect(error(Array("code,x\nGM1,\"2\"x\n".utf8)) == "t.csv:2:8: unexpected text after a closing quote; put the whole value inside the quotes")
    }

    @Test func missingFile() {
        #expect(throws: DataError(file: "/nonexistent/m.csv", line: 0, column: 0, message: "the file does not exist")) {
            try CSVFile.read(path: "/nonexistent/m.csv")
        }
    }
}
