import Foundation
import Testing
@testable import VerdeelData

/// Decimal text to doubles, checked against the C library's strtod (correctly rounded),
/// and the tables SALib and numpy write.
struct NumberTableTests {
    private func parsed(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            if case .number(let value, let end) = DecimalNumber.scan(buffer, from: 0), end == bytes.count { return value }
            return nil
        }
    }

    private func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    @Test func agreesWithStrtodBitForBit() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "1", "0.1", "2.5", "1e23", "9007199254740993", "0.30000000000000004", "1.7976931348623157e308",
                     "2.2250738585072014e-308", "4.9e-324", "1e-400", "1e400", "123456789012345678901234567890", "0.000000000000000000001234",
                     "7.398809837406863377e-01", "-1.118115209444875635e+00", "00012.5000", "+3.5", ".5", "5.", "1E5", "2.5e+0"]
        for _ in 0..<3000 {
            let value = Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &generator))
            texts.append(String(format: "%.18e", value))
            texts.append(String(format: "%.17g", value))
            texts.append("\(value)")
            let small = Double.random(in: -10...10, using: &generator)
            texts.append(String(format: "%.18e", small))
            texts.append(String(format: "%.9f", small))
        }
        for text in texts {
            let value = parsed(text)
            #expect(value?.bitPattern == strtodValue(text).bitPattern, "\(text)")
        }
    }

    @Test func readsNumpyRowsAndCSVWithAHeader() throws {
        let plain = try NumberTable(name: "Y.txt", bytes: Array("# numpy.savetxt\n1.0 2.5e-1\n  -3   4\n\n5 6\n".utf8))
        #expect(plain.header == nil && plain.rows == 3 && plain.columns == 2)
        #expect(plain.values == [1, 0.25, -3, 4, 5, 6])
        let csv = try NumberTable(name: "Y.csv", bytes: Array("gini, GM0014\r\n0.1,2\r\n0.3, 4\r\n".utf8))
        #expect(csv.header == ["gini", "GM0014"] && csv.column(1) == [2, 4])
    }

    @Test func partsReadInParallelGiveTheSameTable() throws {
        var text = ""
        for r in 0..<3000 { text += "\(r).5 \(Double(r) * 0.001) -\(r)e-3\n" }
        let bytes = Array(text.utf8)
        let one = try NumberTable(name: "Y", bytes: bytes, threads: 1)
        let parts = try bytes.withUnsafeBufferPointer { try NumberTableReader.readAll($0, name: "Y", threads: 3, partBytes: 1000) }
        #expect(parts.values == one.values && one.rows == 3000)
        var broken = bytes
        broken.replaceSubrange(50_000..<50_001, with: Array("x".utf8))
        let lineOfBreak = broken[..<50_000].filter { $0 == 10 }.count + 1
        let error = #expect(throws: DataError.self) {
            try broken.withUnsafeBufferPointer { try NumberTableReader.readAll($0, name: "Y", threads: 3, partBytes: 1000) }
        }
        #expect(error?.line == lineOfBreak)
    }

    @Test func badValuesSayWhere() {
        func message(_ text: String) -> String {
            do {
                _ = try NumberTable(name: "Y.txt", bytes: Array(text.utf8))
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message("1 2\n3 nan\n") == "Y.txt:2:3: 'nan' is not a finite number; every value must be a number (no NaN or infinity)")
        #expect(message("1 2\n3 4 5\n") == "Y.txt:2: has 3 values, the rows above have 2; every row needs one value per column")
        #expect(message("1 2\n3 4x\n") == "Y.txt:2:4: 'x' is not a number; write numbers such as 0.25 or -1.5e-3, separated by spaces")
        #expect(message("1,2\n3,,4\n") == "Y.txt:2:3: '(nothing)' is not a number; write numbers such as 0.25 or -1.5e-3, separated by commas")
        #expect(message("a,b\n1,2,3\n") == "Y.txt:2: has 3 values but the header names 2 columns")
        #expect(message("# only a comment\n") == "Y.txt: has no rows of numbers; write one row per sample, values separated by spaces or commas")
        #expect(message("1 2\n1e999 4\n") == "Y.txt:2:1: '1e999' is not a finite number; every value must be a number (no NaN or infinity)")
    }
}
