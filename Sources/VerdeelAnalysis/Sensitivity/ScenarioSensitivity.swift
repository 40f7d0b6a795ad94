import Foundation
import Synchronization
import VerdeelCore
import VerdeelDesign
import VerdeelModel

/// A scenario's sensitivity analysis (its `sensitivity` block): the design's rows are
/// allocated one by one by the exact core (every rule, rounding to the euro), and the
/// outputs analysed together by ``SobolAnalysis`` or ``MorrisAnalysis``. Outputs, per
/// measure and year, and for measure `all` (each region's total over the measures):
/// every region's amount in whole euros (output = its code) and unrounded
/// (`exact:CODE`), and every fairness metric on the whole-euro amounts
/// (`fairness:METRIC`). Rows are independent, so any thread count gives the same result.
public struct ScenarioSensitivity: Sendable {
    /// One analysed output.
    public struct Output: Sendable, Equatable {
        public let measure: String
        public let year: Int
        public let name: String
    }

    public let outputs: [Output]
    /// The factors as the results name them (groups of the design's coordinates).
    public let factors: [String]
    public let sobol: [SobolIndices]?
    public let morris: [MorrisIndices]?
    /// The dummy factor's position in ``factors``, if the block asked for one.
    public let dummy: Int?
    /// The rows of the design that were allocated.
    public let rows: Int
    public let warnings: [Words]

    /// Base points N the analysis ended with (Sobol; the stop rule may have doubled it).
    public let basePoints: Int
    /// With a stop rule: whether every half-width came below its width.
    public let converged: Bool?

    public static func run(_ plan: ScenarioPlan, table: RegionTable, threads: Int) throws(ScenarioSensitivityError) -> ScenarioSensitivity {
        let (sensitivity, coordinates, model) = try setUp(plan, table: table)
        do {
            switch sensitivity.method {
            case .sobol: return try sobol(sensitivity, coordinates, model, threads: threads)
            case .morris:
                let design = try MorrisDesign(problem: coordinates.problem, trajectories: sensitivity.count, levels: sensitivity.levels).matrix(seed: sensitivity.seed)
                let (outputs, values, warnings) = try DesignOutputs.evaluate(design, model: model, threads: threads).definedOutputs()
                let analysis = try MorrisAnalysis(problem: coordinates.problem, levels: sensitivity.levels, resamples: sensitivity.bootstrap, seed: sensitivity.seed)
                let indices = try analysis.analyze(inputs: design, outputs: values, count: outputs.count)
                return ScenarioSensitivity(
                    outputs: outputs, factors: coordinates.problem.groups, sobol: nil, morris: indices, dummy: coordinates.dummyGroup, rows: design.rows,
                    warnings: warnings, basePoints: sensitivity.count, converged: nil)
            }
        } catch let error as DesignError {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "\(error.message)")
        } catch let error as ScenarioSensitivityError {
            throw error
        } catch {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "\(error)")
        }
    }

    /// Sobol, with the stop rule: N doubles while some half-width is at or above the rule's
    /// width and N stays within its maximum. The scrambled Sobol points of N are the first
    /// of 2N, so the rows already allocated are kept and only the new base points' are added.
    private static func sobol(
        _ sensitivity: SensitivityPlan, _ coordinates: SensitivityCoordinates, _ model: DesignPointModel, threads: Int
    ) throws -> ScenarioSensitivity {
        var n = sensitivity.count
        var done: DesignOutputs?
        let analysis = try SobolAnalysis(groups: coordinates.problem.groups.count, secondOrder: sensitivity.secondOrder, resamples: sensitivity.bootstrap, seed: sensitivity.seed)
        while true {
            let design = try SaltelliDesign(problem: coordinates.problem, baseCount: n, secondOrder: sensitivity.secondOrder).matrix(seed: sensitivity.seed)
            let evaluated = try DesignOutputs.evaluate(design, model: model, threads: threads, reusing: done)
            done = evaluated
            let (outputs, values, warnings) = evaluated.definedOutputs()
            let indices = try analysis.analyze(values: values, rows: design.rows, outputs: outputs.count, threads: threads)
            let widest = indices.reduce(0.0) { widest, index in max(widest, Self.widestHalfWidth(index)) }
            let rule = sensitivity.stopRule
            if let rule, widest >= rule.width, n * 2 <= rule.maximum {
                n *= 2
                continue
            }
            var notes = warnings
            if let rule, widest >= rule.width {
                notes.append(Words(
                    dutch: "de stopregel eindigde bij N = \(n) (het maximum) met een grootste halve breedte van \(widest), niet onder \(rule.width)",
                    english: "the stop rule ended at N = \(n) (its maximum) with a widest half-width of \(widest), not below \(rule.width)"))
            }
            return ScenarioSensitivity(
                outputs: outputs, factors: coordinates.problem.groups, sobol: indices, morris: nil, dummy: coordinates.dummyGroup, rows: design.rows,
                warnings: notes, basePoints: n, converged: rule.map { widest < $0.width })
        }
    }

    /// The block, its factors' coordinates and the model that allocates a design row.
    static func setUp(_ plan: ScenarioPlan, table: RegionTable) throws(ScenarioSensitivityError) -> (SensitivityPlan, SensitivityCoordinates, DesignPointModel) {
        guard let sensitivity = plan.sensitivity else { throw ScenarioSensitivityError("scenario '\(plan.name)' has no sensitivity block") }
        let coordinates: SensitivityCoordinates
        do { coordinates = try SensitivityCoordinates(sensitivity, regions: table.regions.map(\.code)) } catch {
            throw ScenarioSensitivityError(at: sensitivity.declaredAt, "\(error.message); add a dummy or another factor")
        }
        return (sensitivity, coordinates, try DesignPointModel(plan: plan, sensitivity: sensitivity, coordinates: coordinates, table: table))
    }

    static func widestHalfWidth(_ index: SobolIndices) -> Double {
        let pairs: [Double] = index.s2Confidence?.flatMap { $0 } ?? []
        let all: [Double] = index.s1Confidence + index.stConfidence + pairs
        return all.max() ?? 0
    }

    /// Whether factor `g`'s total index (Sobol) or mu* (Morris) for output `o` cannot be
    /// told from the dummy's: its interval reaches the dummy's upper end.
    public func indistinguishableFromDummy(output o: Int, factor g: Int) -> Bool {
        guard let dummy, g != dummy else { return false }
        if let sobol {
            return sobol[o].st[g] - sobol[o].stConfidence[g] <= sobol[o].st[dummy] + sobol[o].stConfidence[dummy]
        }
        guard let morris else { return false }
        return morris[o].muStar[g] - morris[o].muStarConfidence[g] <= morris[o].muStar[dummy] + morris[o].muStarConfidence[dummy]
    }
}
