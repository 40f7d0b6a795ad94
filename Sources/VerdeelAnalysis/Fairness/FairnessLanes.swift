import Foundation
import VerdeelSimulation

/// Every fairness metric of many draws, a lane width of draws at a time (four on AVX2,
/// eight on AVX-512: ``LaneMath/Lanes``). The formulas are
/// those of ``Inequality`` written on shares, which is all they depend on: with
/// `s_i = a_i / sum a`, `pi_i = p_i / sum p` and `q_i = s_i / pi_i` (= `y_i / mu`),
///
/// - `theil = sum s_i ln q_i`; `theil_between = sum_g s_g ln(s_g / pi_g)`, `theil_within = theil - theil_between`
/// - `atkinson_E = 1 - (sum pi_i q_i^(1 - E))^(1 / (1 - E))`, `1 - exp(sum pi_i ln q_i)` for E = 1
/// - `ge_A = (sum pi_i q_i^A - 1) / (A (A - 1))`, `-sum pi_i ln q_i` for A = 0, `theil` for A = 1,
///   `cv^2 / 2` for A = 2; `ge_A_between` the same of the groups' `s_g` and `pi_g`, `ge_A_within = ge_A - ge_A_between`
/// - `cv = sqrt(sum pi_i (q_i - 1)^2)`, `max_min_ratio = max q / min q`, `hoover = 1/2 sum abs(s_i - pi_i)`
/// - `gini = sum_(i<j) pi_i pi_j abs(q_i - q_j)` and, with reference shares `r_i`,
///   `suits = 1 - sum_k sum_j r_k s_j w_jk` (`w` 2 when region j's reference per person is
///   below k's, 1 when equal, 0 above): the pairwise forms of the trapezoid sums, for up to
///   ``pairwiseRegions`` regions; with more, each draw's regions are sorted (``DrawOrders``:
///   from the order the worker's previous variant left) and the trapezoids summed.
final class FairnessLanes {
    typealias Lanes = LaneMath.Lanes
    static let pairwiseRegions = 48

    let metrics: [FairnessMetric]
    let regions: Int
    let codes: [String]
    /// Each region's group index, when the metrics include Theil's decomposition.
    let groupOf: [Int]?
    let groupCount: Int
    // Scratch, allocated once: per region (and group) one lane width of draws' values.
    private let s: MutableBufferHandle<Lanes>, pi: MutableBufferHandle<Lanes>, q: MutableBufferHandle<Lanes>
    /// `ln q_i`, 0 where `q_i = 0`.
    private let logs: MutableBufferHandle<Lanes>
    private let reference: MutableBufferHandle<Lanes>, intensities: MutableBufferHandle<Lanes>
    /// Whether the metrics include Atkinson's 0.5 (a sum of square roots) and 2 (of reciprocals).
    private let half: Bool, two: Bool
    private let groupShares: MutableBufferHandle<Lanes>, groupPeople: MutableBufferHandle<Lanes>
    private let results: MutableBufferHandle<Lanes>

    init(_ basis: FairnessBasis) {
        metrics = basis.settings.metrics
        regions = basis.codes.count
        codes = basis.codes
        if let groups = basis.groups {
            let names = Array(Set(groups)).sorted()
            groupOf = groups.map { names.firstIndex(of: $0) ?? 0 }
            groupCount = names.count
        } else {
            groupOf = nil
            groupCount = 0
        }
        func buffer(_ count: Int) -> MutableBufferHandle<Lanes> { .allocate(Swift.max(count, 1), repeating: Lanes()) }
        (s, pi, q, logs, reference) = (buffer(regions), buffer(regions), buffer(regions), buffer(regions), buffer(regions))
        intensities = buffer(regions)
        half = basis.settings.epsilons.contains(0.5)
        two = basis.settings.epsilons.contains(2)
        (groupShares, groupPeople) = (buffer(groupCount), buffer(groupCount))
        results = buffer(metrics.count)
    }

    deinit {
        for buffer in [s, pi, q, logs, reference, intensities, groupShares, groupPeople, results] { buffer.deallocate() }
    }

    /// Writes every metric of every draw of the block into `values[metric * draws + draw]`
    /// (NaN where undefined); `populations` are the run's (``DrawPopulations``).
    /// With more than ``pairwiseRegions`` regions, `orders` are where the sorts start.
    func add(_ block: DrawBlock, populations: DrawPopulations, orders: DrawOrders?, referenced: Bool, to values: MutableBufferHandle<Double>) {
        var j = 0
        while j < block.width {
            let valid = Swift.min(Lanes.scalarCount, block.width - j)
            compute(block, at: j, valid: valid, populations: populations, orders: orders, referenced: referenced)
            for index in 0..<metrics.count {
                let target = index * block.draws + block.start + j
                if valid == Lanes.scalarCount {
                    values.store(results[index], at: target)
                } else {
                    for lane in 0..<valid { values[target + lane] = results[index][lane] }
                }
            }
            j += Lanes.scalarCount
        }
    }

    /// Every metric of one lane width of draws into `results`, in one pass over the regions for the
    /// sums and one over the pairs for Gini and Suits.
    private func compute(_ block: DrawBlock, at j: Int, valid: Int, populations: DrawPopulations, orders: DrawOrders?, referenced: Bool) {
        let zero = Lanes(), one = Lanes(repeating: 1)
        // The draws' stretch of the run's populations (block starts are multiples of 16).
        let octet = (block.start + j) / Lanes.scalarCount * regions
        var total = zero
        for r in 0..<regions {
            let a = block.lanes(region: r, from: j, as: Lanes.self)
            s[r] = a
            total += a
        }
        let toShare = one / total
        var theil = zero, logMean = zero, squares = zero, hoover = zero, lh = zero, roots = zero, reciprocals = zero
        var lowest = Lanes(repeating: .infinity), highest = Lanes(repeating: -.infinity)
        var anyZero = LaneMath.Mask(repeating: false)
        // Short loops, one kind of work each, so that the processor overlaps many regions.
        populations.people.withUnsafeBufferPointer { people in
            populations.inverse.withUnsafeBufferPointer { inverse in
                let (people, inverse) = (BufferHandle(people), BufferHandle(inverse))
                for r in 0..<regions {
                    let share = s[r] * toShare, p = people[octet + r]
                    let ratio = share * inverse[octet + r]
                    s[r] = share
                    pi[r] = p
                    q[r] = ratio
                    anyZero .|= ratio .<= zero
                    let deviation = ratio - one
                    squares = LaneMath.fused(p * deviation, deviation, squares)
                    hoover += Self.magnitude(share - p)
                    lowest = lowest.replacing(with: ratio, where: ratio .< lowest)
                    highest = highest.replacing(with: ratio, where: ratio .> highest)
                }
            }
        }
        for r in 0..<regions {
            // Where q = 0, s = 0 and the logarithm is taken of 1: the terms are 0.
            let log = LaneMath.log(q[r].replacing(with: one, where: q[r] .<= zero))
            logs[r] = log
            theil = LaneMath.fused(s[r], log, theil)
            logMean = LaneMath.fused(pi[r], log, logMean)
        }
        if referenced {
            populations.reference.withUnsafeBufferPointer { references in
                populations.intensity.withUnsafeBufferPointer { intensity in
                    let (references, intensity) = (BufferHandle(references), BufferHandle(intensity))
                    for r in 0..<regions {
                        let x = references[octet + r]
                        reference[r] = x
                        intensities[r] = intensity[octet + r]
                        lh += Self.magnitude(s[r] - x)
                    }
                }
            }
        }
        if half {
            for r in 0..<regions { roots += LaneMath.squareRoot(s[r] * pi[r]) }
        }
        if two {
            for r in 0..<regions { reciprocals += pi[r] * pi[r] / s[r] }
        }
        if groupOf != nil { addGroups() }
        let between = groupOf == nil ? zero : self.between(1)
        let (gini, suits) = orders.map { sorted(populations, orders: $0, draw: block.start + j, valid: valid, referenced: referenced) }
            ?? pairwise(referenced: referenced)
        let empty = total .<= zero
        var (lastEntropy, lastBetween) = (zero, zero)
        for (index, metric) in metrics.enumerated() {
            let value: Lanes
            switch metric {
            case .gini: value = gini
            case .theil: value = theil
            case .theilBetween: value = between
            case .theilWithin: value = theil - between
            case .atkinson(let epsilon):
                switch epsilon {
                case 0.5: value = one - roots * roots
                case 1: value = (one - LaneMath.exp(logMean)).replacing(with: one, where: anyZero)
                case 2: value = (one - one / reciprocals).replacing(with: one, where: anyZero)
                default: value = atkinson(epsilon, anyZero: anyZero)
                }
            // FairnessSettings lists each alpha's index, then its between and within parts.
            case .entropy(let alpha):
                value = entropy(alpha, theil: theil, logMean: logMean, squares: squares, anyZero: anyZero)
                lastEntropy = value
            case .entropyBetween(let alpha):
                value = self.between(alpha)
                lastBetween = value
            case .entropyWithin: value = lastEntropy - lastBetween
            case .coefficientOfVariation: value = Self.squareRoot(squares)
            case .maxMinRatio: value = (highest / lowest).replacing(with: .nan, where: lowest .<= zero)
            case .hoover: value = 0.5 * hoover
            case .loosemoreHanby: value = 0.5 * lh
            case .suits: value = suits
            }
            // Nothing allocated (shares 0 / 0): every metric undefined.
            results[index] = value.replacing(with: .nan, where: empty)
        }
    }

    /// Each group's share of the money and of the people, from the regions'.
    private func addGroups() {
        guard let groupOf else { return }
        for g in 0..<groupCount {
            groupShares[g] = Lanes()
            groupPeople[g] = Lanes()
        }
        for r in 0..<regions {
            groupShares[groupOf[r]] += s[r]
            groupPeople[groupOf[r]] += pi[r]
        }
    }

    /// GE(alpha) of the groups themselves (``addGroups()`` first): `sum_g s_g ln(s_g / pi_g)`
    /// for alpha 1 (Theil's between), `-sum_g pi_g ln(s_g / pi_g)` for 0, else
    /// `(sum_g pi_g (s_g / pi_g)^alpha - 1) / (alpha (alpha - 1))`; NaN where a group has no
    /// money and alpha <= 0.
    private func between(_ alpha: Double) -> Lanes {
        let zero = Lanes(), one = Lanes(repeating: 1)
        var sum = zero, none = LaneMath.Mask(repeating: false)
        for g in 0..<groupCount {
            let (share, people) = (groupShares[g], groupPeople[g])
            let empty = share .<= zero
            none .|= empty
            let log = LaneMath.log((share / people).replacing(with: one, where: empty))
            switch alpha {
            case 1: sum += share * log
            case 0: sum += people * log
            default: sum += (people * LaneMath.exp(alpha * log)).replacing(with: zero, where: empty)
            }
        }
        switch alpha {
        case 1: return sum
        case 0: return (zero - sum).replacing(with: .nan, where: none)
        default: return ((sum - one) / (alpha * (alpha - 1))).replacing(with: .nan, where: alpha < 0 ? none : LaneMath.Mask(repeating: false))
        }
    }

    /// GE(alpha) from the sums already made: Theil's for 1, minus the mean of `ln q` for 0
    /// (NaN where a region gets nothing), half of `sum pi_i (q_i - 1)^2` for 2, and
    /// otherwise `q^alpha` as `exp(alpha ln q)` from the logarithms taken (0 where q = 0 and
    /// alpha > 0, NaN where alpha < 0).
    private func entropy(_ alpha: Double, theil: Lanes, logMean: Lanes, squares: Lanes, anyZero: LaneMath.Mask) -> Lanes {
        let zero = Lanes(), one = Lanes(repeating: 1)
        switch alpha {
        case 1: return theil
        case 0: return (zero - logMean).replacing(with: .nan, where: anyZero)
        case 2: return 0.5 * squares
        default:
            var sum = zero
            for r in 0..<regions { sum += (pi[r] * LaneMath.exp(alpha * logs[r])).replacing(with: zero, where: q[r] .<= zero) }
            return ((sum - one) / (alpha * (alpha - 1))).replacing(with: .nan, where: alpha < 0 ? anyZero : LaneMath.Mask(repeating: false))
        }
    }

    /// `atkinson_E` for an epsilon other than 0.5, 1 and 2: `q^(1 - E)` as
    /// `exp((1 - E) ln q)` from the logarithms already taken (0 where q = 0 and E < 1), and
    /// the mean's power `1 / (1 - E)` the same way.
    private func atkinson(_ epsilon: Double, anyZero: LaneMath.Mask) -> Lanes {
        let zero = Lanes(), one = Lanes(repeating: 1)
        var mean = zero
        for r in 0..<regions {
            mean += (pi[r] * LaneMath.exp((1 - epsilon) * logs[r])).replacing(with: zero, where: q[r] .<= zero)
        }
        let value = one - LaneMath.exp(LaneMath.log(mean) / (1 - epsilon))
        return epsilon >= 1 ? value.replacing(with: one, where: anyZero) : value
    }

    /// Lane by lane: the scalar square root is one instruction, the vector one a library call.
    @inline(__always)
    static func squareRoot(_ x: Lanes) -> Lanes {
        var result = Lanes()
        for lane in 0..<Lanes.scalarCount { result[lane] = x[lane].squareRoot() }
        return result
    }

    /// Gini and Suits by their pairwise sums.
    private func pairwise(referenced: Bool) -> (Lanes, Lanes) {
        var gini = Lanes(), concentration = Lanes()
        for i in 0..<regions {
            let qi = q[i]
            var row = Lanes()
            for k in (i + 1)..<Swift.max(i + 1, regions) { row = LaneMath.fused(pi[k], Self.magnitude(qi - q[k]), row) }
            gini = LaneMath.fused(pi[i], row, gini)
        }
        guard referenced else { return (gini, Lanes()) }
        for i in 0..<regions {
            let (si, ri, intensity) = (s[i], reference[i], intensities[i])
            concentration += ri * si
            for k in (i + 1)..<Swift.max(i + 1, regions) {
                let other = intensities[k]
                // Below: 2 r_k s_i; above: 2 r_i s_k; equal: r_k s_i + r_i s_k.
                let up = reference[k] * si, down = ri * s[k]
                concentration += (up + down).replacing(with: up + up, where: intensity .< other).replacing(with: down + down, where: intensity .> other)
            }
        }
        return (gini, Lanes(repeating: 1) - concentration)
    }

    /// Gini and Suits by sorting each draw's regions (many regions), lane by lane on that
    /// lane's values: the per-capita order from where `orders` left that draw, the
    /// reference order as the run's populations give it. Lanes past the block's end
    /// (`valid`) are not computed.
    private func sorted(_ populations: DrawPopulations, orders: DrawOrders, draw first: Int, valid: Int, referenced: Bool) -> (Lanes, Lanes) {
        var gini = Lanes(), suits = Lanes()
        let stride = Lanes.scalarCount
        for lane in 0..<valid {
            let (ratios, shares, people) = (Self.lane(q, lane), Self.lane(s, lane), Self.lane(pi, lane))
            let order = orders.sort(draw: first + lane, keys: ratios, stride: stride)
            var (area, cumulative) = (0.0, 0.0)
            for k in 0..<regions {
                let r = Int(order[k]) &* stride
                let next = cumulative + shares[r]
                area += people[r] * (next + cumulative)
                cumulative = next
            }
            gini[lane] = 1 - area
            guard referenced else { continue }
            suits[lane] = populations.suitsOrders.withUnsafeBufferPointer { orders in
                Self.suits(
                    order: BufferHandle(orders).slice(from: (first + lane) * regions, count: regions), shares: shares,
                    references: Self.lane(reference, lane), intensities: Self.lane(intensities, lane))
            }
        }
        return (gini, suits)
    }

    /// Lane `lane` of region 0's values: region r's is at `[r * Lanes.scalarCount]`.
    private static func lane(_ values: MutableBufferHandle<Lanes>, _ lane: Int) -> BufferHandle<Double> {
        let scalars = values.scalars
        return scalars.slice(from: lane, count: scalars.count - lane)
    }

    /// `1 - 2 * sum_k (X_k - X_(k-1)) (Y_k + Y_(k-1)) / 2` over the regions in `order` (by
    /// reference per person), equal reference per person merged into one point.
    private static func suits(
        order: BufferHandle<Int32>, shares: BufferHandle<Double>, references: BufferHandle<Double>, intensities: BufferHandle<Double>
    ) -> Double {
        let stride = Lanes.scalarCount, n = order.count
        var (y, twice) = (0.0, 0.0)
        var position = 0
        while position < n {
            let level = intensities[Int(order[position]) &* stride]
            var (dx, dy) = (0.0, 0.0)
            while position < n, intensities[Int(order[position]) &* stride] == level {
                let r = Int(order[position]) &* stride
                dx += references[r]
                dy += shares[r]
                position += 1
            }
            twice += dx * (2 * y + dy)
            y += dy
        }
        return 1 - twice
    }

    /// |x| by clearing the sign bits: one instruction.
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: LaneMath.Bits.self) & 0x7FFF_FFFF_FFFF_FFFF, to: Lanes.self)
    }
}
