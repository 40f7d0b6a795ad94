import Foundation
import VerdeelCore
import VerdeelModel
import VerdeelRandom

/// The points of a simulation plan's variant dimensions, crossed as a full factorial:
/// variant `index` takes one point of every dimension, the first dimension varying slowest.
/// A list's or range's point is computed from its index; a simplex's and a sample's points
/// are made once, when the design is made (a run makes it after checking that the
/// `count x parameters` doubles fit in memory), and kept in one flat array per dimension.
public struct VariantDesign: Sendable {
    public let plan: SimulationPlan
    /// The points of each stored dimension, flat (`count x parameters`); empty for the others.
    private let stored: [[Double]]

    public init(_ plan: SimulationPlan) {
        self.plan = plan
        stored = plan.dimensions.map { dimension in
            switch dimension.points {
            case .simplex(let steps): return Self.simplexPoints(steps: steps, criteria: dimension.parameters.count).flatMap { $0 }
            case .sample(let sample): return Self.samplePoints(sample).flatMap { $0 }
            case .alternatives, .values: return []
            }
        }
    }

    /// The parameter values of variant `index` (0-based; the first dimension varies slowest).
    public func values(ofVariant index: Int) -> [Double] {
        var remaining = index
        var chosen = [[Double]](repeating: [], count: plan.dimensions.count)
        for position in plan.dimensions.indices.reversed() {
            let count = plan.dimensions[position].count
            chosen[position] = point(remaining % count, of: position)
            remaining /= count
        }
        return chosen.flatMap { $0 }
    }

    /// Point `index` of dimension `position`.
    public func point(_ index: Int, of position: Int) -> [Double] {
        let dimension = plan.dimensions[position]
        switch dimension.points {
        case .alternatives: return [Double(index)]
        case .values(let values): return [Self.value(values, index)]
        case .simplex, .sample:
            let width = dimension.parameters.count
            return Array(stored[position][(index * width)..<((index + 1) * width)])
        }
    }

    /// Value `index` of a list or range: a list's entry; `low + (high - low) i / (n - 1)`
    /// (exactly `high` last); `start + i step` in exact decimals.
    public static func value(_ values: VariantValues, _ index: Int) -> Double {
        switch values {
        case .list(let list): return list[index]
        case .evenly(let low, let high, let count):
            if count == 1 { return low }
            return index == count - 1 ? high : low + (high - low) * Double(index) / Double(count - 1)
        case .stepped(let start, let step, _): return (start + Decimal(index) * step).doubleValue
        }
    }

    /// Every key over `criteria` criteria with weights on a grid of `steps` steps that sum to
    /// 100%, in lexicographic order of the weights (the first criterion's weight slowest).
    public static func simplexPoints(steps: Int, criteria: Int) -> [[Double]] {
        var points = [[Double]]()
        var current = [Int](repeating: 0, count: criteria)
        func fill(_ position: Int, _ left: Int) {
            if position == criteria - 1 {
                current[position] = left
                points.append(current.map { Double($0) / Double(steps) })
                return
            }
            for value in 0...left {
                current[position] = value
                fill(position + 1, left - value)
            }
        }
        fill(0, steps)
        return points
    }

    /// A sample's points: unit points (Sobol's first `count`, or a seeded Latin hypercube)
    /// scaled to each range, `low + u (high - low)`, rounded to the range's unit if it has one.
    public static func samplePoints(_ sample: VariantSample) -> [[Double]] {
        let dimensions = sample.ranges.count
        let unitPoints = sample.method == .sobol
            ? SobolSequence(dimensions: dimensions)?.points(sample.count) ?? []
            : LatinHypercube.points(sample.count, dimensions: dimensions, seed: sample.seed)
        return unitPoints.map { point in
            zip(point, sample.ranges).map { u, range in
                let value = range.low + u * (range.high - range.low)
                return range.unit.map { (value / $0).rounded() * $0 } ?? value
            }
        }
    }
}
