/// The population-weighted Lorenz curve of an allocation: regions sorted by per-capita
/// amount ascending (ties by code), with the cumulative population share and amount share
/// after each, starting from the point (0, 0) (rank 0, no region).
public struct LorenzCurve: Sendable {
    public struct Point: Sendable, Equatable {
        public let rank: Int
        public let region: String?
        public let populationShare: Double
        public let amountShare: Double
    }

    public let points: [Point]

    /// `nil` when nothing is allocated (no amount shares).
    public init?(_ input: FairnessInput) {
        let total = input.totalAmount, population = input.totalPopulation
        guard total > 0 else { return nil }
        var points = [Point(rank: 0, region: nil, populationShare: 0, amountShare: 0)]
        var (people, money) = (0.0, 0.0)
        for (rank, index) in Inequality.lorenzOrder(input).enumerated() {
            people += input.populations[index]
            money += input.amounts[index]
            points.append(Point(rank: rank + 1, region: input.codes[index], populationShare: people / population, amountShare: money / total))
        }
        self.points = points
    }
}
