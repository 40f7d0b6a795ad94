import Synchronization
import VerdeelSimulation

/// What the fairness metrics of a draw need of its population and reference, whatever the
/// variant: the population shares `pi_i`, `1 / pi_i` (so that `q_i = s_i / pi_i` is a
/// product), the reference shares `r_i` and the reference per person `r_i / pi_i` (Suits's
/// order), for every region and draw of the run, and the first draw with a region without
/// population. Computed once per run from the engine's share rows and shared by every
/// variant's accumulator. Stored a lane width L of draws at a time, region after region
/// (`[((d / L) * regions + r) * L + d % L]`, the last draw repeated to a multiple of L),
/// so that the metrics of L draws read one contiguous stretch.
final class DrawPopulations: Sendable {
    typealias Lanes = LaneMath.Lanes
    let regions: Int
    let people: [Lanes]
    let inverse: [Lanes]
    let reference: [Lanes]
    let intensity: [Lanes]
    /// The first (draw, region) whose population is not above 0, if any.
    let empty: (draw: Int, region: Int)?
    /// With a reference and many regions: each draw's regions by reference per person
    /// ascending, ties by index (`[d * regions + k]`; the same for every variant).
    let suitsOrders: [Int32]

    /// `shares[0]`: the population's shares `[r * draws + d]`, `shares[1]` (optional): the reference's.
    init(shares: [BufferHandle<Double>], regions: Int, draws: Int, sorting: Bool) {
        self.regions = regions
        let octets = (draws + Lanes.scalarCount - 1) / Lanes.scalarCount
        var people = [Lanes](repeating: Lanes(), count: octets * regions), inverse = people
        var reference = shares.count > 1 ? people : [], intensity = reference
        var empty: (draw: Int, region: Int)?
        for r in 0..<regions {
            for d in 0..<(octets * Lanes.scalarCount) {
                let source = r * draws + Swift.min(d, draws - 1)
                let (index, lane) = ((d / Lanes.scalarCount) * regions + r, d % Lanes.scalarCount)
                let p = shares[0][source]
                if !(p > 0), d < draws, empty.map({ d < $0.draw }) ?? true { empty = (d, r) }
                people[index][lane] = p
                inverse[index][lane] = 1 / p
                if shares.count > 1 {
                    reference[index][lane] = shares[1][source]
                    intensity[index][lane] = shares[1][source] / p
                }
            }
        }
        (self.people, self.inverse, self.reference, self.intensity, self.empty) = (people, inverse, reference, intensity, empty)
        guard sorting, shares.count > 1 else {
            suitsOrders = []
            return
        }
        var orders = [Int32](repeating: 0, count: regions * draws)
        for d in 0..<draws {
            let keys = (0..<regions).map { shares[1][$0 * draws + d] / shares[0][$0 * draws + d] }
            let order = (0..<regions).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            for (k, r) in order.enumerated() { orders[d * regions + k] = Int32(r) }
        }
        suitsOrders = orders
    }
}

/// The run's ``DrawPopulations``, made by the first accumulator that needs them.
final class DrawPopulationsCache: Sendable {
    private let made = Mutex<[UInt: DrawPopulations]>([:])
    /// The orders the variants' sorts start from (many regions).
    let orders = DrawOrdersPool()

    /// Those of the share rows `block` points into (the same rows for every variant).
    func populations(_ block: DrawBlock) -> DrawPopulations {
        let key = block.shareRows[0].address
        return made.withLock { made in
            if let known = made[key] { return known }
            let populations = DrawPopulations(
                shares: block.shareRows, regions: block.regions, draws: block.draws, sorting: block.regions > FairnessLanes.pairwiseRegions)
            made[key] = populations
            return populations
        }
    }
}
