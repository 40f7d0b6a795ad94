import Foundation
import Testing
import VerdeelCore
import VerdeelModel
@testable import VerdeelSimulation
import VerdeelTestSupport

/// A scenario naming CBS downloads in its data block (`cbs`): the regions from the
/// Kerncijfers folder, the SES-WOA scores and districts from the 85900NED folder
/// (Tests/Fixtures/cbs, real CBS rows): Aa en Hunze 25,845 inhabitants, 276.06 km2 land,
/// mean 0.170, spread 0.715, 11,200 households; of its districts Annen (0.222, 1,600
/// households) is below 0.3, Spijkerboor has no score (skipped), Nieuw-Annerveen neither.
@Suite struct CBSDataBlockTests {
    static func scenario(vintage: String) -> String {
        """
        scenario s {
            data {
                regions "../Tests/Fixtures/cbs/odata3-85984NED-aa-en-hunze" cbs {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
                table ses_woa "../Tests/Fixtures/cbs/odata4-85900NED-aa-en-hunze" cbs vintage year = "\(vintage)" {
                    ses_woa_mean: score
                    ses_woa_spread: nonnegative
                    households: count
                }
                districts "../Tests/Fixtures/cbs/odata3-85900NED-aa-en-hunze" cbs region municipality_code vintage year = "2022" skip_empty {
                    households: count
                    ses_woa_mean: score
                }
            }
            criterion poor = sum_districts(households * (ses_woa_mean < 0.3))
            measure m {
                budget 2026: 1M
                key poor 100%
            }
        }

        """
    }

    @Test func readsTheDownloadsAsImported() throws {
        let compilation = compile(Self.scenario(vintage: "latest"))
        let plan = try #require(compilation.plans.first, "\(compilation.diagnostics.map(\.rendered))")
        let table = try ScenarioRun.load(plan.data) { read($0, files: [:]) }
        #expect(table.regions.map(\.code) == ["GM1680"] && table.regions[0].name == "Aa en Hunze")
        #expect(table.indicators["inhabitants"] == [25_845] && table.indicators["land_area_km2"] == [276.06])
        #expect(table.indicators["ses_woa_mean"] == [0.17] && table.indicators["ses_woa_spread"] == [0.715] && table.indicators["households"] == [11_200])
        let districts = try #require(table.districts)
        #expect(districts.districts.map(\.code) == ["WK168000"] && districts.indicators["households"] == [1_600])
    }

    /// 85900NED has only a provisional period: "latest definitive" finds none.
    @Test func latestDefinitiveNeedsADefinitivePeriod() throws {
        let plan = try #require(compile(Self.scenario(vintage: "latest definitive")).plans.first)
        #expect(throws: RunError.self) { try ScenarioRun.load(plan.data) { read($0, files: [:]) } }
        do {
            _ = try ScenarioRun.load(plan.data) { read($0, files: [:]) }
        } catch {
            #expect("\(error)".contains("no definitive vintage for 'latest definitive'"), "\(error)")
        }
    }

    /// The need criterion from district scores with its threshold as a variant dimension,
    /// on districts in import-cbs's shape (a second vintage and an unscored district, both
    /// left out). Households below -0.2: A 400, B 0, C 500 of 900, so 1M gives 444,444.44,
    /// 0, 555,555.56: 444,444 / 0 / 555,556 (the spare euro to C's larger remainder); below
    /// 0: A 400, B 200, C 500 of 1,100: 363,636.36 / 181,818.18 / 454,545.45, so 363,636 /
    /// 181,818 / 454,546.
    @Test func districtNeedWithTheThresholdAsAVariant() throws {
        let districts = """
            code,municipality_code,name,year,provisional,households,ses_woa_mean
            WK000100,GM0001,a0,2022,yes,400,-0.3
            WK000101,GM0001,a1,2022,yes,100,0.1
            WK000200,GM0002,b0,2022,yes,200,-0.1
            WK000201,GM0002,b1,2022,yes,300,
            WK000300,GM0003,c0,2022,yes,500,-0.25
            WK000300,GM0003,c0,2021,no,900,-0.9

            """
        let result = try simulate("""
            scenario s {
                data {
                    regions "three.csv" {
                        inhabitants: count
                    }
                    districts "districts.csv" region municipality_code vintage year = "latest" skip_empty {
                        households: count
                        ses_woa_mean: score
                    }
                }
                criterion poor = sum_districts(households * (ses_woa_mean < -0.2))
                measure m {
                    budget 2026: 1M
                    key poor 100%
                }
                variants {
                    criterion poor in sum_districts(households * (ses_woa_mean < -0.2)), sum_districts(households * (ses_woa_mean < 0))
                }
            }
            """, files: ["three.csv": threeRegions, "districts.csv": districts])
        #expect((0..<3).map { result.summary(variant: 0, slot: $0).mean } == [444_444, 0, 555_556])
        #expect((0..<3).map { result.summary(variant: 1, slot: $0).mean } == [363_636, 181_818, 454_546])
    }
}
