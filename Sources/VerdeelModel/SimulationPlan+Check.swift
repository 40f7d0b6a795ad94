/// What the language's checker guarantees of a simulation plan, checked again for a plan
/// built in Swift or read back from JSON before the engine runs it: every dimension has at
/// least one point and says how many it has truthfully, its values are finite, a simplex
/// has steps and two weights or more, a sample has a finite range per parameter, a varied
/// criterion or vintage has that many alternatives, the variants can be counted, and the
/// Monte Carlo block's draws, spreads, concentrations and correlations are in range.
extension SimulationPlan {
    /// The most variants a run may have.
    public static let maximumVariants = 50_000_000

    /// The first thing the plan says that no scenario can, or nil.
    public var problem: String? {
        for (index, dimension) in dimensions.enumerated() {
            if let problem = problem(of: dimension) { return "variant dimension \(index + 1): \(problem)" }
        }
        guard variantCount <= Self.maximumVariants else { return "the variants number more than \(Self.maximumVariants); vary fewer values" }
        return monteCarlo.flatMap(\.problem)
    }

    private func problem(of dimension: VariantDimension) -> String? {
        guard !dimension.parameters.isEmpty else { return "it varies no parameter" }
        guard dimension.count >= 1 else { return "it has \(dimension.count) points; a dimension has at least one" }
        switch dimension.points {
        case .alternatives:
            guard dimension.parameters.count == 1 else { return "alternatives vary one criterion or table" }
            let available: Int? = switch dimension.parameters[0] {
            case .criterion(let name): alternatives[name]?.count
            case .vintage(let table): vintages[table]?.count
            default: nil
            }
            guard let available, available == dimension.count else { return "it lists \(dimension.count) alternatives but the plan has \(available.map(String.init) ?? "none")" }
        case .values(let values):
            guard dimension.parameters.count == 1, values.count == dimension.count else { return "it has \(dimension.count) points but \(values.count) values" }
            switch values {
            case .list(let list): if list.contains(where: { !$0.isFinite }) { return "a value is not a finite number" }
            case .evenly(let low, let high, _): if !low.isFinite || !high.isFinite { return "its range is not finite" }
            case .stepped: break
            }
        case .simplex(let steps):
            guard steps >= 1, dimension.parameters.count >= 2 else { return "a simplex has at least one step and two weights" }
            guard let points = Self.simplexCount(steps: steps, weights: dimension.parameters.count), points == dimension.count else {
                return "a simplex of \(steps) steps over \(dimension.parameters.count) weights does not have \(dimension.count) points"
            }
        case .sample(let sample):
            guard sample.count == dimension.count, sample.ranges.count == dimension.parameters.count else { return "its sample has \(sample.count) points over \(sample.ranges.count) ranges" }
            for range in sample.ranges where !(range.low.isFinite && range.high.isFinite && range.low <= range.high) || range.unit.map({ !($0 > 0 && $0.isFinite) }) == true {
                return "a sampled range is not finite, low above high, or its unit not above 0"
            }
        }
        return nil
    }

    /// The points of a simplex: C(steps + weights - 1, weights - 1), nil beyond `Int`.
    static func simplexCount(steps: Int, weights: Int) -> Int? {
        var count = 1
        for k in 1..<weights {
            let (factor, beyond) = steps.addingReportingOverflow(k)
            let (product, overflow) = count.multipliedReportingOverflow(by: factor)
            guard !beyond, !overflow else { return nil }
            count = product / k
        }
        return count
    }
}

extension MonteCarloPlan {
    /// The most draws a run may have.
    public static let maximumDraws = 100_000_000

    /// The first thing the block says that no scenario can, or nil.
    public var problem: String? {
        guard (1...Self.maximumDraws).contains(draws) else { return "the Monte Carlo block has \(draws) draws; it has 1 to \(Self.maximumDraws)" }
        for perturbation in perturbations {
            if case .relative(let spread) = perturbation.spread, !(spread.isFinite && spread >= 0) { return "the spread of \(perturbation.indicator) is not a finite number of at least 0" }
        }
        for dirichlet in dirichlets where !(dirichlet.concentration.isFinite && dirichlet.concentration > 0) {
            return "the concentration of \(dirichlet.measure)'s key is not a finite number above 0"
        }
        for correlation in correlations
        where !(perturbations.indices.contains(correlation.first) && perturbations.indices.contains(correlation.second) && correlation.first != correlation.second
            && correlation.value.isFinite && abs(correlation.value) <= 1) {
            return "a correlation names no two perturbations, or is not from -1 to 1"
        }
        return nil
    }
}
