import Foundation
import VerdeelCore
import VerdeelModel
import VerdeelRandom
import VerdeelSimulation

/// Why each region's amount changed from scenario A to B, provision by provision, with
/// no order among them: the Shapley value of each differing provision (``Provision``) in
/// the game v(S) = the region's unrounded amount when A takes the provisions in S from B,
///
///     phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S)),
///
/// the average of i's marginal contribution over all n! orders. The contributions add up
/// to v(all) - v(none) = B's unrounded amount - A's exactly (up to floating-point
/// addition); what rounding to the euro adds is reported on its own (`rounding`). Up to
/// ``exactLimit`` provisions every subset is allocated (2^n allocations); above that,
/// ``sampledOrders`` random orders are averaged (Castro et al. 2009), each a Fisher-Yates
/// shuffle drawn from ``Philox`` (seed 0x5A9E_1E55, order k from counters (k, j, 0, 0)),
/// with the standard error of each value; each order's contributions still add up to the
/// change. Provisions are sorted by name first, so the order the scenarios list them in
/// never matters.
public struct ShapleyAttribution: Sendable {
    public static let exactLimit = 12
    public static let sampledOrders = 512

    /// One amount: a measure (or `all`) in a year for a region.
    public struct Cell: Hashable, Sendable, Comparable {
        public let measure: String
        public let year: Int
        public let region: String

        public static func < (x: Cell, y: Cell) -> Bool {
            (x.measure, x.year, x.region) < (y.measure, y.year, y.region)
        }
    }

    public let provisions: [Provision]
    public let cells: [Cell]
    /// `contributions[c][i]`: provision i's part of cell c's unrounded change.
    public let contributions: [[Double]]
    /// Standard errors of the contributions when they are sampled; nil when exact.
    public let standardErrors: [[Double]]?
    /// Each cell's unrounded change B - A and its change in whole euros.
    public let exactChange: [Double]
    public let roundedChange: [Double]
    /// Inhabitants per region code (A's data), for amounts per inhabitant.
    public let inhabitants: [String: Double]

    public static func explain(_ a: ScenarioRun, _ b: ScenarioRun, read: (String) -> [UInt8]?) throws(AttributionError) -> ShapleyAttribution {
        let provisions = Provision.differences(a.plan, b.plan)
        let n = provisions.count
        guard n <= 62 else { throw AttributionError("\(n) provisions differ between \(a.plan.name) and \(b.plan.name); at most 62 can be told apart, so compare scenarios that differ less") }
        let game = HybridScenario(a: a.plan, b: b.plan, provisions: provisions)
        let rounded = (Self.amounts(zip(a.plan.measures.map(\.id), a.allocations).map { ($0, $1) }, exact: false),
                       Self.amounts(zip(b.plan.measures.map(\.id), b.allocations).map { ($0, $1) }, exact: false))
        let cells = Set(rounded.0.keys).union(rounded.1.keys).sorted()
        let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        var tables = [Int: RegionTable]()
        var memo = [Int: [Double]]()
        func value(_ mask: Int) throws(AttributionError) -> [Double] {
            if let known = memo[mask] { return known }
            let dataMask = game.dataMask(mask)
            let table: RegionTable
            if let known = tables[dataMask] { table = known } else {
                do { table = dataMask == 0 ? a.table : try ScenarioRun.load(game.data(mask), read: read) } catch {
                    throw AttributionError("the data of \(describe(mask, provisions)) cannot be read: ", cause: error)
                }
                tables[dataMask] = table
            }
            let measures = game.measures(mask)
            let allocations: [MeasureAllocation]
            do { allocations = try Allocator(table: table).allocate(measures.map(\.measure)) } catch {
                throw AttributionError("\(a.plan.name) with \(describe(mask, provisions)) from \(b.plan.name) cannot be allocated: \(error); these provisions cannot be mixed, so they cannot be told apart")
            }
            var values = [Double](repeating: 0, count: cells.count)
            for (cell, amount) in Self.amounts(zip(measures.map(\.id), allocations).map { ($0, $1) }, exact: true) {
                if let position = index[cell] { values[position] = amount }
            }
            memo[mask] = values
            return values
        }
        let full = n == 0 ? 0 : (1 << n) - 1
        let start = try value(0), end = try value(full)
        var contributions = [[Double]](repeating: [Double](repeating: 0, count: n), count: cells.count)
        var errors: [[Double]]?
        if n <= exactLimit {
            let weights = (0..<max(n, 1)).map { size in Self.weight(size: size, of: n) }
            for mask in 0...full {
                let base = try value(mask)
                for i in 0..<n where mask & (1 << i) == 0 {
                    let joined = try value(mask | (1 << i))
                    let w = weights[mask.nonzeroBitCount]
                    for c in cells.indices { contributions[c][i] += w * (joined[c] - base[c]) }
                }
            }
        } else {
            let generator = Philox(seed: 0x5A9E_1E55)
            var squares = contributions
            for k in 0..<sampledOrders {
                var order = Array(0..<n)
                for j in stride(from: n - 1, to: 0, by: -1) {
                    order.swapAt(j, Int(generator.block(UInt64(k), UInt64(j), 0, 0).0 % UInt64(j + 1)))
                }
                var mask = 0
                var before = start
                for i in order {
                    mask |= 1 << i
                    let after = try value(mask)
                    for c in cells.indices {
                        let step = after[c] - before[c]
                        contributions[c][i] += step
                        squares[c][i] += step * step
                    }
                    before = after
                }
            }
            let m = Double(sampledOrders)
            errors = cells.indices.map { c in
                (0..<n).map { i in
                    let mean = contributions[c][i] / m
                    return (max(0, squares[c][i] / m - mean * mean) * m / (m - 1) / m).squareRoot()
                }
            }
            contributions = contributions.map { $0.map { $0 / m } }
        }
        let population = a.plan.fairness?.population ?? "inhabitants"
        let inhabitants = Dictionary(zip(a.table.regions.map(\.code), a.table.indicators[population] ?? []).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        return ShapleyAttribution(
            provisions: provisions, cells: cells, contributions: contributions, standardErrors: errors,
            exactChange: cells.indices.map { end[$0] - start[$0] },
            roundedChange: cells.map { (rounded.1[$0] ?? 0) - (rounded.0[$0] ?? 0) },
            inhabitants: inhabitants)
    }

    /// |S|! (n - |S| - 1)! / n!, as 1 / (n C(n-1, |S|)).
    static func weight(size: Int, of n: Int) -> Double {
        var binomial = 1.0
        for k in 0..<size { binomial = binomial * Double(n - 1 - k) / Double(k + 1) }
        return 1 / (Double(n) * binomial)
    }

    /// Each measure's and the sum's (`all`) amount per year and region, unrounded or paid.
    static func amounts(_ allocations: [(String, MeasureAllocation)], exact: Bool) -> [Cell: Double] {
        var result = [Cell: Double]()
        for (id, allocation) in allocations {
            for year in allocation.years {
                for component in year.components {
                    for region in component.regions {
                        let value = exact ? region.exact : Double(region.amount.cents) / 100
                        result[Cell(measure: id, year: year.year, region: region.region.code), default: 0] += value
                        result[Cell(measure: "all", year: year.year, region: region.region.code), default: 0] += value
                    }
                }
            }
        }
        return result
    }

    private static func describe(_ mask: Int, _ provisions: [Provision]) -> String {
        let names = provisions.indices.filter { mask & (1 << $0) != 0 }.map { provisions[$0].description }
        return names.isEmpty ? "no provisions" : names.joined(separator: ", ")
    }
}

/// Why an attribution cannot be computed, and what to do.
public struct AttributionError: SiteError, Sendable {
    public let message: String
    /// The data error behind the message, whose text may name a site of the plan.
    public let cause: RunError?

    init(_ message: String, cause: RunError? = nil) {
        self.message = message
        self.cause = cause
    }

    public func described(by locator: any SiteLocator) -> String {
        message + (cause.map { $0.described(by: locator) } ?? "")
    }
}
