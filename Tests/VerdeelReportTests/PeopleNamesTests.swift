import Foundation
import Testing
import VerdeelAnalysis
import VerdeelCore
@testable import VerdeelReport
import VerdeelTables

/// The names the formats people open show next to the codes, worked out by hand from the
/// titles given here.
struct PeopleNamesTests {
    static let names = PeopleNames(
        scenarioTitles: ["base": "Basis"],
        parameters: ParameterWords(measureTitles: ["jw": "Jongerenwerk, opbouwwerk en cultuur"]))

    static let table = ResultTable(
        name: "t", title: .init(dutch: "T", english: "T"),
        columns: [
            Column("scenario", .text, dutch: "scenario", english: "scenario", "s"), .measure, Column("metric", .text, dutch: "maat", english: "metric", "m"),
            Column("factor", .text, dutch: "factor", english: "factor", "f"), Column("value", .decimal, dutch: "waarde", english: "value", "v"),
        ],
        rows: [
            [.text("base"), .text("jw"), .text("loosemore_hanby"), .text("jw.weight.need"), .number(0.5)],
            [.text("other"), .text("all"), .text("atkinson_0.5"), .text("dummy"), .number(1)],
            [.text("base"), .text("zz"), .empty, .text("g1"), .empty],
        ])

    @Test func eachCodeColumnGetsItsNamesRightAfterIt() throws {
        let named = Self.names.named(Self.table)
        #expect(named.columns.map(\.id) == ["scenario", "scenario_title", "measure", "measure_name", "metric", "metric_name", "factor", "factor_name", "value"])
        #expect(try CSVRenderer.text(named) == """
            scenario,scenario_title,measure,measure_name,metric,metric_name,factor,factor_name,value
            base,Basis,jw,"Jongerenwerk, opbouwwerk en cultuur",loosemore_hanby,Loosemore-Hanby (against need),jw.weight.need,weight of need in Jongerenwerk (%),0.5
            other,other,all,all measures,atkinson_0.5,Atkinson (ε = 0.5),dummy,dummy (noise floor),1
            base,Basis,zz,zz,,,g1,g1,

            """)
        #expect(try CSVRenderer.text(named, style: .dutch).contains(
            "\nbase;Basis;jw;Jongerenwerk, opbouwwerk en cultuur;loosemore_hanby;Loosemore-Hanby (t.o.v. behoefte);jw.weight.need;gewicht van need in Jongerenwerk (%);0,5\n"))
        #expect(try CSVRenderer.text(named, style: .dutch).contains("\nother;other;all;alle maatregelen;atkinson_0.5;Atkinson (ε = 0,5);dummy;dummy (ruisgrens);1\n"))
    }

    @Test func aTableWithoutCodesItKnowsIsLeftAsItIs() throws {
        let plain = ResultTable(name: "p", title: .init(dutch: "P", english: "P"), columns: [.region, .regionName], rows: [[.text("GM0001"), .text("A")]])
        #expect(try CSVRenderer.text(Self.names.named(plain)) == (try CSVRenderer.text(plain)))
    }

    @Test func metricCodesReadBackAsTheMetricTheyName() throws {
        #expect(FairnessMetric(code: "gini") == .gini && FairnessMetric(code: "atkinson_2") == .atkinson(2))
        #expect(FairnessMetric(code: "atkinson_x") == nil && FairnessMetric(code: "atkinson_2.0") == nil && FairnessMetric(code: "Gini") == nil)
    }
}
