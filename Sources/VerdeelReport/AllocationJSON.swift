import Foundation
import VerdeelTables
import VerdeelAnalysis
import VerdeelCore
import VerdeelSimulation

/// The JSON output: the same rows as the CSV files plus provenance (scenario file hashes,
/// data files and whether they are synthetic, engine version) and the run's warnings, in
/// one document.
public struct AllocationJSON {
    /// The engine version written into every output.
    public static let engineVersion = "0.4.0"

    public let runs: [ScenarioRun]
    /// Every scenario file read (main file first) with its bytes.
    public let scenarioFiles: [(path: String, bytes: [UInt8])]

    /// Each scenario's fairness report (the same rows as `fairness.csv` and `lorenz.csv`).
    public let fairness: [(scenario: String, report: FairnessReport)]

    public init(_ runs: [ScenarioRun], scenarioFiles: [(path: String, bytes: [UInt8])], fairness: [(scenario: String, report: FairnessReport)] = []) {
        self.runs = runs
        self.scenarioFiles = scenarioFiles
        self.fairness = fairness
    }

    struct Document: Encodable {
        let engine: String
        let engineVersion: String
        let scenarioFiles: [Provenance.FileProvenance]
        let dataFiles: [Provenance.DataProvenance]
        let syntheticData: Bool
        let notice: String?
        let warnings: [String]
        let allocations: [AllocationRow]
        let topslices: [TopsliceRow]
        let earmarks: [EarmarkRow]
        let fairness: [FairnessRow]
        let lorenz: [LorenzRow]
    }

    struct FairnessRow: Encodable {
        let scenario, measure: String
        let year: Int
        let metric: String
        let value, valueExact: Double?
    }

    struct LorenzRow: Encodable {
        let scenario, measure: String
        let year, rank: Int
        let region: String?
        let populationShare, amountShare: Double
    }

    struct EarmarkRow: Encodable {
        let scenario, measure: String
        let year: Int
        let purpose, region: String
        let required, amount: Decimal
        let met: Bool
    }

    struct AllocationRow: Encodable {
        let scenario, measure: String
        let component: String?
        let year: Int
        let region, regionName: String
        let amount: Decimal
        let exact: Double
    }

    struct TopsliceRow: Encodable {
        let scenario, measure: String
        let year: Int
        let name: String
        let amount: Decimal
    }

    /// The notice every output built on synthetic data carries.
    public static let syntheticNotice = "Some input data is SYNTHETIC (marked 'synthetic' in the scenario's data block, e.g. the SES-WOA scores): amounts that depend on it are for demonstration only."

    public func render() throws -> String {
        let synthetic = runs.contains { $0.plan.data.hasSyntheticData }
        var allocations = [AllocationRow]()
        var topslices = [TopsliceRow]()
        var earmarks = [EarmarkRow]()
        for run in runs {
            for measure in run.allocations {
                for year in measure.years {
                    for component in year.components {
                        for region in component.regions {
                            allocations.append(AllocationRow(
                                scenario: run.plan.name, measure: measure.measure, component: component.component, year: year.year,
                                region: region.region.code, regionName: region.region.name, amount: Decimal(region.amount.cents) / 100, exact: region.exact))
                        }
                    }
                    for earmark in year.earmarks {
                        let amount = year.amount(for: earmark.region) ?? .zero
                        earmarks.append(EarmarkRow(
                            scenario: run.plan.name, measure: measure.measure, year: year.year, purpose: earmark.purpose, region: earmark.region,
                            required: Decimal(earmark.minimum.cents) / 100, amount: Decimal(amount.cents) / 100, met: earmark.minimum <= amount))
                    }
                    for topslice in year.topslices {
                        topslices.append(TopsliceRow(scenario: run.plan.name, measure: measure.measure, year: year.year, name: topslice.name, amount: Decimal(topslice.amount.cents) / 100))
                    }
                }
            }
        }
        let provenance = Provenance(runs, scenarioFiles: scenarioFiles)
        let document = Document(
            engine: "verdeel", engineVersion: Self.engineVersion,
            scenarioFiles: provenance.scenarioFiles,
            dataFiles: provenance.dataFiles, syntheticData: synthetic, notice: synthetic ? Self.syntheticNotice : nil,
            warnings: runs.flatMap(\.warnings).map(\.english), allocations: allocations, topslices: topslices, earmarks: earmarks,
            fairness: fairness.flatMap { scenario, report in
                report.rows.map { FairnessRow(scenario: scenario, measure: $0.measure, year: $0.year, metric: $0.metric.description, value: $0.value, valueExact: $0.exact) }
            },
            lorenz: fairness.flatMap { scenario, report in
                report.curves.flatMap { curve in
                    curve.curve.points.map {
                        LorenzRow(scenario: scenario, measure: curve.measure, year: curve.year, rank: $0.rank, region: $0.region, populationShare: $0.populationShare, amountShare: $0.amountShare)
                    }
                }
            })
        return String(decoding: try JSONKeyStyle.encoder().encode(document), as: UTF8.self) + "\n"
    }
}
