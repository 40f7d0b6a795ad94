import VerdeelSimulation

/// The inhabitants of each region of a run, for amounts per inhabitant: the data's
/// `inhabitants` indicator; nil for a region with none (or data without the indicator),
/// so that no amount is ever divided by zero.
public struct Inhabitants: Sendable {
    private let run: ScenarioRun
    private let values: [Double]?

    public init(_ run: ScenarioRun, indicator: String = "inhabitants") {
        self.run = run
        values = run.table.indicators[indicator]
    }

    public func count(_ code: String) -> Double? {
        guard let values, let index = run.table.index(of: code), values.indices.contains(index), values[index] > 0, values[index].isFinite else { return nil }
        return values[index]
    }
}
