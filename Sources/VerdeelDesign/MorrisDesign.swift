import VerdeelRandom

/// Morris's one-at-a-time trajectories (Morris 1991) with Campolongo's groups (2007), in
/// SALib's row layout: r trajectories of G + 1 rows each (G groups). On the grid of p
/// levels {0, 1/(p-1), ..., 1} with step delta = p / (2 (p - 1)), a trajectory starts at a
/// random x* whose coordinates are drawn from the p/2 levels in [0, 1 - delta], and moves
/// the groups one at a time in a random order, each of its factors by +delta or -delta
/// (a random direction per factor): factor i in group g takes
/// `x*_i + delta/2 ((2 b - 1) d_i + 1)`, b = 1 once g has moved, d_i = +-1. Draws come from
/// ``Philox`` with the given seed (stream 0x4D0E_1515), trajectory t using counters
/// (t, k, 0, 0): the order from k = 0, 1, ... (a Fisher-Yates shuffle, one 64-bit word per
/// swap), the directions and levels from the words after it.
public struct MorrisDesign: Sendable {
    public let problem: SensitivityProblem
    public let trajectories: Int
    public let levels: Int

    public init(problem: SensitivityProblem, trajectories: Int, levels: Int) throws(DesignError) {
        guard trajectories >= 2 else { throw DesignError("Morris needs at least 2 trajectories, not \(trajectories)") }
        guard trajectories <= 1_000_000 else { throw DesignError("\(trajectories) trajectories is more than 1,000,000; choose fewer") }
        guard levels >= 2, levels % 2 == 0, levels <= 1_000 else { throw DesignError("the number of levels p must be even and between 2 and 1,000, not \(levels)") }
        self.problem = problem
        self.trajectories = trajectories
        self.levels = levels
        try DesignMatrix.checkSize(rows: trajectories * rowsPerTrajectory, columns: problem.factors.count)
    }

    /// delta = p / (2 (p - 1)).
    public var delta: Double { Double(levels) / (2 * Double(levels - 1)) }

    public var rowsPerTrajectory: Int { problem.groups.count + 1 }

    public func matrix(seed: UInt64) -> DesignMatrix {
        let k = problem.factors.count, groups = problem.groups.count
        let generator = Philox(seed: seed, stream: 0x4D0E_1515)
        let starts = (0..<(levels / 2)).map { Double($0) / Double(levels - 1) }
        var values = [Double]()
        values.reserveCapacity(trajectories * rowsPerTrajectory * k)
        for t in 0..<trajectories {
            var words = WordStream(generator: generator, trajectory: t)
            var order = Array(0..<groups)
            for i in stride(from: groups - 1, to: 0, by: -1) {
                order.swapAt(i, Int(words.next() % UInt64(i + 1)))
            }
            let direction = (0..<k).map { _ in words.next() & 1 == 0 ? -1.0 : 1.0 }
            let start = (0..<k).map { _ in starts[Int(words.next() % UInt64(starts.count))] }
            var moved = [Bool](repeating: false, count: groups)
            for step in 0...groups {
                if step > 0 { moved[order[step - 1]] = true }
                for i in 0..<k {
                    let b = moved[problem.groupOfFactor[i]] ? 1.0 : 0.0
                    let u = start[i] + delta / 2 * ((2 * b - 1) * direction[i] + 1)
                    values.append(problem.factors[i].value(at: u))
                }
            }
        }
        return DesignMatrix(rows: trajectories * rowsPerTrajectory, columns: k, values: values)
    }
}

/// 64-bit words of one trajectory's counters, four per Philox block.
struct WordStream {
    let generator: Philox
    let trajectory: Int
    var counter = 0
    var buffer: [UInt64] = []

    init(generator: Philox, trajectory: Int) {
        self.generator = generator
        self.trajectory = trajectory
    }

    mutating func next() -> UInt64 {
        if buffer.isEmpty {
            let (a, b, c, d) = generator.block(UInt64(trajectory), UInt64(counter), 0, 0)
            counter += 1
            buffer = [d, c, b, a]
        }
        return buffer.removeLast()
    }
}
