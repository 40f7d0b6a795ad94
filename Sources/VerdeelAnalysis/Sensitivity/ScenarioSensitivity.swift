import Foundation
import Synchronization
import VerdeelCore
import VerdeelDesign
import VerdeelLanguage

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
    public let warnings: [String]

    /// Base points N the analysis ended with (Sobol; the stop rule may have doubled it).
    public let basePoints: Int
    /// With a stop rule: whether every half-width came below its width.
    public let converged: Bool?

    public static func run(_ plan: ScenarioPlan, table: RegionTable, threads: Int) throws(ScenarioSensitivityError) -> ScenarioSensitivity {
        guard let sensitivity = plan.sensitivity else { throw ScenarioSensitivityError("scenario '\(plan.name)' has no sensitivity block") }
        let codes = table.regions.map(\.code)
        let coordinates: SensitivityCoordinates
        do { coordinates = try SensitivityCoordinates(sensitivity, regions: codes) } catch {
            throw ScenarioSensitivityError("\(sensitivity.declaredAt): \(error.message); add a dummy or another factor")
        }
        let model = try DesignPointModel(plan: plan, sensitivity: sensitivity, coordinates: coordinates, table: table)
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
            throw ScenarioSensitivityError("\(sensitivity.declaredAt): \(error.message)")
        } catch let error as ScenarioSensitivityError {
            throw error
        } catch {
            throw ScenarioSensitivityError("\(sensitivity.declaredAt): \(error)")
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
                notes.append("the stop rule ended at N = \(n) (its maximum) with a widest half-width of \(widest), not below \(rule.width)")
            }
            return ScenarioSensitivity(
                outputs: outputs, factors: coordinates.problem.groups, sobol: indices, morris: nil, dummy: coordinates.dummyGroup, rows: design.rows,
                warnings: notes, basePoints: n, converged: rule.map { widest < $0.width })
        }
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

/// Every design row's outputs: `values[row * outputs + o]`, NaN where a fairness metric
/// is undefined for that row.
struct DesignOutputs {
    let outputs: [ScenarioSensitivity.Output]
    let rows: Int
    let values: [Double]

    /// Allocates every row of `design`; the first rows of `previous` (an earlier, smaller
    /// design whose rows this one begins with) are taken over, not allocated again.
    static func evaluate(_ design: DesignMatrix, model: DesignPointModel, threads: Int, reusing previous: DesignOutputs? = nil) throws(ScenarioSensitivityError) -> DesignOutputs {
        let nominal = try OutputLayout(model: model)
        let width = nominal.outputs.count
        let kept = min(previous?.rows ?? 0, design.rows)
        let results = Mutex([Int: Result<[Double], ScenarioSensitivityError>]())
        let next = Atomic<Int>(0)
        let stretch = 64
        let fresh = design.rows - kept
        let stretches = (fresh + stretch - 1) / stretch
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, stretches))) { _ in
            while case let s = next.add(1, ordering: .relaxed).oldValue, s < stretches {
                var values = [Double]()
                values.reserveCapacity(stretch * width)
                let result: Result<[Double], ScenarioSensitivityError>
                do throws(ScenarioSensitivityError) {
                    for r in (kept + s * stretch)..<min(design.rows, kept + (s + 1) * stretch) {
                        let row = design.values[(r * design.columns)..<((r + 1) * design.columns)]
                        values += try nominal.values(of: row, row: r)
                    }
                    result = .success(values)
                } catch {
                    result = .failure(error)
                }
                results.withLock { $0[s] = result }
            }
        }
        var values = Array(previous?.values.prefix(kept * width) ?? [])
        values.reserveCapacity(design.rows * width)
        for s in 0..<stretches {
            switch results.withLock({ $0[s] }) {
            case .success(let part)?: values += part
            case .failure(let error)?: throw error
            case nil: throw ScenarioSensitivityError("design rows \(kept + s * stretch + 1) on were not allocated")
            }
        }
        return DesignOutputs(outputs: nominal.outputs, rows: design.rows, values: values)
    }

    /// The outputs defined in every row, with their values; a warning for each left out.
    func definedOutputs() -> ([ScenarioSensitivity.Output], [Double], [String]) {
        let width = outputs.count
        let kept = (0..<width).filter { o in (0..<rows).allSatisfy { values[$0 * width + o].isFinite } }
        let warnings = Set(0..<width).subtracting(kept).sorted().map { o in
            "\(outputs[o].name) of \(outputs[o].measure) \(outputs[o].year) is undefined in some design rows (e.g. a region gets nothing); it is left out of the analysis"
        }
        guard kept.count < width else { return (outputs, values, warnings) }
        var filtered = [Double]()
        filtered.reserveCapacity(rows * kept.count)
        for r in 0..<rows {
            for o in kept { filtered.append(values[r * width + o]) }
        }
        return (kept.map { outputs[$0] }, filtered, warnings)
    }
}

/// Which outputs a row gives, in order: per measure (then `all`) and year, every region's
/// whole-euro amount, its unrounded amount, then the fairness metrics.
struct OutputLayout {
    let model: DesignPointModel
    let years: [[Int]]
    let allYears: [Int]
    let metrics: [String]
    let outputs: [ScenarioSensitivity.Output]

    init(model: DesignPointModel) throws(ScenarioSensitivityError) {
        self.model = model
        years = model.plan.measures.map { $0.measure.budgets.keys.sorted() }
        allYears = Array(Set(years.flatMap { $0 })).sorted()
        let codes = model.table.regions.map(\.code)
        metrics = model.plan.fairness.map { fairness in
            FairnessSettings(epsilons: fairness.epsilons, grouped: fairness.group != nil, referenced: fairness.reference != nil).metrics.map { "fairness:\($0)" }
        } ?? []
        var outputs = [ScenarioSensitivity.Output]()
        let blocks = zip(model.plan.measures.map(\.id), years).map { ($0, $1) } + (model.plan.measures.count > 1 ? [("all", allYears)] : [])
        for (measure, measureYears) in blocks {
            for year in measureYears {
                outputs += codes.map { .init(measure: measure, year: year, name: $0) }
                outputs += codes.map { .init(measure: measure, year: year, name: "exact:\($0)") }
                outputs += metrics.map { .init(measure: measure, year: year, name: $0) }
            }
        }
        self.outputs = outputs
    }

    func values(of row: ArraySlice<Double>, row index: Int) throws(ScenarioSensitivityError) -> [Double] {
        let (measures, table) = try model.apply(row)
        let allocations: [MeasureAllocation]
        do { allocations = try Allocator(table: table).allocate(measures) } catch {
            throw ScenarioSensitivityError("design row \(index + 1) cannot be allocated: \(error); narrow the factors' ranges so every row is feasible")
        }
        let codes = table.regions.map(\.code)
        let basis: FairnessBasis?
        do { basis = try model.plan.fairness.map { plan throws(FairnessError) in try FairnessBasis(plan, table: table) } } catch {
            throw ScenarioSensitivityError("design row \(index + 1): the fairness metrics cannot be computed: \(error)")
        }
        var values = [Double]()
        var totals = [Int: (rounded: [Double], exact: [Double])]()
        for (m, allocation) in allocations.enumerated() {
            for year in years[m] {
                let (rounded, exact) = Self.amounts(allocation.year(year), codes: codes)
                values += rounded + exact + fairness(rounded, basis)
                var sum = totals[year] ?? ([Double](repeating: 0, count: codes.count), [Double](repeating: 0, count: codes.count))
                for r in codes.indices {
                    sum.rounded[r] += rounded[r]
                    sum.exact[r] += exact[r]
                }
                totals[year] = sum
            }
        }
        if allocations.count > 1 {
            for year in allYears {
                let sum = totals[year] ?? ([], [])
                values += sum.rounded + sum.exact + fairness(sum.rounded, basis)
            }
        }
        return values
    }

    private static func amounts(_ allocation: YearAllocation?, codes: [String]) -> (rounded: [Double], exact: [Double]) {
        var rounded = [Double](repeating: 0, count: codes.count), exact = rounded
        for component in allocation?.components ?? [] {
            for (r, region) in component.regions.enumerated() where r < codes.count {
                rounded[r] += Double(region.amount.cents) / 100
                exact[r] += region.exact
            }
        }
        return (rounded, exact)
    }

    private func fairness(_ amounts: [Double], _ basis: FairnessBasis?) -> [Double] {
        guard let basis, !metrics.isEmpty else { return [] }
        guard let input = try? basis.input(amounts: amounts) else { return metrics.map { _ in .nan } }
        return basis.settings.values(input).map { $0 ?? .nan }
    }
}
