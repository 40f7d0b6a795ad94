import Foundation
import VerdeelCore
import VerdeelModel

/// The fairness of one scenario's allocation: every metric for every measure and year, and
/// for `all` (every measure's amounts added per region and year), on the rounded amounts
/// (`value`) and on the unrounded ones (`exact`), with the Lorenz curves of the rounded amounts.
public struct FairnessReport: Sendable {
    /// The name that stands for every measure together.
    public static let allMeasures = "all"

    /// A metric's value as the output files write it: in full (the shortest text that
    /// reads back as the same double), empty where it is undefined.
    public static func cell(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    /// A metric's value in the printed tables: 4 decimals, `-` where undefined.
    public static func rounded(_ value: Double?) -> String {
        value.map { String(format: "%.4f", $0) } ?? "-"
    }

    public struct Row: Sendable {
        public let measure: String
        public let year: Int
        public let metric: FairnessMetric
        public let value: Double?
        public let exact: Double?
    }

    public struct Curve: Sendable {
        public let measure: String
        public let year: Int
        public let curve: LorenzCurve
    }

    /// One part of a measure's amounts in one year and its share of the Gini
    /// (``GiniDecomposition``), on the rounded amounts.
    public struct SourceRow: Sendable {
        public let measure: String
        public let year: Int
        public let source: AmountSource
        public let figures: GiniDecomposition.Source
    }

    /// One region's contribution to the Gini of the rounded amounts of a measure (or `all`)
    /// and year.
    public struct RegionRow: Sendable {
        public let measure: String
        public let year: Int
        public let region: String
        public let perInhabitant: Double
        public let populationShare: Double
        public let contribution: Double
    }

    public let basis: FairnessBasis
    public let rows: [Row]
    public let curves: [Curve]
    /// The rounded amounts of every measure (and `all`) and year, which the Gini splits are
    /// computed from when their tables are made (not for every report a run or a request makes).
    let roundedInputs: [(measure: String, year: Int, input: FairnessInput)]
    /// Each measure's identifier and the parts of its amounts per year, when they were given.
    let amountSources: [(id: String, years: [(year: Int, sources: [AmountSource])])]

    /// `measures` are the scenario's measure identifiers with their allocations and, for the
    /// Gini by source, the parts of their amounts (``Allocator/sources(of:allocation:)``).
    public init(
        _ basis: FairnessBasis, measures: [(id: String, allocation: MeasureAllocation)], sources: [[(year: Int, sources: [AmountSource])]]? = nil
    ) throws(FairnessError) {
        self.basis = basis
        var rows = [Row]()
        var curves = [Curve]()
        var inputs = [(measure: String, year: Int, input: FairnessInput)]()
        let regions = basis.codes.count
        var totals = [Int: (rounded: [Double], exact: [Double])]()
        var parts = [(measure: String, year: Int, rounded: [Double], exact: [Double])]()
        for (id, allocation) in measures {
            for year in allocation.years {
                var rounded = [Double](repeating: 0, count: regions), exact = rounded
                for component in year.components {
                    for (index, region) in component.regions.enumerated() where index < regions {
                        rounded[index] += Double(region.amount.cents) / 100
                        exact[index] += region.exact
                    }
                }
                parts.append((id, year.year, rounded, exact))
                var total = totals[year.year] ?? ([Double](repeating: 0, count: regions), [Double](repeating: 0, count: regions))
                for index in 0..<regions {
                    total.rounded[index] += rounded[index]
                    total.exact[index] += exact[index]
                }
                totals[year.year] = total
            }
        }
        if measures.count > 1 {
            for year in totals.keys.sorted() {
                if let total = totals[year] { parts.append((Self.allMeasures, year, total.rounded, total.exact)) }
            }
        }
        for part in parts {
            let input = try basis.input(amounts: part.rounded)
            let exactInput = try basis.input(amounts: part.exact.map { Swift.max(0, $0) })
            let values = basis.settings.values(input), exactValues = basis.settings.values(exactInput)
            for (index, metric) in basis.settings.metrics.enumerated() {
                rows.append(Row(measure: part.measure, year: part.year, metric: metric, value: values[index], exact: exactValues[index]))
            }
            if let curve = LorenzCurve(input) { curves.append(Curve(measure: part.measure, year: part.year, curve: curve)) }
            inputs.append((part.measure, part.year, input))
        }
        self.rows = rows
        self.curves = curves
        roundedInputs = inputs
        amountSources = zip(measures, sources ?? []).map { ($0.id, $1) }
    }

    /// The Gini by the parts of the amounts, per measure and year (not for `all`), when the
    /// parts were given.
    public var sources: [SourceRow] {
        amountSources.flatMap { id, years in
            years.flatMap { year, parts -> [SourceRow] in
                let perPerson = parts.map { part in
                    GiniDecomposition.Part(perPerson: zip(part.values, basis.populations).map { part.scale * ($0 / $1) }, isBalanced: part.isBalanced)
                }
                let figures = GiniDecomposition.sources(populations: basis.populations, parts: perPerson) ?? []
                return zip(parts, figures).map { SourceRow(measure: id, year: year, source: $0, figures: $1) }
            }
        }
    }

    /// The Gini by region, per measure (and `all`) and year.
    public var regions: [RegionRow] {
        roundedInputs.flatMap { measure, year, input -> [RegionRow] in
            let total = input.totalPopulation
            return (GiniDecomposition.regions(input) ?? []).enumerated().map { index, contribution in
                RegionRow(
                    measure: measure, year: year, region: basis.codes[index], perInhabitant: input.amounts[index] / input.populations[index],
                    populationShare: input.populations[index] / total, contribution: contribution)
            }
        }
    }
}
