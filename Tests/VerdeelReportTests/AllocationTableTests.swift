import Testing
import VerdeelCore
import VerdeelReport

struct AllocationTableTests {
    @Test func rendersRegionsYearsTopslicesAndBudget() throws {
        // EUR 1,000 and 2,000 by inhabitants 3:1 after a 10% top-slice: 675/225 and 1,350/450.
        let table = try RegionTable(
            regions: [Region(code: "GM0002", name: "Twee"), Region(code: "GM0001", name: "Een")],
            indicators: ["inhabitants": [1, 3]])
        let measure = Measure(
            name: "Voorbeeld", budgets: [2026: Money(euros: 1_000), 2027: Money(euros: 2_000)],
            topslices: [Topslice(name: "ondersteuning", .fraction(Fraction(1, 10) ?? .zero))],
            key: Key([.init(.indicator("inhabitants"), .one)]))
        let text = AllocationTable(try Allocator(table: table).allocate(measure)).render()
        // Column widths: code 6, name 23 ("top-slice ondersteuning"), amounts 5; gaps of 2.
        func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
        let rule = String(repeating: "-", count: 52)
        let expected = [
            "Voorbeeld (EUR)",
            "code    region" + spaces(20) + "2026   2027  total",
            rule,
            "GM0001  Een" + spaces(24) + "675  1,350  2,025",
            "GM0002  Twee" + spaces(23) + "225    450    675",
            rule,
            spaces(8) + "top-slice ondersteuning" + spaces(4) + "100    200    300",
            spaces(8) + "budget" + spaces(19) + "1,000  2,000  3,000",
        ]
        #expect(text == expected.joined(separator: "\n") + "\n")
    }
}
