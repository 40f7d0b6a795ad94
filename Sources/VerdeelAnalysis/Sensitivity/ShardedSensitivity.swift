import VerdeelCore
import VerdeelDesign
import VerdeelModel

/// A sensitivity analysis split over machines: each part allocates a contiguous range of
/// the design's rows (``outputs(of:_:table:threads:)``), and the analysis of all rows'
/// outputs joined in row order (``analyse(_:table:outputs:values:threads:)``) is exactly
/// what ``run(_:table:threads:)`` gives, because a design row's outputs depend on that row
/// alone. A stop rule (`until width`) chooses N as it goes and cannot be split.
extension ScenarioSensitivity {
    /// The design's rows.
    public static func designRows(_ plan: ScenarioPlan, table: RegionTable) throws(ScenarioSensitivityError) -> Int {
        try prepared(plan, table: table).3.rows
    }

    /// The outputs and, row after row, their values for design rows `rows`.
    public static func outputs(
        of rows: Range<Int>, _ plan: ScenarioPlan, table: RegionTable, threads: Int
    ) throws(ScenarioSensitivityError) -> (outputs: [Output], values: [Double]) {
        let (_, _, model, design) = try prepared(plan, table: table)
        let evaluated = try DesignOutputs.evaluate(design, model: model, threads: threads, only: rows)
        return (evaluated.outputs, evaluated.values)
    }

    /// The analysis of every design row's outputs (`values[row * outputs.count + o]`).
    public static func analyse(
        _ plan: ScenarioPlan, table: RegionTable, outputs: [Output], values: [Double], threads: Int
    ) throws(ScenarioSensitivityError) -> ScenarioSensitivity {
        let (sensitivity, coordinates, _, design) = try prepared(plan, table: table)
        guard values.count == design.rows * outputs.count else {
            throw ScenarioSensitivityError("the parts hold \(values.count) values, not \(design.rows) rows x \(outputs.count) outputs")
        }
        let (kept, defined, warnings) = DesignOutputs(outputs: outputs, rows: design.rows, values: values).definedOutputs()
        do {
            switch sensitivity.method {
            case .sobol:
                let analysis = try SobolAnalysis(groups: coordinates.problem.groups.count, secondOrder: sensitivity.secondOrder, resamples: sensitivity.bootstrap, seed: sensitivity.seed)
                let indices = try analysis.analyze(values: defined, rows: design.rows, outputs: kept.count, threads: threads)
                return ScenarioSensitivity(
                    outputs: kept, factors: coordinates.problem.groups, sobol: indices, morris: nil, dummy: coordinates.dummyGroup, rows: design.rows,
                    warnings: warnings, basePoints: sensitivity.count, converged: nil)
            case .morris:
                let analysis = try MorrisAnalysis(problem: coordinates.problem, levels: sensitivity.levels, resamples: sensitivity.bootstrap, seed: sensitivity.seed)
                let indices = try analysis.analyze(inputs: design, outputs: defined, count: kept.count)
                return ScenarioSensitivity(
                    outputs: kept, factors: coordinates.problem.groups, sobol: nil, morris: indices, dummy: coordinates.dummyGroup, rows: design.rows,
                    warnings: warnings, basePoints: sensitivity.count, converged: nil)
            }
        } catch {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "\(error.message)")
        }
    }

    /// The block, its coordinates, the model that allocates a row and the whole design.
    private static func prepared(
        _ plan: ScenarioPlan, table: RegionTable
    ) throws(ScenarioSensitivityError) -> (SensitivityPlan, SensitivityCoordinates, DesignPointModel, DesignMatrix) {
        let (sensitivity, coordinates, model) = try setUp(plan, table: table)
        guard sensitivity.stopRule == nil else {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "a stop rule ('until width') chooses N as the analysis goes, so its design cannot be split into parts; give a fixed N (leave out 'until') or run it whole")
        }
        do {
            let design = switch sensitivity.method {
            case .sobol: try SaltelliDesign(problem: coordinates.problem, baseCount: sensitivity.count, secondOrder: sensitivity.secondOrder).matrix(seed: sensitivity.seed)
            case .morris: try MorrisDesign(problem: coordinates.problem, trajectories: sensitivity.count, levels: sensitivity.levels).matrix(seed: sensitivity.seed)
            }
            return (sensitivity, coordinates, model, design)
        } catch {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "\(error.message)")
        }
    }
}
