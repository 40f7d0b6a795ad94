import VerdeelAnalysis
import VerdeelCore
import VerdeelData
import VerdeelDesign
import VerdeelReport
import VerdeelTables

/// The two methods of SALib's file layouts that `verdeel sensitivity` designs and analyses.
public enum SALibMethod: String, CaseIterable, Sendable {
    case sobol, morris
}

/// An analysis of a model's outputs on SALib's file layouts (`verdeel sensitivity analyze`):
/// Sobol indices (S1, ST and, with `secondOrder`, S2) or Morris effects of every output
/// column, with bootstrap intervals; the tables `sobol` (and `s2`) or `morris`.
public struct SALibAnalysis: Sendable {
    public let method: SALibMethod
    public let secondOrder: Bool
    public let resamples: Int
    public let confidenceLevel: Double
    /// Morris's grid levels, as sampled.
    public let levels: Int
    /// The seed of the bootstrap resamples.
    public let seed: UInt64
    public let threads: Int

    public init(method: SALibMethod, secondOrder: Bool, resamples: Int, confidenceLevel: Double, levels: Int, seed: UInt64, threads: Int) {
        (self.method, self.secondOrder, self.resamples, self.confidenceLevel) = (method, secondOrder, resamples, confidenceLevel)
        (self.levels, self.seed, self.threads) = (levels, seed, max(1, threads))
    }

    /// The tables of the analysis of `outputs` (one column per output; its header names them,
    /// else `y1`, `y2`, ...) of the design `samples` (needed for Morris), and a warning for
    /// each output that is constant.
    public func tables(problem: SensitivityProblem, outputs: NumberTable, samples: NumberTable?) throws(SALibFileError) -> (tables: [ResultTable], warnings: [String]) {
        let names = outputs.header ?? (0..<outputs.columns).map { "y\($0 + 1)" }
        var seen = Set<String>()
        if let twice = names.first(where: { !seen.insert($0).inserted }) {
            throw SALibFileError("\(outputs.name): the header names the output '\(Printable.shown(twice))' twice; give each output column its own name")
        }
        if let shown = names.first(where: { !Printable.isPrintable($0) }) {
            throw SALibFileError("\(outputs.name): the output name '\(Printable.shown(shown))' holds a control character; retype it without")
        }
        if let samples, samples.columns != problem.factors.count {
            throw SALibFileError("\(samples.name): has \(samples.columns) columns but the problem has \(problem.factors.count) factors; one column per factor")
        }
        if let samples, samples.rows != outputs.rows {
            throw SALibFileError("\(outputs.name): has \(outputs.rows) rows but \(samples.name) has \(samples.rows); one output row per sample row")
        }
        do {
            switch method {
            case .sobol: return try sobol(problem, outputs: outputs, names: names)
            case .morris:
                guard let samples else { throw SALibFileError("Morris needs the design's rows: give --samples FILE (the file 'verdeel sensitivity sample morris' wrote)") }
                let design = DesignMatrix(rows: samples.rows, columns: samples.columns, values: samples.values)
                let analysis = try MorrisAnalysis(problem: problem, levels: levels, resamples: resamples, confidenceLevel: confidenceLevel, seed: seed)
                let indices = try analysis.analyze(inputs: design, outputs: outputs.values, count: outputs.columns)
                return ([SensitivityTables.morris(indices, outputs: .init(names: names), factors: problem.groups)], [])
            }
        } catch let error as SALibFileError {
            throw error
        } catch let error as DesignError {
            throw SALibFileError("\(outputs.name): \(error.message)")
        } catch {
            throw SALibFileError("\(outputs.name): \(error)")
        }
    }

    private func sobol(_ problem: SensitivityProblem, outputs: NumberTable, names: [String]) throws(DesignError) -> (tables: [ResultTable], warnings: [String]) {
        let analysis = try SobolAnalysis(groups: problem.groups.count, secondOrder: secondOrder, resamples: resamples, confidenceLevel: confidenceLevel, seed: seed)
        let indices = try analysis.analyze(values: outputs.values, rows: outputs.rows, outputs: outputs.columns, threads: threads)
        var tables = [SensitivityTables.sobol(indices, outputs: .init(names: names), factors: problem.groups)]
        if secondOrder { tables.append(SensitivityTables.secondOrder(indices, outputs: .init(names: names), factors: problem.groups)) }
        if outputs.columns > 1, let aggregate = SobolAggregate(measure: "", year: 0, indices, z: NormalQuantile.of(0.5 + confidenceLevel / 2)) {
            tables.append(SensitivityTables.aggregated(aggregate, factors: problem.groups))
        }
        return (tables, zip(names, indices).filter { $0.1.isConstant }.map { "output \($0.0) has the same value in every row: its indices are 0" })
    }
}
