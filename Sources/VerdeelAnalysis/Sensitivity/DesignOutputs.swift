import Foundation
import Synchronization
import VerdeelCore
import VerdeelDesign

/// Every design row's outputs: `values[row * outputs + o]`, NaN where a fairness metric
/// is undefined for that row.
struct DesignOutputs {
    let outputs: [ScenarioSensitivity.Output]
    let rows: Int
    let values: [Double]

    /// Allocates every row of `design`; the first rows of `previous` (an earlier, smaller
    /// design whose rows this one begins with) are taken over, not allocated again.
    /// `only`: allocate just these rows (a part of a sharded run; `rows` is then their count).
    static func evaluate(
        _ design: DesignMatrix, model: DesignPointModel, threads: Int, reusing previous: DesignOutputs? = nil, only: Range<Int>? = nil
    ) throws(ScenarioSensitivityError) -> DesignOutputs {
        let nominal = try OutputLayout(model: model)
        let width = nominal.outputs.count
        let end = only?.upperBound ?? design.rows
        let kept = only?.lowerBound ?? min(previous?.rows ?? 0, design.rows)
        let results = Mutex([Int: Result<[Double], ScenarioSensitivityError>]())
        let next = Atomic<Int>(0)
        let stretch = 64
        let fresh = end - kept
        let stretches = (fresh + stretch - 1) / stretch
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, stretches))) { _ in
            while case let s = next.add(1, ordering: .relaxed).oldValue, s < stretches {
                var values = [Double]()
                values.reserveCapacity(stretch * width)
                let result: Result<[Double], ScenarioSensitivityError>
                do throws(ScenarioSensitivityError) {
                    for r in (kept + s * stretch)..<min(end, kept + (s + 1) * stretch) {
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
        var values = only == nil ? Array(previous?.values.prefix(kept * width) ?? []) : []
        values.reserveCapacity((only?.count ?? design.rows) * width)
        for s in 0..<stretches {
            switch results.withLock({ $0[s] }) {
            case .success(let part)?: values += part
            case .failure(let error)?: throw error
            case nil: throw ScenarioSensitivityError("design rows \(kept + s * stretch + 1) on were not allocated")
            }
        }
        return DesignOutputs(outputs: nominal.outputs, rows: only?.count ?? design.rows, values: values)
    }

    /// The outputs defined in every row, with their values; a warning for each left out.
    func definedOutputs() -> ([ScenarioSensitivity.Output], [Double], [Words]) {
        let width = outputs.count
        let kept = (0..<width).filter { o in (0..<rows).allSatisfy { values[$0 * width + o].isFinite } }
        let warnings = Set(0..<width).subtracting(kept).sorted().map { o in
            Words(
                dutch: "\(outputs[o].name) van \(outputs[o].measure) \(outputs[o].year) is in sommige rijen van het ontwerp niet gedefinieerd (bijvoorbeeld omdat een gemeente niets krijgt); het blijft buiten de analyse",
                english: "\(outputs[o].name) of \(outputs[o].measure) \(outputs[o].year) is undefined in some design rows (e.g. a region gets nothing); it is left out of the analysis")
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
