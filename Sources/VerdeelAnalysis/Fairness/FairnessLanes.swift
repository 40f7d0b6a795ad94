import Foundation
import VerdeelSimulation

/// Every fairness metric of many draws, eight draws at a time in SIMD lanes: what makes
/// fairness over a Monte Carlo run cheap next to the allocation itself. The formulas are
/// those of ``Inequality`` written on shares, which is all they depend on: with
/// `s_i = a_i / sum a`, `pi_i = p_i / sum p` and `q_i = s_i / pi_i` (= `y_i / mu`),
///
/// - `theil = sum s_i ln q_i`; `theil_between = sum_g s_g ln(s_g / pi_g)`, `theil_within = theil - theil_between`
/// - `atkinson_E = 1 - (sum pi_i q_i^(1 - E))^(1 / (1 - E))`, `1 - exp(sum pi_i ln q_i)` for E = 1
/// - `cv = sqrt(sum pi_i (q_i - 1)^2)`, `max_min_ratio = max q / min q`, `hoover = 1/2 sum abs(s_i - pi_i)`
/// - `gini = sum_(i<j) pi_i pi_j abs(q_i - q_j)` and, with reference shares `r_i`,
///   `suits = 1 - sum_k sum_j r_k s_j w_jk` (`w` 2 when region j's reference per person is
///   below k's, 1 when equal, 0 above): the pairwise forms of the trapezoid sums, for up to
///   ``pairwiseRegions`` regions; with more, each draw's regions are sorted (insertion sort
///   from the previous draw's order, which the next draw mostly keeps) and the trapezoids summed.
final class FairnessLanes {
    typealias Lanes = SIMD8<Double>
    static let pairwiseRegions = 48

    let metrics: [FairnessMetric]
    let regions: Int
    let codes: [String]
    /// Each region's group index, when the metrics include Theil's decomposition.
    let groupOf: [Int]?
    let groupCount: Int
    // Scratch, allocated once: per region (and group) eight draws' values.
    private let s: UnsafeMutablePointer<Lanes>, pi: UnsafeMutablePointer<Lanes>, q: UnsafeMutablePointer<Lanes>
    /// `ln q_i`, 0 where `q_i = 0`.
    private let logs: UnsafeMutablePointer<Lanes>
    private let reference: UnsafeMutablePointer<Lanes>
    private let groupShares: UnsafeMutablePointer<Lanes>, groupPeople: UnsafeMutablePointer<Lanes>
    private let results: UnsafeMutablePointer<Lanes>
    private var giniOrder: [Int], suitsOrder: [Int]
    /// One lane's values per region, for sorting.
    private let laneRatio: UnsafeMutablePointer<Double>, laneShare: UnsafeMutablePointer<Double>, lanePeople: UnsafeMutablePointer<Double>
    private let laneReference: UnsafeMutablePointer<Double>, laneIntensity: UnsafeMutablePointer<Double>

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
        func buffer(_ count: Int) -> UnsafeMutablePointer<Lanes> {
            let pointer = UnsafeMutablePointer<Lanes>.allocate(capacity: Swift.max(count, 1))
            pointer.initialize(repeating: Lanes(), count: Swift.max(count, 1))
            return pointer
        }
        (s, pi, q, logs, reference) = (buffer(regions), buffer(regions), buffer(regions), buffer(regions), buffer(regions))
        (groupShares, groupPeople) = (buffer(groupCount), buffer(groupCount))
        results = buffer(metrics.count)
        giniOrder = Array(0..<regions)
        suitsOrder = giniOrder
        let size = Swift.max(basis.codes.count, 1)
        func scalars() -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: size)
            pointer.initialize(repeating: 0, count: size)
            return pointer
        }
        (laneRatio, laneShare, lanePeople, laneReference, laneIntensity) = (scalars(), scalars(), scalars(), scalars(), scalars())
    }

    deinit {
        for pointer in [s, pi, q, logs, reference, groupShares, groupPeople, results] { pointer.deallocate() }
        for pointer in [laneRatio, laneShare, lanePeople, laneReference, laneIntensity] { pointer.deallocate() }
    }

    /// Writes every metric of every draw of the block into `values[metric * draws + draw]`
    /// (NaN where undefined); the reason when a draw has a region without population.
    func add(_ block: DrawBlock, referenced: Bool, to values: UnsafeMutablePointer<Double>) -> String? {
        var j = 0
        while j < block.width {
            let valid = Swift.min(Lanes.scalarCount, block.width - j)
            if let failure = load(block, at: j, referenced: referenced) { return failure }
            compute(referenced: referenced)
            for index in 0..<metrics.count {
                let target = values + index * block.draws + block.start + j
                if valid == Lanes.scalarCount {
                    UnsafeMutableRawPointer(target).storeBytes(of: results[index], as: Lanes.self)
                } else {
                    for lane in 0..<valid { target[lane] = results[index][lane] }
                }
            }
            j += Lanes.scalarCount
        }
        return nil
    }

    /// Shares of eight draws (the last draw repeated past the block's end).
    private func load(_ block: DrawBlock, at j: Int, referenced: Bool) -> String? {
        let last = block.width - 1
        let full = j + Lanes.scalarCount <= block.width
        let people = block.shareRows[0].baseAddress!, references = referenced ? block.shareRows[1].baseAddress : nil
        func lanes(_ row: UnsafePointer<Double>, _ offset: Int) -> Lanes {
            if full { return UnsafeRawPointer(row + offset + j).loadUnaligned(as: Lanes.self) }
            var value = Lanes()
            for lane in 0..<Lanes.scalarCount { value[lane] = row[offset + Swift.min(j + lane, last)] }
            return value
        }
        var total = Lanes(), peopleTotal = Lanes(), referenceTotal = Lanes()
        for r in 0..<regions {
            let a = lanes(block.amounts, r * block.width) * block.unitEuros
            let p = lanes(people, r * block.draws + block.start)
            if any(p .<= Lanes()) {
                let lane = (0..<Lanes.scalarCount).first { p[$0] <= 0 } ?? 0
                return "draw \(block.start + Swift.min(j + lane, last) + 1): the population of region \(codes[r]) is 0; per-capita amounts need a population above 0"
            }
            s[r] = a
            pi[r] = p
            total += a
            peopleTotal += p
            if let references {
                let x = lanes(references, r * block.draws + block.start)
                reference[r] = x
                referenceTotal += x
            }
        }
        let (toShare, toPeople, toReference) = (1 / total, 1 / peopleTotal, 1 / referenceTotal)
        for r in 0..<regions {
            s[r] *= toShare
            pi[r] *= toPeople
            q[r] = s[r] / pi[r]
            if referenced { reference[r] *= toReference }
        }
        return nil
    }

    private func compute(referenced: Bool) {
        let zero = Lanes(), one = Lanes(repeating: 1)
        var theil = zero, logMean = zero, squares = zero, hoover = zero, lh = zero
        var lowest = Lanes(repeating: .infinity), highest = Lanes(repeating: -.infinity)
        var anyZero = SIMDMask<SIMD8<Int64>>(repeating: false)
        for r in 0..<regions {
            let share = s[r], people = pi[r], ratio = q[r]
            let none = ratio .<= zero
            anyZero .|= none
            let log = LaneMath.log(ratio.replacing(with: one, where: none))
            logs[r] = log
            theil += (share * log).replacing(with: zero, where: none)
            logMean += people * log
            let deviation = ratio - one
            squares += people * deviation * deviation
            hoover += Self.magnitude(share - people)
            if referenced { lh += Self.magnitude(share - reference[r]) }
            lowest = lowest.replacing(with: ratio, where: ratio .< lowest)
            highest = highest.replacing(with: ratio, where: ratio .> highest)
        }
        let empty = s[0] .!= s[0]
        var between = zero
        if let groupOf {
            for g in 0..<groupCount {
                groupShares[g] = zero
                groupPeople[g] = zero
            }
            for r in 0..<regions {
                groupShares[groupOf[r]] += s[r]
                groupPeople[groupOf[r]] += pi[r]
            }
            for g in 0..<groupCount {
                let share = groupShares[g]
                let none = share .<= zero
                let log = LaneMath.log((share / groupPeople[g]).replacing(with: one, where: none))
                between += (share * log).replacing(with: zero, where: none)
            }
        }
        let (gini, suits) = regions <= Self.pairwiseRegions ? pairwise(referenced: referenced) : sorted(referenced: referenced)
        for (index, metric) in metrics.enumerated() {
            let value: Lanes
            switch metric {
            case .gini: value = gini
            case .theil: value = theil
            case .theilBetween: value = between
            case .theilWithin: value = theil - between
            case .atkinson(let epsilon): value = atkinson(epsilon, logMean: logMean, anyZero: anyZero)
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

    /// `q^(1 - E)` as `exp((1 - E) ln q)` from the logarithms already taken (0 where q = 0
    /// and E < 1), and the mean's power `1 / (1 - E)` the same way (a square for E = 0.5).
    private func atkinson(_ epsilon: Double, logMean: Lanes, anyZero: SIMDMask<SIMD8<Int64>>) -> Lanes {
        let zero = Lanes(), one = Lanes(repeating: 1)
        var value: Lanes
        if epsilon == 1 {
            value = one - LaneMath.exp(logMean.replacing(with: zero, where: anyZero))
        } else if epsilon == 2 {
            var mean = zero
            for r in 0..<regions { mean += pi[r] / q[r] }
            value = one - one / mean
        } else {
            var mean = zero
            for r in 0..<regions {
                mean += (pi[r] * LaneMath.exp((1 - epsilon) * logs[r])).replacing(with: zero, where: q[r] .<= zero)
            }
            value = epsilon == 0.5 ? one - mean * mean : one - LaneMath.exp(LaneMath.log(mean) / (1 - epsilon))
        }
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
            let (qi, pi_i, si) = (q[i], pi[i], s[i])
            let intensity = reference[i] / pi_i
            if referenced { concentration += reference[i] * si }
            for k in (i + 1)..<Swift.max(i + 1, regions) {
                gini += pi_i * pi[k] * Self.magnitude(qi - q[k])
                guard referenced else { continue }
                let other = reference[k] / pi[k]
                // Below: 2 r_k s_i; above: 2 r_i s_k; equal: r_k s_i + r_i s_k.
                let up = 2 * reference[k] * si, down = 2 * reference[i] * s[k]
                let equal = reference[k] * si + reference[i] * s[k]
                concentration += equal.replacing(with: up, where: intensity .< other).replacing(with: down, where: intensity .> other)
            }
        }
        return (gini, Lanes(repeating: 1) - concentration)
    }

    /// Gini and Suits by sorting each draw's regions (many regions), lane by lane on plain
    /// arrays of that lane's values.
    private func sorted(referenced: Bool) -> (Lanes, Lanes) {
        var gini = Lanes(), suits = Lanes()
        for lane in 0..<Lanes.scalarCount {
            for r in 0..<regions {
                laneRatio[r] = q[r][lane]
                laneShare[r] = s[r][lane]
                lanePeople[r] = pi[r][lane]
                laneReference[r] = reference[r][lane]
            }
            Self.insertionSort(&giniOrder, keys: laneRatio)
            var (area, cumulative) = (0.0, 0.0)
            for r in giniOrder {
                let next = cumulative + laneShare[r]
                area += lanePeople[r] * (next + cumulative)
                cumulative = next
            }
            gini[lane] = 1 - area
            guard referenced else { continue }
            for r in 0..<regions { laneIntensity[r] = laneReference[r] / lanePeople[r] }
            Self.insertionSort(&suitsOrder, keys: laneIntensity)
            var (y, twice) = (0.0, 0.0)
            var position = 0
            while position < regions {
                let level = laneIntensity[suitsOrder[position]]
                var (dx, dy) = (0.0, 0.0)
                while position < regions, laneIntensity[suitsOrder[position]] == level {
                    dx += laneReference[suitsOrder[position]]
                    dy += laneShare[suitsOrder[position]]
                    position += 1
                }
                twice += dx * (2 * y + dy)
                y += dy
            }
            suits[lane] = 1 - twice
        }
        return (gini, suits)
    }

    /// Insertion sort of `order` by `keys` ascending, ties by index: linear when the order
    /// is nearly right already (the previous draw's).
    static func insertionSort(_ order: inout [Int], keys: UnsafeMutablePointer<Double>) {
        guard order.count > 1 else { return }
        order.withUnsafeMutableBufferPointer { order in
            for i in 1..<order.count {
                let item = order[i], key = keys[item]
                var k = i
                while k > 0, key < keys[order[k - 1]] || (key == keys[order[k - 1]] && item < order[k - 1]) {
                    order[k] = order[k - 1]
                    k -= 1
                }
                order[k] = item
            }
        }
    }

    /// |x| by clearing the sign bits: one instruction.
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: Lanes.self)
    }

    /// Insertion sort: linear when the order is nearly right already.
    static func insertionSort(_ order: inout [Int], by before: (Int, Int) -> Bool) {
        guard order.count > 1 else { return }
        for i in 1..<order.count {
            let item = order[i]
            var k = i
            while k > 0, before(item, order[k - 1]) {
                order[k] = order[k - 1]
                k -= 1
            }
            order[k] = item
        }
    }
}
