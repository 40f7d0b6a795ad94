import Foundation
import Testing
import VerdeelData
@testable import VerdeelReport
import VerdeelTables
import VerdeelTestSupport

struct HTMLReportTests {
    static func provenance(synthetic: Bool, seed: UInt64? = nil) throws -> Provenance.Document {
        let json = """
            {"engine":"verdeel","engine_version":"0.3.0","scenarios":["s","t"],"scenario_files":[{"path":"s.verdeel","sha256":"\(String(repeating: "a", count: 64))"}],
             "data_files":[{"scenario":"s","table":"regions","path":"regions.csv","synthetic":\(synthetic),"source":"CBS <test>","columns":["inhabitants"]}],
             "synthetic_data":\(synthetic),"warnings":["a warning & more"]\(seed.map { ",\"seed\":\($0)" } ?? "")}
            """
        return try JSONKeyStyle.decoder().decode(Provenance.Document.self, from: Data(json.utf8))
    }

    /// Two regions, 30,000 and 10,000 inhabitants; s gives 750,000 (two components of
    /// 500,000 and 250,000) and 250,000, t gives 500,000 each.
    static let allocations = """
        scenario,measure,component,year,region,region_name,amount,exact,inhabitants,amount_per_inhabitant
        s,m,a,2026,GM0001,<b>A&B</b>,500000,500000.000000,30000,16.666667
        s,m,b,2026,GM0001,<b>A&B</b>,250000,250000.000000,30000,8.333333
        s,m,a,2026,GM0002,Twee,150000,150000.000000,10000,15.000000
        s,m,b,2026,GM0002,Twee,100000,100000.000000,10000,10.000000
        t,m,,2026,GM0001,<b>A&B</b>,500000,500000.000000,30000,16.666667
        t,m,,2026,GM0002,Twee,500000,500000.000000,10000,50.000000

        """

    /// A table as a folder's CSV file holds it, read back with its columns declared: the
    /// text columns as text, a variant weight as a fraction, the rest as numbers.
    static func table(_ name: String, _ csv: String) throws -> ResultTable {
        let ids = csv.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let text: Set = ["scenario", "measure", "component", "region", "region_name", "metric", "name"]
        let columns = ids.map { Column.named($0, text.contains($0) ? .text : $0.contains(".weight.") ? .fraction : .decimal, "") }
        return try ReadBackTable(name: name + ".csv", columns: columns).table(Data(csv.utf8), title: .init(dutch: name, english: name))
    }

    static func input(_ allocations: String = allocations, baseline: String? = "t", synthetic: Bool = true) throws -> ReportInput {
        try ReportInput(
            tables: [try table("allocations", allocations)], provenance: try provenance(synthetic: synthetic), scenario: "s", baseline: baseline,
            measureTitles: ["m": "Maatregel <m>"], lossThresholds: [7.5],
            assertions: [ReportInput.Assertion(scenario: "s", text: "assert amount(m, 2026, GM0001) > 0", met: true)])
    }

    /// With a baseline the switches open on a measure that changed: `a` is the same in s and
    /// t, `m` differs, so the allocation view starts on m 2026, not on a.
    @Test func theReportOpensOnAMeasureThatChanged() throws {
        let same = """
            s,a,,2026,GM0001,<b>A&B</b>,1000,1000.000000,30000,0.033333
            s,a,,2026,GM0002,Twee,1000,1000.000000,10000,0.100000
            t,a,,2026,GM0001,<b>A&B</b>,1000,1000.000000,30000,0.033333
            t,a,,2026,GM0002,Twee,1000,1000.000000,10000,0.100000

            """
        let html = try HTMLReport(try Self.input(Self.allocations.replacingOccurrences(of: "amount_per_inhabitant\n", with: "amount_per_inhabitant\n" + same))).render()
        #expect(html.contains(#"<option value="m-2026" selected>"#))
        #expect(html.contains(#"<div class="panel" data-group="allocation" data-key="a-2026" hidden>"#))
        #expect(!html.contains(#"<option value="a-2026" selected>"#))
    }

    /// A scenario with a title is named by it: the report's heading, its comparison and the
    /// change table's columns.
    @Test func scenariosAreNamedByTheirTitles() throws {
        let input = try ReportInput(
            tables: [try Self.table("allocations", Self.allocations)], provenance: try Self.provenance(synthetic: false), scenario: "s", baseline: "t",
            scenarioTitles: ["s": "Twee delen", "t": "Gelijk verdeeld"])
        let html = try HTMLReport(input).render()
        #expect(html.contains("Verdeelrapport: Twee delen") && html.contains("vergeleken met Gelijk verdeeld"))
        #expect(html.contains(">Gelijk verdeeld</th>") && !html.contains("Verdeelrapport: s<"))
    }

    /// A municipality the results lack is refused with the ones they have.
    @Test func anUnknownRegionIsRefusedWithTheOnesThereAre() throws {
        do {
            _ = try ReportInput(tables: [try Self.table("allocations", Self.allocations)], provenance: try Self.provenance(synthetic: false), scenario: "s", baseline: nil, region: "GM0003")
            Issue.record("GM0003 was accepted")
        } catch {
            #expect("\(error)" == "--region GM0003: the results have no municipality with that code (did you mean GM0001?); they have GM0001 <b>A&B</b>, GM0002 Twee")
        }
    }

    @Test func numbersAreWrittenTheDutchWayOrTheEnglishWay() {
        let dutch = NumberText(language: .nl), english = NumberText(language: .en)
        #expect(dutch.euros(2_073_424) == "€ 2.073.424")
        #expect(english.euros(2_073_424) == "€2,073,424")
        #expect(dutch.euros(8.505727, cents: true) == "€ 8,51")
        #expect(dutch.change(-1_234) == "-€ 1.234")
        #expect(dutch.change(250_000) == "+€ 250.000")
        #expect(dutch.percent(0.125) == "12,5%")
        #expect(english.percent(0.125) == "12.5%")
        #expect(dutch.axisEuros(2_500_000) == "€ 2,5 mln")
        #expect(english.axisEuros(3_000_000) == "€3M")
        #expect(dutch.number(-0.0001, decimals: 2) == "0,00")
    }

    @Test func axesGetNiceTicks() {
        // 0 to 2,073,424 in about five steps: steps of 500,000 up to 2,500,000.
        let scale = Scale([2_073_424, 431_243], from: 0, to: 100)
        #expect(scale.ticks == [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000])
        #expect(scale(1_250_000) == 50)
        #expect(Scale.niceStep(0.23) == 0.5)
        #expect(Scale.niceStep(1.7) == 2)
    }

    @Test func theTableShowsEachAmountWithComponentsAddedUp() throws {
        let html = try HTMLReport(try Self.input()).render()
        // 500,000 + 250,000 = 750,000 for GM0001; 150,000 + 100,000 = 250,000 for GM0002.
        #expect(html.contains(#"<td class="num" data-value="750000" data-amount="1">€ 750.000</td>"#))
        #expect(html.contains(#"<td class="num" data-value="250000" data-amount="1">€ 250.000</td>"#))
        // The total row: 1,000,000; per inhabitant 750,000 / 30,000 = 25.
        #expect(html.contains(#"data-value="1000000">€ 1.000.000</td>"#))
        #expect(html.contains("€ 25,00"))
    }

    @Test func userTextIsEscapedEverywhere() throws {
        let html = try HTMLReport(try Self.input()).render()
        #expect(!html.contains("<b>A&B</b>"))
        #expect(html.contains("&lt;b&gt;A&amp;B&lt;/b&gt;"))
        #expect(!html.contains("Maatregel <m>"))
        #expect(html.contains("Maatregel &lt;m&gt;"))
        #expect(html.contains("CBS &lt;test&gt;"))
        #expect(html.contains("a warning &amp; more"))
        // Self-contained: no external scripts, styles or images.
        #expect(html.range(of: #"(src|href)="(?!#)"#, options: .regularExpression) == nil)
    }

    @Test func winnersAndLosersAgainstTheBaselineWithTheLossThreshold() throws {
        let html = try HTMLReport(try Self.input()).render()
        // s - t: GM0001 +250,000 (+8.33 per inhabitant), GM0002 -250,000 (-25 per inhabitant).
        #expect(html.contains("+€ 250.000"))
        #expect(html.contains("-€ 25,00"))
        #expect(html.contains("meer: &lt;b&gt;A&amp;B&lt;/b&gt;; minder: Twee"))
        #expect(html.contains("verliesdrempel € 7,50 per inwoner"))
        #expect(html.contains(#"<section id="change">"#))
        // Over two alike years the change table's per inhabitant is per year, the
        // thresholds' unit: GM0001 +500,000 in all, 500,000 / 2 / 30,000 = +8.33 a year (the
        // all-years chart, labelled so, shows the total +16.67).
        let twoYears = Self.allocations + Self.allocations.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: ",2026,", with: ",2027,") + "\n" }.joined()
        let both = try HTMLReport(try Self.input(twoYears)).render()
        #expect(both.contains("per inwoner per jaar") && both.contains("+€ 500.000") && both.contains(">+€ 8,33</td>") && !both.contains(">+€ 16,67</td>"))
    }

    @Test func theSyntheticNoticeIsABannerOnlyWhenDataIsSynthetic() throws {
        #expect(try HTMLReport(try Self.input()).render().contains(#"<div class="banner" role="alert" id="synthetic"><strong>LET OP:</strong> Een deel van de invoer is SYNTHETISCH"#))
        #expect(try !HTMLReport(try Self.input(synthetic: false)).render().contains(#"id="synthetic""#))
        let english = try HTMLReport(try Self.input(), language: .en).render()
        #expect(english.contains(#"<html lang="en">"#) && english.contains("Some input data is SYNTHETIC"))
    }

    @Test func sectionsWithoutDataAreLeftOut() throws {
        let html = try HTMLReport(try Self.input(baseline: nil)).render()
        #expect(html.contains(#"<section id="allocation">"#))
        for absent in ["change", "fairness", "montecarlo", "sweep", "heatmap", "sensitivity"] { #expect(!html.contains(#"<section id="\#(absent)">"#)) }
        #expect(html.contains("assert amount(m, 2026, GM0001) &gt; 0"))
    }

    @Test func aBaselineOnOtherMunicipalitiesIsRefused() throws {
        let other = Self.allocations.replacingOccurrences(of: "t,m,,2026,GM0002,Twee", with: "t,m,,2026,GM0009,Negen")
        #expect(throws: ReportError.baselineRegions(baseline: "t", scenario: "s", onlyBaseline: ["GM0009"], onlyScenario: ["GM0002"])) { try Self.input(other) }
        #expect(throws: ReportError.unknownScenario("u", ["s", "t"])) {
            try ReportInput(tables: [try Self.table("allocations", Self.allocations)], provenance: try Self.provenance(synthetic: false), scenario: "s", baseline: "u")
        }
        #expect(throws: ReportError.nothingToReport) {
            try ReportInput(tables: [], provenance: try Self.provenance(synthetic: false), scenario: "s", baseline: nil)
        }
    }

    @Test func aMonteCarloRunShowsTheRangeOfTheMiddleVariant() throws {
        let summary = """
            variant,measure,year,region,mean,sd,p05,p50,p95,p_below_baseline
            1,m,2026,GM0001,700000,1,690000,700000,710000,0.5
            1,m,2026,GM0002,300000,1,290000,300000,310000,0.5
            2,m,2026,GM0001,750000,1,740000,750000,760000,0.5
            2,m,2026,GM0002,250000,1,240000,251000,260000,0.5
            3,m,2026,GM0001,800000,1,790000,800000,810000,0.5
            3,m,2026,GM0002,200000,1,190000,200000,210000,0.5

            """
        let variants = "variant,m.weight.need\n1,0\n2,0.5\n3,1\n"
        let input = try ReportInput(
            tables: [try Self.table("allocations", Self.allocations), try Self.table("summary", summary), try Self.table("variants", variants)],
            provenance: try Self.provenance(synthetic: false, seed: 42), scenario: "s", baseline: nil)
        let html = try HTMLReport(input).render()
        // The middle of three variants is 2 (need weight 50%); its P50 of Twee is 251,000.
        #expect(html.contains("variant 2 (m.weight.need = 50%); startwaarde 42."))
        #expect(html.contains("Twee: P5 € 240.000, P50 € 251.000, P95 € 260.000"))
        #expect(html.contains(#"<section id="sweep">"#))
    }

    /// A statistic no section knows is shown for the variant of the Monte Carlo section, by
    /// its declared columns: headings in the report's language, cells by kind, a region by
    /// its name, another variant's rows left out.
    @Test func aStatisticNoSectionKnowsIsShownByItsColumns() throws {
        let summary = "variant,measure,year,region,mean,sd,p05,p50,p95,p_below_baseline\n1,m,2026,GM0002,1,1,1,1,1,0\n2,m,2026,GM0002,1,1,1,1,1,0\n"
        let worst = ResultTable(
            name: "worst", title: .init(dutch: "Slechtste", english: "Worst"),
            columns: [.named("variant", .ordinal, ""), .region, Column("share", .fraction, dutch: "aandeel", english: "share", ""), Column("loss", .euroCents, dutch: "verlies", english: "loss", "")],
            rows: [[.whole(1), .text("GM0002"), .number(0.25), .number(2.5)], [.whole(2), .text("GM0001"), .number(0.125), .number(1_234.5)]])
        let input = try ReportInput(
            tables: [try Self.table("allocations", Self.allocations), try Self.table("summary", summary), worst],
            provenance: try Self.provenance(synthetic: false, seed: 42), scenario: "s", baseline: nil, variant: 2)
        let html = try HTMLReport(input).render()
        let section = try #require(html.components(separatedBy: #"<section id="statistics">"#).dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(section.contains("variant 2."))
        #expect(section.contains("<caption>Slechtste</caption>"))
        #expect(section.contains(#"<th scope="col" class="num">aandeel</th>"#))
        #expect(section.contains(">&lt;b&gt;A&amp;B&lt;/b&gt;</td>"))
        #expect(section.contains(">12,5%</td>") && section.contains(">€ 1.234,50</td>"))
        #expect(!section.contains("Twee") && !section.contains("25,0%"))
        let english = try HTMLReport(input, language: .en).render()
        #expect(english.contains("<caption>Worst</caption>") && english.contains("€1,234.50"))
    }
}
