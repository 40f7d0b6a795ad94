import VerdeelAnalysis
import VerdeelData
import VerdeelSimulation

/// The tables each kind of run writes, by file name, as standard CSV: what every format
/// (csv-nl, JSON, the workbook, the report) is made from. One place says which tables a run
/// of each kind has.
public enum RunTables {
    /// A plain run: allocations, top-slices, earmarks (if any), and the fairness metrics and
    /// Lorenz curves (when measured), in the Dutch style for `.dutch`.
    public static func allocation(
        _ runs: [ScenarioRun], fairness: [(scenario: String, report: FairnessReport)], style: AllocationCSV.Style
    ) throws(DutchStyleError) -> [(name: String, contents: String)] {
        let csv = AllocationCSV(runs, style: style)
        var files = [("allocations.csv", csv.allocations()), ("topslices.csv", csv.topslices())]
        if let earmarks = csv.earmarks() { files.append(("earmarks.csv", earmarks)) }
        if !fairness.isEmpty {
            let fairnessCSV = FairnessCSV(fairness)
            for (name, contents) in [("fairness.csv", fairnessCSV.metrics()), ("lorenz.csv", fairnessCSV.lorenz())] {
                do {
                    files.append((name, style == .dutch ? try TableExport.dutch(contents, name: name) : contents))
                } catch {
                    throw DutchStyleError(table: name, cause: error)
                }
            }
        }
        return files
    }

    /// A variant or Monte Carlo run: variants, summary, infeasible (if any) and each
    /// statistic's table.
    public static func simulation(_ result: SimulationResult) -> [(name: String, contents: String)] {
        let csv = SimulationCSV(result)
        var files = [("variants.csv", csv.variants()), ("summary.csv", csv.summary())]
        if let infeasible = csv.infeasible() { files.append(("infeasible.csv", infeasible)) }
        for table in result.tables.map(StatisticTableCSV.init) { files.append((table.fileName, table.render())) }
        return files
    }

    /// A sensitivity analysis: sobol.csv (and s2.csv with second-order indices) or
    /// morris.csv with `measure,year` in front of SALib's columns, elasticities.csv, and
    /// not_above_dummy.csv with a dummy factor.
    public static func sensitivity(_ result: ScenarioSensitivity, _ elasticities: [Elasticity], secondOrder: Bool) -> [(name: String, contents: String)] {
        let outputs = result.outputs.map(\.name)
        let prefix = (header: ["measure", "year"], values: result.outputs.map { [$0.measure, String($0.year)] })
        var files = [(name: String, contents: String)]()
        if let sobol = result.sobol {
            files.append(("sobol.csv", SensitivityCSV.sobol(sobol, outputs: outputs, factors: result.factors, prefix: prefix)))
            if secondOrder {
                files.append(("s2.csv", SensitivityCSV.secondOrder(sobol, outputs: outputs, factors: result.factors, prefix: prefix)))
            }
        }
        if let morris = result.morris {
            files.append(("morris.csv", SensitivityCSV.morris(morris, outputs: outputs, factors: result.factors, prefix: prefix)))
        }
        files.append(("elasticities.csv", SensitivityCSV.elasticities(elasticities)))
        if result.dummy != nil { files.append(("not_above_dummy.csv", SensitivityCSV.notAboveDummy(result))) }
        return files
    }
}

/// A table that cannot be written in the Dutch style, and why.
public struct DutchStyleError: Error, Sendable, CustomStringConvertible {
    public let table: String
    public let cause: DataError

    public var description: String { "\(table) cannot be written in the Dutch style: \(cause)" }
}
